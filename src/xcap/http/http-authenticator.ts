/**
 * HTTP authentication for XCAP (RFC 4825 §14.1): Digest (RFC 7616) through
 * the SIP stack's {@link DigestAuthenticator} (HTTP and SIP digest are the
 * same computation on the same challenge syntax), and Basic (RFC 7617) when
 * the server asks for it and the connection is TLS (or the user allows it).
 */
import {
  Credentials,
  DigestAuthenticator,
  type AuthenticationSession,
  type DigestAuthenticatorOptions,
} from '../../core/auth/index.js';
import { parseAuthValue, splitChallenges, type AuthValue } from '../../core/message/index.js';

/** Settings of an {@link HTTPAuthenticator}. */
export interface HTTPAuthenticatorOptions {
  /** Answer Basic challenges over plain http (the password then crosses the network readable). Default false. */
  allowBasicOverHTTP?: boolean;
  /** Options of the digest authenticator (attempts, userhash, auth-int, cnonce). */
  digest?: DigestAuthenticatorOptions;
}

/** Either headers for a retry or why authentication stops. */
export type HTTPAuthOutcome = { retry: true } | { retry: false; reason: string };

/**
 * Reads the WWW-Authenticate field values of a response (RFC 9110 §11.6.1):
 * each value may hold several challenges. Throws the message layer's
 * `ParserError` on malformed text.
 */
export function parseWWWAuthenticate(values: readonly string[]): AuthValue[] {
  const challenges: AuthValue[] = [];
  for (const value of values) {
    for (const part of splitChallenges(value)) challenges.push(parseAuthValue(part, 'WWW-Authenticate'));
  }
  return challenges;
}

/**
 * Credentials and remembered challenges of one XCAP client: one digest
 * authenticator (so later requests answer the known realm at once with an
 * incremented nonce count) and whether the server wants Basic.
 */
export class HTTPAuthenticator {
  readonly credentials: Credentials;
  private readonly digest: DigestAuthenticator;
  private readonly allowBasicOverHTTP: boolean;
  private basicRealms = new Set<string>();

  constructor(credentials: Credentials, options: HTTPAuthenticatorOptions = {}) {
    this.credentials = credentials;
    this.digest = new DigestAuthenticator(credentials, options.digest);
    this.allowBasicOverHTTP = options.allowBasicOverHTTP ?? false;
  }

  /** Starts authenticating one request; `secure` says whether it goes over TLS. */
  start(method: string, target: string, body: Buffer | undefined, secure: boolean): HTTPAuthAttempt {
    return new HTTPAuthAttempt(this, this.digest.createSession({ method, uri: target, ...(body ? { body } : {}) }), secure);
  }

  /** `Basic base64(user:pass)` (RFC 7617 §2). */
  basicValue(): string {
    return `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`, 'utf8').toString('base64')}`;
  }

  /** @internal whether the server asked for Basic before (then it is sent at once). */
  get basicKnown(): boolean {
    return this.basicRealms.size > 0;
  }

  /** @internal */
  rememberBasic(realm: string): void {
    this.basicRealms.add(realm);
  }

  /** @internal */
  basicAllowed(secure: boolean): boolean {
    return secure || this.allowBasicOverHTTP;
  }
}

/** Authentication of one request and its re-sends after 401 responses. */
export class HTTPAuthAttempt {
  private useBasic: boolean;
  private basicTried = false;
  private digestHeaders: string[];

  constructor(
    private readonly authenticator: HTTPAuthenticator,
    private readonly session: AuthenticationSession,
    private readonly secure: boolean,
  ) {
    this.useBasic = authenticator.basicKnown && authenticator.basicAllowed(secure);
    this.digestHeaders = session.headers.map((h) => h.value);
  }

  /** The Authorization value for the next send of the request, if any. */
  nextAuthorization(): string | undefined {
    if (this.useBasic) {
      this.basicTried = true;
      return this.authenticator.basicValue();
    }
    return this.digestHeaders[0];
  }

  /** Reads the WWW-Authenticate values of a 401 and says whether to re-send. */
  handleChallenge(wwwAuthenticate: readonly string[]): HTTPAuthOutcome {
    let challenges: AuthValue[];
    try {
      challenges = parseWWWAuthenticate(wwwAuthenticate);
    } catch (error) {
      return { retry: false, reason: `malformed WWW-Authenticate: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (challenges.length === 0) return { retry: false, reason: 'the 401 response has no WWW-Authenticate challenge' };
    const digest = challenges.filter((c) => c.scheme.toLowerCase() === 'digest');
    if (digest.length > 0) {
      const outcome = this.session.handleChallenge({ status: 401, wwwAuthenticate: digest });
      if (outcome.action === 'retry') {
        this.useBasic = false;
        this.digestHeaders = outcome.headers.filter((h) => h.name === 'Authorization').map((h) => h.value);
        return { retry: true };
      }
      if (!challenges.some((c) => c.scheme.toLowerCase() === 'basic')) return { retry: false, reason: outcome.reason };
    }
    const basic = challenges.find((c) => c.scheme.toLowerCase() === 'basic');
    if (!basic) {
      return { retry: false, reason: `no supported scheme among ${challenges.map((c) => c.scheme).join(', ')}` };
    }
    if (!this.authenticator.basicAllowed(this.secure)) {
      return { retry: false, reason: 'the server asks for Basic authentication over plain http (allowBasicOverHTTP is off)' };
    }
    if (this.basicTried) return { retry: false, reason: 'Basic credentials rejected' };
    this.authenticator.rememberBasic(basic.params['realm'] ?? '');
    this.useBasic = true;
    return { retry: true };
  }
}
