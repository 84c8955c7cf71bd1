/** The plain data that authentication passes around: requests, headers and remembered challenges. */
import type { AuthValue } from '../message/headers/auth.js';
import type { Credentials } from './credentials.js';
import type { DigestChallenge } from './digest-challenge.js';
import type { DigestQop } from './digest-response.js';

/** Which header pair a challenge came in: 401 WWW-Authenticate or 407 Proxy-Authenticate. */
export type ChallengeKind = 'www' | 'proxy';

/** The request being authenticated. */
export interface AuthRequest {
  method: string;
  /** The Request-URI as written in the request line. */
  uri: string;
  /** The body, hashed for `qop=auth-int`. */
  body?: Buffer | string;
}

/** One header to put on the request. */
export interface AuthorizationHeader {
  /** `Authorization` (answers WWW-Authenticate) or `Proxy-Authorization` (answers Proxy-Authenticate). */
  name: 'Authorization' | 'Proxy-Authorization';
  /** The header value, formatted by {@link formatCredentials}. */
  value: string;
  /** The same credentials as data. */
  credentials: AuthValue;
}

/** A challenge remembered for one realm, with its nonce count (RFC 7616 §3.4). */
export interface CachedChallenge {
  readonly kind: ChallengeKind;
  readonly realm: string;
  readonly challenge: DigestChallenge;
  readonly credentials: Credentials;
  readonly qop: DigestQop | undefined;
  /** Requests answered with this nonce so far. */
  nonceCount: number;
  /** For `-sess` algorithms: the cnonce and H(A1) fixed at the first use of the nonce. */
  session?: { cnonce: string; ha1: string };
}

/** The key of a realm in the cache. */
export function challengeKey(kind: ChallengeKind, realm: string): string {
  return `${kind} ${realm}`;
}

