/**
 * Challenges (WWW-Authenticate, Proxy-Authenticate) and credentials
 * (Authorization, Proxy-Authorization) of RFC 3261 §20.7, §20.27, §20.28, §20.44
 * and RFC 7235 §2.1.
 */
import { isToken } from '../../uri/char-class.js';
import { Scanner, quote } from './scanner.js';

/** One challenge or one set of credentials: a scheme and its auth-params. */
export interface AuthValue {
  /** The scheme as received (compare case-insensitively), e.g. `Digest`. */
  scheme: string;
  /** Auth-params: names in lower case, values with quotes and escapes removed. */
  params: Record<string, string>;
  /** A token68 instead of auth-params (RFC 7235 §2.1), e.g. Basic credentials. */
  token68?: string;
}

/** A challenge from WWW-Authenticate or Proxy-Authenticate. */
export type Challenge = AuthValue;
/** Credentials of Authorization or Proxy-Authorization. */
export type Credentials = AuthValue;

/** Parses one challenge or credentials value; `element` names the header field for errors. */
export function parseAuthValue(text: string, element: string): AuthValue {
  const s = new Scanner(text, element);
  s.skipWS();
  const scheme = s.token('auth scheme');
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const result: AuthValue = { scheme, params };
  if (!s.skipWS()) {
    s.end();
    return result;
  }
  const save = s.pos;
  const token68 = /^[A-Za-z0-9\-._~+/]+=*\s*$/.exec(text.slice(save));
  if (token68) {
    result.token68 = token68[0].trim();
    return result;
  }
  for (;;) {
    s.skipWS();
    if (s.done) break;
    const name = s.token('auth-param name').toLowerCase();
    s.expect(0x3d);
    const value = s.peek() === 0x22 ? s.quoted() : s.token('auth-param value');
    params[name] = value;
    s.skipWS();
    if (s.done) break;
    s.expect(0x2c);
    if (s.done) s.fail('expected auth-param after ","');
  }
  return result;
}

/** Serializes a challenge or credentials; `unquoted` names params written without quotes. */
export function formatAuthValue(
  value: AuthValue,
  unquoted: ReadonlySet<string> = new Set(['algorithm', 'stale', 'qop', 'nc']),
): string {
  if (value.token68 !== undefined) return `${value.scheme} ${value.token68}`;
  const parts: string[] = [];
  for (const [name, v] of Object.entries(value.params)) {
    parts.push(`${name}=${unquoted.has(name) && isToken(v) ? v : quote(v)}`);
  }
  return parts.length === 0 ? value.scheme : `${value.scheme} ${parts.join(', ')}`;
}
