/**
 * Digest authentication for SIP (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760):
 * credentials, challenge reading, response computation and per-request retries.
 */
export { Credentials } from './credentials.js';
export { digestAlgorithm, supportedDigestAlgorithms } from './digest-algorithm.js';
export type { DigestAlgorithm } from './digest-algorithm.js';
export {
  digestHash,
  digestHA1,
  digestHA2,
  digestResponse,
  digestUserhash,
  formatNonceCount,
} from './digest-response.js';
export type { DigestInput, DigestQop } from './digest-response.js';
export { readDigestChallenge } from './digest-challenge.js';
export type { DigestChallenge, DigestChallengeResult } from './digest-challenge.js';
export { formatCredentials } from './format-credentials.js';
export { DigestAuthenticator } from './digest-authenticator.js';
export type { DigestAuthenticatorOptions } from './digest-authenticator.js';
export { challengeKey } from './auth-request.js';
export type { AuthorizationHeader, AuthRequest, CachedChallenge, ChallengeKind } from './auth-request.js';
export { AuthenticationSession } from './authentication-session.js';
export type { AuthenticationOutcome, ChallengeResponse } from './authentication-session.js';
