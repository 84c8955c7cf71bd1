import { randomBytes } from 'node:crypto';
import type { AuthValue } from '../message/headers/auth.js';
import {
  challengeKey,
  type AuthorizationHeader,
  type AuthRequest,
  type CachedChallenge,
  type ChallengeKind,
} from './auth-request.js';
import { AuthenticationSession } from './authentication-session.js';
import type { Credentials } from './credentials.js';
import type { DigestChallenge } from './digest-challenge.js';
import { digestHA1, digestResponse, digestUserhash, formatNonceCount, type DigestQop } from './digest-response.js';
import { formatCredentials } from './format-credentials.js';

/** Settings of a {@link DigestAuthenticator}. */
export interface DigestAuthenticatorOptions {
  /**
   * How many times one request is re-sent with fresh credentials before giving
   * up (a wrong password fails after this many tries); `stale=true` retries do
   * not count. Default 2.
   */
  maxAttempts?: number;
  /** How many `stale=true` retries one request may make. Default 3. */
  maxStaleRetries?: number;
  /** Send `userhash` user names when the server offers them (RFC 7616 §3.4.4). Default false. */
  userhash?: boolean;
  /** Prefer `qop=auth-int` over `auth` when both are offered. Default false. */
  preferAuthInt?: boolean;
  /** Answer known realms on new requests without waiting for a challenge. Default true. */
  reuseChallenges?: boolean;
  /** Makes client nonces; tests inject fixed ones. Default: 16 random bytes, base64url. */
  cnonce?: () => string;
}

/**
 * Digest authentication for one account (RFC 3261 §22, RFC 7616, RFC 8760):
 * holds the credentials (one per realm), remembers the challenges of each
 * realm so that later requests are answered at once with an incremented nonce
 * count, and makes an {@link AuthenticationSession} per request to answer its
 * 401 and 407 responses within a bounded number of retries.
 */
export class DigestAuthenticator {
  readonly maxAttempts: number;
  readonly maxStaleRetries: number;
  private readonly credentialList: readonly Credentials[];
  private readonly cache = new Map<string, CachedChallenge>();
  private readonly options: DigestAuthenticatorOptions;

  /** @param credentials one set for every realm, or several bound to their realms. */
  constructor(credentials: Credentials | readonly Credentials[], options: DigestAuthenticatorOptions = {}) {
    this.credentialList = Array.isArray(credentials) ? [...credentials] : [credentials as Credentials];
    this.options = options;
    this.maxAttempts = options.maxAttempts ?? 2;
    this.maxStaleRetries = options.maxStaleRetries ?? 3;
  }

  /** The credentials that answer `realm`: the ones bound to it, else ones bound to no realm. */
  credentialsFor(realm: string): Credentials | undefined {
    return (
      this.credentialList.find((c) => c.realm === realm) ?? this.credentialList.find((c) => c.realm === undefined)
    );
  }

  /** Starts authenticating one request; its `headers` answer the realms already known. */
  createSession(request: AuthRequest): AuthenticationSession {
    return new AuthenticationSession(this, request);
  }

  /** Headers for a new request from the remembered challenges (nonce counts increment). */
  authorize(request: AuthRequest): AuthorizationHeader[] {
    return this.createSession(request).headers;
  }

  /** Forgets the remembered challenge of `realm` (of both kinds), or of every realm. */
  forget(realm?: string): void {
    if (realm === undefined) this.cache.clear();
    else for (const kind of ['www', 'proxy'] as const) this.cache.delete(challengeKey(kind, realm));
  }

  /** The remembered challenges that new requests answer (none when `reuseChallenges` is off). */
  cachedChallenges(): CachedChallenge[] {
    return this.options.reuseChallenges === false ? [] : [...this.cache.values()];
  }

  /** The remembered challenge of one realm. */
  cached(kind: ChallengeKind, realm: string): CachedChallenge | undefined {
    return this.cache.get(challengeKey(kind, realm));
  }

  /** Remembers a new challenge for its realm; its nonce count starts again at 0. */
  remember(kind: ChallengeKind, challenge: DigestChallenge, credentials: Credentials): CachedChallenge {
    const entry: CachedChallenge = {
      kind,
      realm: challenge.realm,
      challenge,
      credentials,
      qop: this.chooseQop(challenge),
      nonceCount: 0,
    };
    this.cache.set(challengeKey(kind, challenge.realm), entry);
    return entry;
  }

  /**
   * Answers a remembered challenge for `request`: increments its nonce count
   * and builds the header (RFC 7616 §3.4).
   */
  answer(entry: CachedChallenge, request: AuthRequest): AuthorizationHeader {
    const { challenge, credentials } = entry;
    const algorithm = challenge.algorithm;
    entry.nonceCount++;
    let cnonce: string | undefined;
    if (algorithm.session) {
      // One cnonce per nonce: H(A1) stays the same whichever request the server uses to compute it.
      entry.session ??= this.startSession(entry);
      cnonce = entry.session.cnonce;
    } else if (entry.qop !== undefined) {
      cnonce = this.newCnonce();
    }
    const nc = entry.qop === undefined ? undefined : formatNonceCount(entry.nonceCount);
    const response = digestResponse({
      algorithm,
      username: credentials.username,
      password: credentials.password,
      realm: challenge.realm,
      nonce: challenge.nonce,
      method: request.method,
      uri: request.uri,
      ...(entry.qop === undefined ? {} : { qop: entry.qop }),
      ...(nc === undefined ? {} : { nc }),
      ...(cnonce === undefined ? {} : { cnonce }),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(entry.session ? { sessionHA1: entry.session.ha1 } : {}),
    });
    const hashUser = this.options.userhash === true && challenge.userhash;
    const params: Record<string, string> = {
      username: hashUser ? digestUserhash(algorithm, credentials.username, challenge.realm) : credentials.username,
      realm: challenge.realm,
      nonce: challenge.nonce,
      uri: request.uri,
      response,
      algorithm: algorithm.name,
    };
    if (cnonce !== undefined) params['cnonce'] = cnonce;
    if (challenge.opaque !== undefined) params['opaque'] = challenge.opaque;
    if (entry.qop !== undefined && nc !== undefined) {
      params['qop'] = entry.qop;
      params['nc'] = nc;
    }
    if (hashUser) params['userhash'] = 'true';
    const credentialsValue: AuthValue = { scheme: 'Digest', params };
    return {
      name: entry.kind === 'www' ? 'Authorization' : 'Proxy-Authorization',
      value: formatCredentials(credentialsValue),
      credentials: credentialsValue,
    };
  }

  private startSession(entry: CachedChallenge): { cnonce: string; ha1: string } {
    const cnonce = this.newCnonce();
    const ha1 = digestHA1({
      algorithm: entry.challenge.algorithm,
      username: entry.credentials.username,
      password: entry.credentials.password,
      realm: entry.challenge.realm,
      nonce: entry.challenge.nonce,
      cnonce,
      method: '',
      uri: '',
    });
    return { cnonce, ha1 };
  }

  private chooseQop(challenge: DigestChallenge): DigestQop | undefined {
    if (challenge.qop.length === 0) return undefined;
    if (this.options.preferAuthInt && challenge.qop.includes('auth-int')) return 'auth-int';
    return challenge.qop.includes('auth') ? 'auth' : 'auth-int';
  }

  private newCnonce(): string {
    return this.options.cnonce ? this.options.cnonce() : randomBytes(16).toString('base64url');
  }
}
