import { createHash } from 'node:crypto';
import type { DigestAlgorithm } from './digest-algorithm.js';

/** The quality of protection of one response (RFC 7616 §3.3). */
export type DigestQop = 'auth' | 'auth-int';

/** Everything the `response` auth-param depends on (RFC 7616 §3.4.1). */
export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  /** Request method, e.g. `REGISTER`. */
  method: string;
  /** The Request-URI exactly as in the request line (the `uri` auth-param). */
  uri: string;
  /** `undefined` for the RFC 2069 compatible form without qop. */
  qop?: DigestQop;
  /** Eight hex digits, e.g. `00000001`; with qop only. */
  nc?: string;
  /** Client nonce; with qop or a `-sess` algorithm. */
  cnonce?: string;
  /** The message body, for `auth-int`. */
  body?: Buffer | string;
  /** A1 for `-sess` algorithms when already computed for this nonce (RFC 7616 §3.4.2). */
  sessionHA1?: string;
}

/** H(data): the algorithm's hash of the UTF-8 bytes, lower-case hex (RFC 7616 §3.4). */
export function digestHash(algorithm: DigestAlgorithm, data: string | Buffer): string {
  return createHash(algorithm.hash).update(data).digest('hex');
}

/**
 * H(A1) (RFC 7616 §3.4.2): H(username:realm:password), and for `-sess`
 * algorithms H(H(username:realm:password):nonce:cnonce).
 */
export function digestHA1(input: DigestInput): string {
  if (input.algorithm.session && input.sessionHA1 !== undefined) return input.sessionHA1;
  const base = digestHash(input.algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (!input.algorithm.session) return base;
  if (input.cnonce === undefined) throw new TypeError(`${input.algorithm.name} needs a cnonce`);
  return digestHash(input.algorithm, `${base}:${input.nonce}:${input.cnonce}`);
}

/**
 * H(A2) (RFC 7616 §3.4.3): H(method:uri), and for `auth-int`
 * H(method:uri:H(entity-body)), an empty body hashing as the empty string.
 */
export function digestHA2(input: DigestInput): string {
  if (input.qop === 'auth-int') {
    const bodyHash = digestHash(input.algorithm, input.body ?? '');
    return digestHash(input.algorithm, `${input.method}:${input.uri}:${bodyHash}`);
  }
  return digestHash(input.algorithm, `${input.method}:${input.uri}`);
}

/**
 * The `response` auth-param (RFC 7616 §3.4.1; RFC 2617 §3.2.2.1):
 * KD(H(A1), nonce:nc:cnonce:qop:H(A2)) with qop, or
 * KD(H(A1), nonce:H(A2)) without (RFC 2069 compatibility).
 */
export function digestResponse(input: DigestInput): string {
  const ha1 = digestHA1(input);
  const ha2 = digestHA2(input);
  if (input.qop === undefined) return digestHash(input.algorithm, `${ha1}:${input.nonce}:${ha2}`);
  if (input.nc === undefined || input.cnonce === undefined) throw new TypeError('qop needs nc and cnonce');
  return digestHash(input.algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

/** The `userhash` form of the user name: H(username:realm) (RFC 7616 §3.4.4). */
export function digestUserhash(algorithm: DigestAlgorithm, username: string, realm: string): string {
  return digestHash(algorithm, `${username}:${realm}`);
}

/** A nonce count as the `nc` auth-param writes it: eight lower-case hex digits (RFC 7616 §3.4). */
export function formatNonceCount(count: number): string {
  return (count >>> 0).toString(16).padStart(8, '0');
}
