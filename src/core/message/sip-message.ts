/**
 * The SIP message model shared by requests and responses (RFC 3261 §7):
 * header fields kept as raw strings in order, typed values parsed lazily on
 * first access and cached until that header field changes.
 */
import { ParserError } from '../../errors.js';
import { headerKey, isAuthHeader, isListHeader } from './header-names.js';
import type { HeaderField } from './header-field.js';
import { splitChallenges, splitList } from './split-list.js';
import { parseAuthValue, type Challenge, type Credentials } from './headers/auth.js';
import { EventHeader, SubscriptionState } from './headers/event.js';
import { MediaType } from './headers/media-type.js';
import {
  parseReason,
  parseReplaces,
  parseRetryAfter,
  parseWarning,
  type Reason,
  type Replaces,
  type RetryAfter,
  type Warning,
} from './headers/misc.js';
import { Contact, NameAddress } from './headers/name-address.js';
import { parseCSeq, parseCallId, parseNumber, parseToken, type CSeq } from './headers/scalars.js';
import { Via } from './headers/via.js';

/** A header value given to {@link SIPMessage.setHeader}: text, several texts, or an object with `toString()`. */
export type HeaderValue = string | number | { toString(): string } | ReadonlyArray<string | number | { toString(): string }>;

const EMPTY = Buffer.alloc(0);

/** Base class of {@link SIPRequest} and {@link SIPResponse}. */
export abstract class SIPMessage {
  /** @internal Header fields in order. */
  protected fields: HeaderField[] = [];
  private _body: Buffer = EMPTY;
  /** @internal The bytes this message was parsed from, while it is unchanged. */
  protected raw: Buffer | undefined;
  private cache: Map<string, unknown> | undefined;

  constructor(headers?: Iterable<[string, HeaderValue]>, body?: Buffer | string) {
    if (headers) for (const [name, value] of headers) this.addHeader(name, value);
    if (body !== undefined) this._body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  }

  /** The start line without CRLF. */
  abstract get startLine(): string;

  /** @internal Installs parsed fields, body and source bytes (used by the parser). */
  initParsed(fields: HeaderField[], body: Buffer, raw: Buffer | undefined): void {
    this.fields = fields;
    this._body = body;
    this.raw = raw;
  }

  /** @internal Marks the message changed so serialization rebuilds it. */
  protected touch(key?: string): void {
    this.raw = undefined;
    if (key !== undefined) this.cache?.delete(key);
  }

  /** The message body (empty when there is none). */
  get body(): Buffer {
    return this._body;
  }
  set body(value: Buffer | string) {
    this._body = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
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
    const key = headerKey(name);
    const list = isListHeader(key);
    const auth = !list && isAuthHeader(key);
    const out: string[] = [];
    for (const f of this.fields) {
      if (f.key !== key) continue;
      if (list) out.push(...splitList(f.value));
      else if (auth) out.push(...splitChallenges(f.value));
      else out.push(f.value);
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
  protected typed<T>(key: string, parse: (message: this) => T): T {
    const cache = (this.cache ??= new Map());
    if (cache.has(key)) return cache.get(key) as T;
    const value = parse(this);
    cache.set(key, value);
    return value;
  }

  private single(key: string, element: string): string | undefined {
    let found: string | undefined;
    for (const f of this.fields) {
      if (f.key !== key) continue;
      if (found !== undefined) throw new ParserError(`more than one ${element} header field`, { element });
      found = f.value;
    }
    return found;
  }

  private required(key: string, element: string): string {
    const value = this.single(key, element);
    if (value === undefined) throw new ParserError(`missing ${element} header field`, { element });
    return value;
  }

  private list<T>(key: string, element: string, parse: (v: string) => T): T[] {
    return this.typed(key, (m) =>
      m.getHeaders(key).map((v) => {
        if (v === '') throw new ParserError(`empty element in ${element} list`, { element });
        return parse(v);
      }),
    );
  }

  private optionalNumber(key: string, element: string, max?: number): number | undefined {
    return this.typed(key, (m) => {
      const v = m.single(key, element);
      return v === undefined ? undefined : parseNumber(v, element, max);
    });
  }

  private optionalText(key: string, element: string): string | undefined {
    return this.typed(key, (m) => m.single(key, element));
  }

  /** Via elements, topmost first (RFC 3261 §20.42). */
  get via(): Via[] {
    return this.list('via', 'Via', Via.parse);
  }
  /** From (RFC 3261 §20.20); throws {@link ParserError} when missing or malformed. */
  get from(): NameAddress {
    return this.typed('from', (m) => NameAddress.parse(m.required('from', 'From'), 'From'));
  }
  /** To (RFC 3261 §20.39); throws {@link ParserError} when missing or malformed. */
  get to(): NameAddress {
    return this.typed('to', (m) => NameAddress.parse(m.required('to', 'To'), 'To'));
  }
  /** Call-ID (RFC 3261 §20.8). */
  get callId(): string {
    return this.typed('call-id', (m) => parseCallId(m.required('call-id', 'Call-ID')));
  }
  /** CSeq (RFC 3261 §20.16). */
  get cseq(): CSeq {
    return this.typed('cseq', (m) => parseCSeq(m.required('cseq', 'CSeq')));
  }
  /** Contact elements (RFC 3261 §20.10). */
  get contact(): Contact[] {
    return this.list('contact', 'Contact', Contact.parse);
  }
  /** Route (RFC 3261 §20.34). */
  get route(): NameAddress[] {
    return this.list('route', 'Route', (v) => NameAddress.parse(v, 'Route'));
  }
  /** Record-Route (RFC 3261 §20.30). */
  get recordRoute(): NameAddress[] {
    return this.list('record-route', 'Record-Route', (v) => NameAddress.parse(v, 'Record-Route'));
  }
  /** Path (RFC 3327). */
  get path(): NameAddress[] {
    return this.list('path', 'Path', (v) => NameAddress.parse(v, 'Path'));
  }
  /** Service-Route (RFC 3608). */
  get serviceRoute(): NameAddress[] {
    return this.list('service-route', 'Service-Route', (v) => NameAddress.parse(v, 'Service-Route'));
  }
  /** Max-Forwards (RFC 3261 §20.22), 0 to 255. */
  get maxForwards(): number | undefined {
    return this.optionalNumber('max-forwards', 'Max-Forwards', 255);
  }
  /** The Content-Length header field as received (RFC 3261 §20.14); the body's length is `body.length`. */
  get contentLength(): number | undefined {
    return this.optionalNumber('content-length', 'Content-Length');
  }
  /** Expires in seconds (RFC 3261 §20.19). */
  get expires(): number | undefined {
    return this.optionalNumber('expires', 'Expires');
  }
  /** Min-Expires in seconds (RFC 3261 §20.23). */
  get minExpires(): number | undefined {
    return this.optionalNumber('min-expires', 'Min-Expires');
  }
  /** Content-Type (RFC 3261 §20.15). */
  get contentType(): MediaType | undefined {
    return this.typed('content-type', (m) => {
      const v = m.single('content-type', 'Content-Type');
      return v === undefined ? undefined : MediaType.parse(v);
    });
  }
  /** Event (RFC 6665 §8.2.1). */
  get event(): EventHeader | undefined {
    return this.typed('event', (m) => {
      const v = m.single('event', 'Event');
      return v === undefined ? undefined : EventHeader.parse(v);
    });
  }
  /** Allow-Events (RFC 6665 §8.2.2). */
  get allowEvents(): string[] {
    return this.list('allow-events', 'Allow-Events', (v) => parseToken(v, 'Allow-Events'));
  }
  /** Subscription-State (RFC 6665 §8.2.3). */
  get subscriptionState(): SubscriptionState | undefined {
    return this.typed('subscription-state', (m) => {
      const v = m.single('subscription-state', 'Subscription-State');
      return v === undefined ? undefined : SubscriptionState.parse(v);
    });
  }
  /** Supported option tags (RFC 3261 §20.37). */
  get supported(): string[] {
    return this.list('supported', 'Supported', (v) => parseToken(v, 'Supported'));
  }
  /** Require option tags (RFC 3261 §20.32). */
  get require(): string[] {
    return this.list('require', 'Require', (v) => parseToken(v, 'Require'));
  }
  /** Allow methods (RFC 3261 §20.5). */
  get allow(): string[] {
    return this.list('allow', 'Allow', (v) => parseToken(v, 'Allow'));
  }
  /** Accept media ranges (RFC 3261 §20.1). */
  get accept(): MediaType[] {
    return this.list('accept', 'Accept', (v) => MediaType.parse(v, 'Accept'));
  }
  /** WWW-Authenticate challenges (RFC 3261 §20.44). */
  get wwwAuthenticate(): Challenge[] {
    return this.list('www-authenticate', 'WWW-Authenticate', (v) => parseAuthValue(v, 'WWW-Authenticate'));
  }
  /** Proxy-Authenticate challenges (RFC 3261 §20.27). */
  get proxyAuthenticate(): Challenge[] {
    return this.list('proxy-authenticate', 'Proxy-Authenticate', (v) => parseAuthValue(v, 'Proxy-Authenticate'));
  }
  /** Authorization credentials (RFC 3261 §20.7). */
  get authorization(): Credentials[] {
    return this.list('authorization', 'Authorization', (v) => parseAuthValue(v, 'Authorization'));
  }
  /** Proxy-Authorization credentials (RFC 3261 §20.28). */
  get proxyAuthorization(): Credentials[] {
    return this.list('proxy-authorization', 'Proxy-Authorization', (v) => parseAuthValue(v, 'Proxy-Authorization'));
  }
  /** SIP-ETag (RFC 3903 §11.3.1). */
  get sipETag(): string | undefined {
    return this.typed('sip-etag', (m) => {
      const v = m.single('sip-etag', 'SIP-ETag');
      return v === undefined ? undefined : parseToken(v, 'SIP-ETag');
    });
  }
  /** SIP-If-Match (RFC 3903 §11.3.2). */
  get sipIfMatch(): string | undefined {
    return this.typed('sip-if-match', (m) => {
      const v = m.single('sip-if-match', 'SIP-If-Match');
      return v === undefined ? undefined : parseToken(v, 'SIP-If-Match');
    });
  }
  /** Retry-After (RFC 3261 §20.33). */
  get retryAfter(): RetryAfter | undefined {
    return this.typed('retry-after', (m) => {
      const v = m.single('retry-after', 'Retry-After');
      return v === undefined ? undefined : parseRetryAfter(v);
    });
  }
  /** Reason header values (RFC 3326); named `reasons` because a response's `reason` is its phrase. */
  get reasons(): Reason[] {
    return this.list('reason', 'Reason', parseReason);
  }
  /** Refer-To (RFC 3515 §2.1). */
  get referTo(): NameAddress | undefined {
    return this.typed('refer-to', (m) => {
      const v = m.single('refer-to', 'Refer-To');
      return v === undefined ? undefined : NameAddress.parse(v, 'Refer-To');
    });
  }
  /** Referred-By (RFC 3892 §3). */
  get referredBy(): NameAddress | undefined {
    return this.typed('referred-by', (m) => {
      const v = m.single('referred-by', 'Referred-By');
      return v === undefined ? undefined : NameAddress.parse(v, 'Referred-By');
    });
  }
  /** Replaces (RFC 3891 §6.1). */
  get replaces(): Replaces | undefined {
    return this.typed('replaces', (m) => {
      const v = m.single('replaces', 'Replaces');
      return v === undefined ? undefined : parseReplaces(v);
    });
  }
  /** User-Agent text (RFC 3261 §20.41). */
  get userAgent(): string | undefined {
    return this.optionalText('user-agent', 'User-Agent');
  }
  /** Server text (RFC 3261 §20.35). */
  get server(): string | undefined {
    return this.optionalText('server', 'Server');
  }
  /** Warning values (RFC 3261 §20.43). */
  get warning(): Warning[] {
    return this.list('warning', 'Warning', parseWarning);
  }

  /** The serialized message; Content-Length is written from the body. */
  toBuffer(): Buffer {
    if (this.raw !== undefined) return this.raw;
    let head = this.startLine + '\r\n';
    let wroteLength = false;
    const length = String(this._body.length);
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
    return this._body.length === 0 ? headBytes : Buffer.concat([headBytes, this._body]);
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
