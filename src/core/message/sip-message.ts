/**
 * The SIP message model shared by requests and responses (RFC 3261 §7):
 * header fields kept as raw strings in order, typed values parsed lazily on
 * first access and cached until that header field changes.
 */
import { ParserError } from '../../errors.js';
import { headerKey, isAuthHeader, isListHeader } from './header-names.js';
import type { HeaderField } from './header-field.js';
import { splitChallenges, splitList } from './split-list.js';
import type { Challenge, Credentials } from './headers/auth.js';
import type { EventHeader } from './headers/event.js';
import type { MediaType } from './headers/media-type.js';
import type { Contact, NameAddress } from './headers/name-address.js';
import type { Reason } from './headers/reason.js';
import type { Replaces } from './headers/replaces.js';
import type { RetryAfter } from './headers/retry-after.js';
import type { CSeq } from './headers/scalars.js';
import type { SubscriptionState } from './headers/subscription-state.js';
import type { Via } from './headers/via.js';
import type { Warning } from './headers/warning.js';
import { NONE, SLOTS, TYPED as F, type Extract } from './typed-fields.js';

/** A header value given to {@link SIPMessage.setHeader}: text, several texts, or an object with `toString()`. */
export type HeaderValue = string | number | { toString(): string } | ReadonlyArray<string | number | { toString(): string }>;

const EMPTY = Buffer.alloc(0);

/**
 * Base class of {@link SIPRequest} and {@link SIPResponse}. Typed getters return
 * parsed views of the header fields: change a header field with
 * {@link SIPMessage.setHeader} (or `addHeader` / `removeHeader`), not by editing
 * a returned object. A message parsed from bytes serializes back to exactly
 * those bytes until it is changed.
 */
export abstract class SIPMessage {
  /** @internal Header fields in order. */
  protected fields: HeaderField[] = [];
  private _body: Buffer | undefined = EMPTY;
  /** @internal The datagram or frame this message was parsed from; `undefined` once changed. */
  private source: Buffer | undefined;
  /** @internal Offsets of the message and its body in `source`. */
  private rawStart = 0;
  private bodyStart = 0;
  private rawEnd = 0;
  private cache: unknown[] | undefined;

  constructor(headers?: Iterable<[string, HeaderValue]>, body?: Buffer | string) {
    if (headers) for (const [name, value] of headers) this.addHeader(name, value);
    if (body !== undefined) this._body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  }

  /** The start line without CRLF. */
  abstract get startLine(): string;

  /** @internal Installs parsed fields, body and source bytes (used by the parser). */
  initParsed(fields: HeaderField[], source: Buffer, rawStart: number, bodyStart: number, rawEnd: number): void {
    this.fields = fields;
    this.source = source;
    this.rawStart = rawStart;
    this.bodyStart = bodyStart;
    this.rawEnd = rawEnd;
    this._body = undefined;
  }

  /** @internal Marks the message changed so serialization rebuilds it. */
  protected touch(key?: string): void {
    if (this._body === undefined) this._body = this.body;
    this.source = undefined;
    if (key !== undefined && this.cache !== undefined) {
      for (const slot of SLOTS.get(key) ?? []) this.cache[slot] = undefined;
    }
  }

  /** The message body (empty when there is none). */
  get body(): Buffer {
    return (this._body ??= this.source!.subarray(this.bodyStart, this.rawEnd));
  }
  set body(value: Buffer | string) {
    const body = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this._body = body;
    this.fields = this.fields.map((f) => (f.key === 'content-length' ? { ...f, value: String(body.length) } : f));
    this.touch('content-length');
  }

  /** Header field names and values in order, as stored. */
  get headerFields(): ReadonlyArray<Readonly<HeaderField>> {
    return this.fields;
  }

  /**
   * The first value of a header field (compact forms and case resolved). For
   * list header fields this is the first list element.
   */
  getHeader(name: string): string | undefined {
    const key = headerKey(name);
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.key === key) {
        if (f.value.indexOf(',') < 0) return f.value;
        if (isListHeader(key)) return splitList(f.value)[0];
        if (isAuthHeader(key)) return splitChallenges(f.value)[0];
        return f.value;
      }
    }
    return undefined;
  }

  /** Every value of a header field across all its lines, comma lists split into elements. */
  getHeaders(name: string): string[] {
    return this.valuesOf(headerKey(name));
  }

  /** @internal {@link getHeaders} for a key already normalized by `headerKey`. */
  valuesOf(key: string): string[] {
    const list = isListHeader(key);
    const auth = !list && isAuthHeader(key);
    const out: string[] = [];
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.key !== key) continue;
      // An empty list header field (e.g. `Accept:` or `Supported:`) has no elements (RFC 3261 §20.1).
      if (list) {
        if (f.value !== '') out.push(...splitList(f.value));
      } else if (auth) {
        out.push(...splitChallenges(f.value));
      } else {
        out.push(f.value);
      }
    }
    return out;
  }

  /** Whether the message has a header field of this name. */
  hasHeader(name: string): boolean {
    const key = headerKey(name);
    return this.fields.some((f) => f.key === key);
  }

  /** Replaces every field of this name with the given value(s), at the position of the first. */
  setHeader(name: string, value: HeaderValue): void {
    const key = headerKey(name);
    const values = toValues(value);
    const index = this.fields.findIndex((f) => f.key === key);
    this.fields = this.fields.filter((f) => f.key !== key);
    const added = values.map((v) => ({ name, key, value: v }));
    this.fields.splice(index < 0 ? this.fields.length : index, 0, ...added);
    this.touch(key);
  }

  /** Adds field line(s) after the existing ones, or before them with `first` (e.g. a new Via). */
  addHeader(name: string, value: HeaderValue, options: { first?: boolean } = {}): void {
    const key = headerKey(name);
    const added = toValues(value).map((v) => ({ name, key, value: v }));
    if (options.first) {
      const index = this.fields.findIndex((f) => f.key === key);
      this.fields.splice(index < 0 ? this.fields.length : index, 0, ...added);
    } else {
      let index = -1;
      for (let i = this.fields.length - 1; i >= 0; i--) {
        if (this.fields[i]!.key === key) {
          index = i + 1;
          break;
        }
      }
      this.fields.splice(index < 0 ? this.fields.length : index, 0, ...added);
    }
    this.touch(key);
  }

  /** Removes every field of this name; returns whether one was present. */
  removeHeader(name: string): boolean {
    const key = headerKey(name);
    const before = this.fields.length;
    this.fields = this.fields.filter((f) => f.key !== key);
    if (this.fields.length === before) return false;
    this.touch(key);
    return true;
  }

  /** @internal Parses and caches the typed value of a header field. */
  protected typed<T>(extract: Extract<T>): T {
    const cache = (this.cache ??= []);
    const cached = cache[extract.slot];
    if (cached !== undefined) return (cached === NONE ? undefined : cached) as T;
    const value = extract(this);
    cache[extract.slot] = value === undefined ? NONE : value;
    return value;
  }

  /** Via elements, topmost first (RFC 3261 §20.42). */
  get via(): Via[] {
    return this.typed(F.VIA);
  }
  /** From (RFC 3261 §20.20); throws {@link ParserError} when missing or malformed. */
  get from(): NameAddress {
    return this.typed(F.FROM);
  }
  /** To (RFC 3261 §20.39); throws {@link ParserError} when missing or malformed. */
  get to(): NameAddress {
    return this.typed(F.TO);
  }
  /** Call-ID (RFC 3261 §20.8). */
  get callId(): string {
    return this.typed(F.CALL_ID);
  }
  /** CSeq (RFC 3261 §20.16). */
  get cseq(): CSeq {
    return this.typed(F.CSEQ);
  }
  /** Contact elements (RFC 3261 §20.10). */
  get contact(): Contact[] {
    return this.typed(F.CONTACT);
  }
  /** Route (RFC 3261 §20.34). */
  get route(): NameAddress[] {
    return this.typed(F.ROUTE);
  }
  /** Record-Route (RFC 3261 §20.30). */
  get recordRoute(): NameAddress[] {
    return this.typed(F.RECORD_ROUTE);
  }
  /** Path (RFC 3327). */
  get path(): NameAddress[] {
    return this.typed(F.PATH);
  }
  /** Service-Route (RFC 3608). */
  get serviceRoute(): NameAddress[] {
    return this.typed(F.SERVICE_ROUTE);
  }
  /** Max-Forwards (RFC 3261 §20.22), 0 to 255. */
  get maxForwards(): number | undefined {
    return this.typed(F.MAX_FORWARDS);
  }
  /** The Content-Length header field as received (RFC 3261 §20.14); the body's length is `body.length`. */
  get contentLength(): number | undefined {
    return this.typed(F.CONTENT_LENGTH);
  }
  /** Expires in seconds (RFC 3261 §20.19). */
  get expires(): number | undefined {
    return this.typed(F.EXPIRES);
  }
  /** Min-Expires in seconds (RFC 3261 §20.23). */
  get minExpires(): number | undefined {
    return this.typed(F.MIN_EXPIRES);
  }
  /** Content-Type (RFC 3261 §20.15). */
  get contentType(): MediaType | undefined {
    return this.typed(F.CONTENT_TYPE);
  }
  /** Event (RFC 6665 §8.2.1). */
  get event(): EventHeader | undefined {
    return this.typed(F.EVENT);
  }
  /** Allow-Events (RFC 6665 §8.2.2). */
  get allowEvents(): string[] {
    return this.typed(F.ALLOW_EVENTS);
  }
  /** Subscription-State (RFC 6665 §8.2.3). */
  get subscriptionState(): SubscriptionState | undefined {
    return this.typed(F.SUBSCRIPTION_STATE);
  }
  /** Supported option tags (RFC 3261 §20.37). */
  get supported(): string[] {
    return this.typed(F.SUPPORTED);
  }
  /** Require option tags (RFC 3261 §20.32). */
  get require(): string[] {
    return this.typed(F.REQUIRE);
  }
  /** Allow methods (RFC 3261 §20.5). */
  get allow(): string[] {
    return this.typed(F.ALLOW);
  }
  /** Accept media ranges (RFC 3261 §20.1). */
  get accept(): MediaType[] {
    return this.typed(F.ACCEPT);
  }
  /** WWW-Authenticate challenges (RFC 3261 §20.44). */
  get wwwAuthenticate(): Challenge[] {
    return this.typed(F.WWW_AUTHENTICATE);
  }
  /** Proxy-Authenticate challenges (RFC 3261 §20.27). */
  get proxyAuthenticate(): Challenge[] {
    return this.typed(F.PROXY_AUTHENTICATE);
  }
  /** Authorization credentials (RFC 3261 §20.7). */
  get authorization(): Credentials[] {
    return this.typed(F.AUTHORIZATION);
  }
  /** Proxy-Authorization credentials (RFC 3261 §20.28). */
  get proxyAuthorization(): Credentials[] {
    return this.typed(F.PROXY_AUTHORIZATION);
  }
  /** SIP-ETag (RFC 3903 §11.3.1). */
  get sipETag(): string | undefined {
    return this.typed(F.SIP_ETAG);
  }
  /** SIP-If-Match (RFC 3903 §11.3.2). */
  get sipIfMatch(): string | undefined {
    return this.typed(F.SIP_IF_MATCH);
  }
  /** Retry-After (RFC 3261 §20.33). */
  get retryAfter(): RetryAfter | undefined {
    return this.typed(F.RETRY_AFTER);
  }
  /** Reason header values (RFC 3326); named `reasons` because a response's `reason` is its phrase. */
  get reasons(): Reason[] {
    return this.typed(F.REASON);
  }
  /** Refer-To (RFC 3515 §2.1). */
  get referTo(): NameAddress | undefined {
    return this.typed(F.REFER_TO);
  }
  /** Referred-By (RFC 3892 §3). */
  get referredBy(): NameAddress | undefined {
    return this.typed(F.REFERRED_BY);
  }
  /** Replaces (RFC 3891 §6.1). */
  get replaces(): Replaces | undefined {
    return this.typed(F.REPLACES);
  }
  /** User-Agent text (RFC 3261 §20.41). */
  get userAgent(): string | undefined {
    return this.typed(F.USER_AGENT);
  }
  /** Server text (RFC 3261 §20.35). */
  get server(): string | undefined {
    return this.typed(F.SERVER);
  }
  /** Warning values (RFC 3261 §20.43). */
  get warning(): Warning[] {
    return this.typed(F.WARNING);
  }

  /** The serialized message; Content-Length is written from the body. */
  toBuffer(): Buffer {
    if (this.source !== undefined) return this.source.subarray(this.rawStart, this.rawEnd);
    const body = this.body;
    let head = this.startLine + '\r\n';
    let wroteLength = false;
    const length = String(body.length);
    for (const f of this.fields) {
      if (f.key === 'content-length') {
        if (wroteLength) continue;
        head += f.name + ': ' + length + '\r\n';
        wroteLength = true;
      } else {
        head += f.name + ': ' + f.value + '\r\n';
      }
    }
    if (!wroteLength) head += 'Content-Length: ' + length + '\r\n';
    head += '\r\n';
    const headBytes = Buffer.from(head, 'utf8');
    return body.length === 0 ? headBytes : Buffer.concat([headBytes, body]);
  }

  /** The serialized message as text (the body decoded as UTF-8). */
  toString(): string {
    return this.toBuffer().toString('utf8');
  }
}

function toValues(value: HeaderValue): string[] {
  if (Array.isArray(value)) return (value as ReadonlyArray<string | number | { toString(): string }>).map((v) => checkValue(String(v)));
  return [checkValue(String(value))];
}

function checkValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new ParserError('header value contains CR or LF', { element: 'header' });
  return value.trim();
}
