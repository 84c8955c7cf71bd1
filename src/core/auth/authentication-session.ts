import type { AuthValue } from '../message/headers/auth.js';
import { readDigestChallenge, type DigestChallenge } from './digest-challenge.js';
import {
  challengeKey,
  type AuthorizationHeader,
  type AuthRequest,
  type CachedChallenge,
  type ChallengeKind,
} from './auth-request.js';
import type { DigestAuthenticator } from './digest-authenticator.js';

/** The parts of a 401 or 407 response that authentication reads; a `SIPResponse` fits. */
export interface ChallengeResponse {
  readonly status: number;
  /** WWW-Authenticate challenges (401). */
  readonly wwwAuthenticate?: AuthValue[];
  /** Proxy-Authenticate challenges (407). */
  readonly proxyAuthenticate?: AuthValue[];
}

/** What to do after a 401 or 407. */
export type AuthenticationOutcome =
  | {
      action: 'retry';
      /** Every Authorization / Proxy-Authorization header of the new request (replace the old ones). */
      headers: AuthorizationHeader[];
      /** Whether this retry only refreshes expired nonces (`stale=true`). */
      stale: boolean;
    }
  | { action: 'give-up'; reason: string };

/**
 * Authentication of one request and its re-sends (RFC 3261 §22.2, §22.3):
 * `headers` are what to send first (answers to realms already known); each
 * 401/407 goes to {@link AuthenticationSession.handleChallenge}, which says
 * whether to re-send and with which headers, or to give up.
 *
 * Proxy and server challenges add up: credentials for every realm answered
 * so far go on each re-send. Of several challenges for one realm the
 * strongest algorithm wins (SHA-512-256 > SHA-256 > MD5). A realm answered
 * before and challenged again is a rejection, counted against `maxAttempts`;
 * `stale=true` only refreshes the nonce and counts against `maxStaleRetries`.
 *
 * The caller re-sends as a new transaction: same Call-ID, CSeq plus one, new
 * Via branch (RFC 3261 §22.2), with every Authorization and Proxy-Authorization
 * header replaced by the ones returned.
 */
export class AuthenticationSession {
  /** The headers to send on the first try. */
  readonly headers: AuthorizationHeader[];
  private readonly answered = new Map<string, CachedChallenge>();
  private attemptCount = 0;
  private staleCount = 0;

  constructor(
    private readonly authenticator: DigestAuthenticator,
    private readonly request: AuthRequest,
  ) {
    for (const entry of authenticator.cachedChallenges()) this.answered.set(challengeKey(entry.kind, entry.realm), entry);
    this.headers = this.build();
  }

  /** How many non-stale retries this request has made. */
  get attempts(): number {
    return this.attemptCount;
  }

  /** Reads a 401/407 and says whether and how to re-send the request. */
  handleChallenge(response: ChallengeResponse): AuthenticationOutcome {
    if (response.status !== 401 && response.status !== 407) {
      return { action: 'give-up', reason: `a ${response.status} response is not an authentication challenge` };
    }
    let lists: Array<[ChallengeKind, AuthValue[]]>;
    try {
      lists = [
        ['www', response.wwwAuthenticate ?? []],
        ['proxy', response.proxyAuthenticate ?? []],
      ];
    } catch (error) {
      return { action: 'give-up', reason: `malformed challenge: ${error instanceof Error ? error.message : String(error)}` };
    }
    const reasons: string[] = [];
    const chosen = new Map<string, { kind: ChallengeKind; challenge: DigestChallenge }>();
    for (const [kind, values] of lists) {
      for (const value of values) {
        const read = readDigestChallenge(value);
        if (!read.ok) {
          reasons.push(read.reason);
          continue;
        }
        const key = challengeKey(kind, read.challenge.realm);
        const best = chosen.get(key);
        if (!best || read.challenge.algorithm.strength > best.challenge.algorithm.strength) {
          chosen.set(key, { kind, challenge: read.challenge });
        }
      }
    }

    let staleOnly = true;
    const rejected: string[] = [];
    let answeredAny = false;
    for (const [key, { kind, challenge }] of chosen) {
      const credentials = this.authenticator.credentialsFor(challenge.realm);
      if (!credentials) {
        reasons.push(`no credentials for realm "${challenge.realm}"`);
        continue;
      }
      const before = this.answered.get(key);
      if (!(before && challenge.stale)) {
        staleOnly = false;
        if (before) rejected.push(challenge.realm);
      }
      this.answered.set(key, this.authenticator.remember(kind, challenge, credentials));
      answeredAny = true;
    }
    if (!answeredAny) {
      return { action: 'give-up', reason: reasons.length > 0 ? reasons.join('; ') : 'the response has no challenge' };
    }
    if (staleOnly) {
      if (++this.staleCount > this.authenticator.maxStaleRetries) {
        return { action: 'give-up', reason: `still stale after ${this.authenticator.maxStaleRetries} nonce refreshes` };
      }
    } else if (++this.attemptCount > this.authenticator.maxAttempts) {
      for (const realm of rejected) this.authenticator.forget(realm);
      const realms = rejected.length > 0 ? ` for realm ${rejected.map((r) => `"${r}"`).join(', ')}` : '';
      return {
        action: 'give-up',
        reason: `credentials rejected${realms} after ${this.authenticator.maxAttempts} attempts`,
      };
    }
    return { action: 'retry', headers: this.build(), stale: staleOnly };
  }

  private build(): AuthorizationHeader[] {
    const headers: AuthorizationHeader[] = [];
    for (const [key, entry] of this.answered) {
      // Another request may have refreshed the realm's nonce meanwhile: use the newest.
      const current = this.authenticator.cached(entry.kind, entry.realm) ?? entry;
      this.answered.set(key, current);
      headers.push(this.authenticator.answer(current, this.request));
    }
    return headers;
  }
}
