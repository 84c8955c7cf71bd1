import type { AuthValue } from '../message/headers/auth.js';
import { digestAlgorithm, type DigestAlgorithm } from './digest-algorithm.js';
import type { DigestQop } from './digest-response.js';

/** A Digest challenge this stack can answer, checked and typed (RFC 7616 §3.3). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  algorithm: DigestAlgorithm;
  /** The qop values offered that this stack supports; empty when the challenge has no qop. */
  qop: DigestQop[];
  /** Whether the server offered qop at all (then one supported value is required). */
  qopOffered: boolean;
  /** `stale=true`: the previous nonce expired but the credentials were right. */
  stale: boolean;
  /** `userhash=true`: the server accepts a hashed user name (RFC 7616 §3.4.4). */
  userhash: boolean;
}

/** Either a usable challenge or why it is not. */
export type DigestChallengeResult = { ok: true; challenge: DigestChallenge } | { ok: false; reason: string };

/**
 * Checks one WWW-Authenticate / Proxy-Authenticate value (as the message
 * layer parses it) and types it. Non-Digest schemes, missing realm or nonce,
 * unknown algorithms and qop offers without `auth` or `auth-int` are not usable.
 */
export function readDigestChallenge(value: AuthValue): DigestChallengeResult {
  if (value.scheme.toLowerCase() !== 'digest') return { ok: false, reason: `scheme ${value.scheme} is not Digest` };
  const params = value.params;
  const realm = params['realm'];
  const nonce = params['nonce'];
  if (realm === undefined) return { ok: false, reason: 'Digest challenge without realm' };
  if (nonce === undefined || nonce === '') return { ok: false, reason: `Digest challenge for realm "${realm}" without nonce` };
  const algorithm = digestAlgorithm(params['algorithm']);
  if (!algorithm) return { ok: false, reason: `unsupported Digest algorithm ${params['algorithm']}` };
  const offered = params['qop'];
  const qop: DigestQop[] = [];
  if (offered !== undefined) {
    for (const item of offered.split(',')) {
      const token = item.trim().toLowerCase();
      if ((token === 'auth' || token === 'auth-int') && !qop.includes(token)) qop.push(token);
    }
    if (qop.length === 0) return { ok: false, reason: `unsupported qop "${offered}" for realm "${realm}"` };
  }
  return {
    ok: true,
    challenge: {
      realm,
      nonce,
      opaque: params['opaque'],
      algorithm,
      qop,
      qopOffered: offered !== undefined,
      stale: (params['stale'] ?? '').toLowerCase() === 'true',
      userhash: (params['userhash'] ?? '').toLowerCase() === 'true',
    },
  };
}
