import { formatAuthValue, type AuthValue } from '../message/headers/auth.js';

/**
 * Auth-params written as tokens in Authorization and Proxy-Authorization
 * (RFC 7616 §3.4: `algorithm`, `qop`, `nc` and `userhash` are unquoted; every
 * other parameter, `username`, `realm`, `nonce`, `uri`, `response`, `cnonce`
 * and `opaque` included, is a quoted string).
 */
const UNQUOTED_CREDENTIAL_PARAMS: ReadonlySet<string> = new Set(['algorithm', 'qop', 'nc', 'userhash']);

/** Renders credentials as an Authorization / Proxy-Authorization header value (RFC 7616 §3.4). */
export function formatCredentials(credentials: AuthValue): string {
  return formatAuthValue(credentials, UNQUOTED_CREDENTIAL_PARAMS);
}
