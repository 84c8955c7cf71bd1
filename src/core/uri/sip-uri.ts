/** SIP and SIPS URIs (RFC 3261 §19.1, grammar §25.1). */
import { ParserError } from '../../errors.js';
import { HEADER_CHAR, PARAM_CHAR, PASSWORD, USER, isEscapedRun } from './char-class.js';
import { parseHostPort } from './host-port.js';
import { unescape } from './escape.js';
import { Params } from './params.js';

/** Fields from which a {@link SIPURI} is built. */
export interface SIPURIFields {
  scheme?: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params?: Params | Iterable<[string, string | null]>;
  headers?: Params | Iterable<[string, string]>;
}

/**
 * A `sip:` or `sips:` URI. `user`, `password`, parameter and header values keep
 * their escapes as received (use {@link unescape} to decode them), so that a parsed
 * URI serializes back to exactly its original text while unchanged.
 */
export class SIPURI {
  /** Always `'sip'` or `'sips'` (lower case). */
  readonly kind = 'sip' as const;
  private _scheme: 'sip' | 'sips';
  private _user: string | undefined;
  private _password: string | undefined;
  private _host: string;
  private _port: number | undefined;
  readonly params: Params;
  private _headers: Params | undefined;
  private raw: string | undefined;
  private rawParamsVersion = 0;
  private rawHeadersVersion = 0;

  constructor(fields: SIPURIFields) {
    this._scheme = fields.scheme ?? 'sip';
    this._user = fields.user;
    this._password = fields.password;
    this._host = fields.host;
    this._port = fields.port;
    this.params = fields.params instanceof Params ? fields.params : new Params(fields.params ?? []);
    if (fields.headers !== undefined) {
      this._headers = fields.headers instanceof Params ? fields.headers : new Params(fields.headers);
    }
  }

  /** Parses a SIP or SIPS URI (RFC 3261 §19.1.1); throws {@link ParserError} on bad syntax. */
  static parse(text: string): SIPURI {
    return parseSIPURI(text);
  }

  /** URI headers (`?name=value&...`), values escaped as received. */
  get headers(): Params {
    return (this._headers ??= new Params());
  }

  /** @internal Records the text this URI was parsed from, for lossless serialization. */
  setRaw(raw: string): void {
    this.raw = raw;
    this.rawParamsVersion = this.params.version;
    this.rawHeadersVersion = this._headers?.version ?? 0;
  }

  get scheme(): 'sip' | 'sips' {
    return this._scheme;
  }
  set scheme(value: 'sip' | 'sips') {
    this._scheme = value;
    this.raw = undefined;
  }
  get user(): string | undefined {
    return this._user;
  }
  set user(value: string | undefined) {
    this._user = value;
    this.raw = undefined;
  }
  get password(): string | undefined {
    return this._password;
  }
  set password(value: string | undefined) {
    this._password = value;
    this.raw = undefined;
  }
  get host(): string {
    return this._host;
  }
  set host(value: string) {
    this._host = value;
    this.raw = undefined;
  }
  get port(): number | undefined {
    return this._port;
  }
  set port(value: number | undefined) {
    this._port = value;
    this.raw = undefined;
  }

  /** The `transport` parameter in lower case, if present. */
  get transport(): string | undefined {
    const t = this.params.get('transport');
    return typeof t === 'string' ? t.toLowerCase() : undefined;
  }

  /** `host[:port]` with IPv6 references bracketed as in the URI. */
  get hostport(): string {
    return this._port === undefined ? this._host : `${this._host}:${this._port}`;
  }

  /** A deep copy. */
  clone(): SIPURI {
    const copy = new SIPURI({
      scheme: this._scheme,
      user: this._user,
      password: this._password,
      host: this._host,
      port: this._port,
      params: this.params.clone(),
      headers: this._headers?.clone(),
    });
    if (this.isPristine()) copy.setRaw(this.raw!);
    return copy;
  }

  private isPristine(): boolean {
    return (
      this.raw !== undefined &&
      this.params.version === this.rawParamsVersion &&
      (this._headers?.version ?? 0) === this.rawHeadersVersion
    );
  }

  /** The URI text: the original text while unchanged, else built from the fields. */
  toString(): string {
    if (this.isPristine()) return this.raw!;
    let out = this._scheme + ':';
    if (this._user !== undefined) {
      out += this._user;
      if (this._password !== undefined) out += ':' + this._password;
      out += '@';
    }
    out += this.hostport + this.params.toString();
    let sep = '?';
    for (const h of this._headers ?? []) {
      out += sep + h.name + '=' + (h.value ?? '');
      sep = '&';
    }
    return out;
  }

  /** URI comparison of RFC 3261 §19.1.4. */
  equals(other: unknown): boolean {
    if (!(other instanceof SIPURI)) return false;
    if (this._scheme !== other._scheme) return false;
    if (unescapeOpt(this._user) !== unescapeOpt(other._user)) return false;
    if (unescapeOpt(this._password) !== unescapeOpt(other._password)) return false;
    if (this._host.toLowerCase() !== other._host.toLowerCase()) return false;
    if (this._port !== other._port) return false;
    if (!paramsMatch(this.params, other.params) || !paramsMatch(other.params, this.params)) return false;
    return headersMatch(this.headers, other.headers) && headersMatch(other.headers, this.headers);
  }
}

function unescapeOpt(value: string | undefined): string | undefined {
  return value === undefined ? undefined : unescape(value);
}

/** Parameters that must match when present in either URI (§19.1.4). */
const STRICT_PARAMS = ['user', 'ttl', 'method', 'maddr', 'transport'];

function normParam(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? unescape(value).toLowerCase() : value;
}

function paramsMatch(a: Params, b: Params): boolean {
  for (const p of a) {
    const strict = STRICT_PARAMS.includes(p.name.toLowerCase());
    if (!b.has(p.name)) {
      if (strict) return false;
      continue;
    }
    if (normParam(p.value) !== normParam(b.get(p.name))) return false;
  }
  return true;
}

function headersMatch(a: Params, b: Params): boolean {
  for (const h of a) {
    const other = b.get(h.name);
    if (other === undefined || unescape(other ?? '') !== unescape(h.value ?? '')) return false;
  }
  return true;
}

function fail(what: string, text: string, offset: number): never {
  throw new ParserError(`${what} in URI "${text}" at offset ${offset}`, { offset, element: 'SIP-URI' });
}

function parseSIPURI(text: string): SIPURI {
  const colon = text.indexOf(':');
  const scheme = text.slice(0, colon).toLowerCase();
  if (colon < 0 || (scheme !== 'sip' && scheme !== 'sips')) fail('expected sip: or sips: scheme', text, 0);
  const end = text.length;
  let user: string | undefined;
  let password: string | undefined;
  let hostStart = colon + 1;
  const at = text.indexOf('@', hostStart);
  if (at >= 0) {
    const userinfo = text.slice(hostStart, at);
    const pw = userinfo.indexOf(':');
    user = pw < 0 ? userinfo : userinfo.slice(0, pw);
    if (!isEscapedRun(USER, user)) fail('bad user part', text, hostStart);
    if (pw >= 0) {
      password = userinfo.slice(pw + 1);
      if (password.length > 0 && !isEscapedRun(PASSWORD, password)) fail('bad password', text, hostStart + pw + 1);
    }
    hostStart = at + 1;
  }
  const hp = parseHostPort(text, hostStart, end, 'SIP-URI');
  let i = hp.next;
  const params = new Params();
  while (i < end && text.charCodeAt(i) === 0x3b) {
    const start = i + 1;
    let stop = start;
    while (stop < end) {
      const c = text.charCodeAt(stop);
      if (c === 0x3b || c === 0x3f) break;
      stop++;
    }
    const eq = text.indexOf('=', start);
    const hasValue = eq >= 0 && eq < stop;
    const name = text.slice(start, hasValue ? eq : stop);
    const value = hasValue ? text.slice(eq + 1, stop) : null;
    if (!isEscapedRun(PARAM_CHAR, name)) fail('bad URI parameter name', text, start);
    if (value !== null && !isEscapedRun(PARAM_CHAR, value)) fail('bad URI parameter value', text, eq + 1);
    params.append(name, value);
    i = stop;
  }
  let headers: Params | undefined;
  if (i < end && text.charCodeAt(i) === 0x3f) {
    headers = new Params();
    for (const part of text.slice(i + 1).split('&')) {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      if (!isEscapedRun(HEADER_CHAR, name)) fail('bad URI header name', text, i + 1);
      if (value.length > 0 && !isEscapedRun(HEADER_CHAR, value)) fail('bad URI header value', text, i + 1);
      headers.append(name, value);
    }
    i = end;
  }
  if (i !== end) fail(`unexpected character "${text[i]}"`, text, i);
  const uri = new SIPURI({
    scheme: scheme as 'sip' | 'sips',
    user,
    password,
    host: hp.host,
    port: hp.port,
    params,
    headers,
  });
  uri.setRaw(text);
  return uri;
}
