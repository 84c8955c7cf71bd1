/**
 * `Publication` (python-sipsimple's `sipsimple.core.Publication`): publishes event state
 * to an Event State Compositor with PUBLISH (RFC 3903 §4).
 *
 * - `publish(body)` without an entity tag is the initial publication (§4.2); with one it
 *   modifies the state (body plus SIP-If-Match, §4.4); `publish()` with no body refreshes it
 *   (SIP-If-Match, no body, §4.3). The SIP-ETag of each 2xx is kept (§4.1).
 * - Refreshes by itself at `max(0.9 × expires, expires − 30 s)` of the 2xx's Expires.
 * - 412 Conditional Request Failed: the state is gone at the ESC, so the current body is
 *   published again as a new initial publication (§4.5, §6).
 * - 423: retried at once with the Min-Expires (§4.6); other failures are retried with the
 *   RFC 5626 §4.5 back-off (Retry-After honoured); 403, 404, 489 and a stopped Engine are final.
 * - `end()` removes the state: Expires 0 with SIP-If-Match and no body (§4.5).
 * Operations run one at a time, in the order they were called.
 */
import { NotificationSender } from '../../notification/index.js';
import type { Route } from '../../lookup/index.js';
import type { DigestAuthenticator } from '../auth/index.js';
import { NameAddress, type SIPResponse } from '../message/index.js';
import { PrimitiveStateError, RequestFailedError } from './errors.js';
import { buildRequest, initialCSeq, newCallId, withFromTag } from './out-of-dialog.js';
import { toAuthenticator, toNameAddress, type CredentialsInput, type PrimitiveEngine } from './primitive-engine.js';
import { refreshDelay } from './refresh-policy.js';
import { RefreshTimer, type RefreshTimingOptions } from './refresh-timer.js';
import { sendRequest, type SentRequest } from './request-sender.js';
import { errorFailure, refreshFailure, responseFailure, type FailureData } from './response-summary.js';
import { settle } from './request-outcome.js';
import { headerValue } from './header-value.js';
import './publication-notifications.js';

/** Life cycle of a {@link Publication}. */
export type PublicationState =
  | 'idle'
  /** A PUBLISH is on its way. */
  | 'publishing'
  /** The ESC holds our state; a refresh is scheduled. */
  | 'published'
  /** The last PUBLISH failed; a retry is scheduled. */
  | 'waiting-retry'
  /** A final failure; `publish()` starts over. */
  | 'failed'
  | 'ending'
  | 'ended';

/** What a {@link Publication} publishes, and how. */
export interface PublicationOptions extends RefreshTimingOptions {
  /** The presentity (Request-URI, From and To). */
  fromHeader: NameAddress | string;
  /** The event package, e.g. `presence`, `message-summary`. */
  event: string;
  /** The Content-Type of the bodies, e.g. `application/pidf+xml`. */
  contentType: string;
  credentials?: CredentialsInput;
  /** Requested expiry in seconds. Default 600. */
  duration?: number;
  /** Destinations to try in order (an outbound proxy); else the next hop is located with DNS. */
  routes?: readonly Route[];
  /** Route header values (a Service-Route, an outbound proxy `<sip:proxy;lr>`). */
  routeSet?: readonly string[];
  extraHeaders?: Iterable<readonly [string, string]>;
}

/** Codes after which retrying cannot help without the user's action. */
const FINAL_CODES: ReadonlySet<number> = new Set([401, 403, 404, 407, 489]);

/** What a PUBLISH carries. */
type PublishKind = 'initial' | 'modify' | 'refresh' | 'remove';

/** Event state published at an ESC; see the module comment. */
export class Publication extends NotificationSender {
  /** The entity tag of the state at the ESC (RFC 3903 §4.1), while it holds. */
  etag: string | undefined;
  /** Seconds granted by the last 2xx. */
  expiresReceived = 0;
  route: Route | undefined;
  private current: PublicationState = 'idle';
  private body: Buffer | undefined;
  /** The body changed and the ESC has not acknowledged it yet. */
  private dirty = false;
  private duration: number;
  private validUntil = 0;
  private readonly presentity: NameAddress;
  private readonly from: NameAddress;
  private readonly callId = newCallId();
  private cseq = initialCSeq();
  private readonly authenticator: DigestAuthenticator | undefined;
  private readonly timer: RefreshTimer;
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: PrimitiveEngine,
    private readonly options: PublicationOptions,
  ) {
    super(engine.notificationCenter);
    const presentity = toNameAddress(options.fromHeader, 'From');
    this.presentity = new NameAddress(presentity.uri.clone(), presentity.displayName);
    this.from = withFromTag(presentity);
    this.duration = options.duration ?? 600;
    this.authenticator = toAuthenticator(options.credentials);
    this.now = options.now ?? Date.now;
    this.timer = new RefreshTimer(options);
  }

  /** The life-cycle state. */
  get state(): PublicationState {
    return this.current;
  }

  /**
   * Publishes `body` (initial or modify), or refreshes the state when `body` is left out.
   * Resolves once the outcome is posted. Throws {@link PrimitiveStateError} for a refresh
   * with nothing published, or after `end()`.
   */
  publish(body?: Buffer | string): Promise<void> {
    if (this.current === 'ending' || this.current === 'ended') return Promise.reject(new PrimitiveStateError(`the publication is ${this.current}`));
    if (body === undefined && this.body === undefined) {
      return Promise.reject(new PrimitiveStateError('nothing was published yet: the first publish() needs a body'));
    }
    if (body !== undefined) {
      this.body = Buffer.from(body);
      this.dirty = true;
    }
    return this.enqueue(() => this.cycle());
  }

  /**
   * Removes the published state (Expires 0, RFC 3903 §4.5) and ends:
   * `SIPPublicationWillEnd`, then `SIPPublicationDidEnd` (after `SIPPublicationDidNotEnd`
   * when the ESC refused). Resolves once ended.
   */
  end(): Promise<void> {
    if (this.current === 'ending' || this.current === 'ended') return this.queue;
    this.current = 'ending';
    this.timer.clear();
    return this.enqueue(async () => {
      if (this.etag === undefined || this.validUntil <= this.now()) {
        const expired = this.etag !== undefined;
        this.etag = undefined;
        this.finish(expired);
        return;
      }
      this.post('SIPPublicationWillEnd');
      const outcome = await settle(this.send('remove'));
      this.etag = undefined;
      if (!outcome.ok) this.post('SIPPublicationDidNotEnd', outcome.failure);
      this.finish(false);
    });
  }

  private finish(expired: boolean): void {
    this.current = 'ended';
    this.post('SIPPublicationDidEnd', { expired });
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The kind of the next PUBLISH from what the ESC holds and what changed. */
  private nextKind(): PublishKind {
    if (this.etag === undefined) return 'initial';
    return this.dirty ? 'modify' : 'refresh';
  }

  /** One publication cycle: 412 and 423 are recovered from once each, then the outcome is handled. */
  private async cycle(): Promise<void> {
    if (this.current === 'ending' || this.current === 'ended') return;
    this.timer.clear();
    if (this.etag !== undefined && this.validUntil <= this.now()) this.expired();
    this.current = 'publishing';
    let recovered412 = false;
    let recovered423 = false;
    for (;;) {
      const kind = this.nextKind();
      let sent: SentRequest;
      try {
        sent = await this.send(kind);
      } catch (error) {
        if (!(error instanceof RequestFailedError)) throw error;
        this.failed(errorFailure(error));
        return;
      }
      const response = sent.response;
      if (response.status === 412 && kind !== 'initial' && !recovered412) {
        recovered412 = true;
        this.etag = undefined;
        this.dirty = true;
        continue;
      }
      const minExpires = response.status === 423 ? headerValue(() => response.minExpires) : undefined;
      if (minExpires !== undefined && !recovered423 && minExpires > this.duration) {
        recovered423 = true;
        this.duration = minExpires;
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        this.succeeded(sent, kind);
        return;
      }
      this.failed(responseFailure(response, sent.authenticationFailure), response, minExpires);
      return;
    }
  }

  private async send(kind: PublishKind): Promise<SentRequest> {
    const headers: Array<readonly [string, string]> = [
      ['Event', this.options.event],
      ['Expires', String(kind === 'remove' ? 0 : this.duration)],
    ];
    if (kind !== 'initial' && this.etag !== undefined) headers.push(['SIP-If-Match', this.etag]);
    headers.push(...(this.options.extraHeaders ?? []));
    const withBody = kind === 'initial' || kind === 'modify';
    const request = buildRequest({
      method: 'PUBLISH',
      requestUri: this.presentity.uri.clone(),
      from: this.from,
      to: this.presentity,
      callId: this.callId,
      cseq: ++this.cseq,
      extraHeaders: headers,
      ...(withBody && this.body !== undefined ? { body: this.body, contentType: this.options.contentType } : {}),
      ...(this.options.routeSet === undefined ? {} : { routeSet: this.options.routeSet }),
    });
    const sent = await sendRequest(this.engine, {
      request,
      routes: this.options.routes,
      authenticator: this.authenticator,
    });
    this.cseq = sent.request.cseq.seq;
    this.route = sent.route;
    return sent;
  }

  private succeeded(sent: SentRequest, kind: PublishKind): void {
    const response = sent.response;
    const etag = headerValue(() => response.sipETag);
    const expires = headerValue(() => response.expires) ?? this.duration;
    if (etag === undefined) {
      this.failed({ code: response.status, reason: `${response.status} ${response.reason} without SIP-ETag (RFC 3903 §6)`, kind: 'response', response }, response);
      return;
    }
    this.etag = etag;
    if (kind !== 'refresh') this.dirty = false;
    this.expiresReceived = expires;
    this.validUntil = this.now() + expires * 1000;
    this.timer.reset();
    this.current = 'published';
    this.post('SIPPublicationDidSucceed', { code: response.status, reason: response.reason, expires, etag, route: this.route, response });
    if (expires > 0) this.timer.schedule(refreshDelay(expires, this.options.refreshMargin ?? 30), () => void this.enqueue(() => this.cycle()));
  }

  private failed(failure: FailureData, response?: SIPResponse, minExpires?: number): void {
    const data = refreshFailure(failure, response, minExpires);
    const final = failure.kind === 'authentication' || failure.kind === 'engine-stopped' || FINAL_CODES.has(failure.code) || failure.code === 423;
    if (final) {
      this.current = 'failed';
      this.post('SIPPublicationDidFail', data);
      return;
    }
    const delay = this.timer.nextRetryDelay(data.retryAfter);
    this.current = 'waiting-retry';
    this.post('SIPPublicationDidFail', { ...data, retryIn: delay });
    const remaining = (this.validUntil - this.now()) / 1000;
    if (this.etag !== undefined && remaining > 0) this.post('SIPPublicationWillExpire', { expires: remaining });
    this.timer.schedule(delay, () => void this.enqueue(() => this.cycle()));
  }

  /** The state expired at the ESC: the next PUBLISH is an initial one with the current body. */
  private expired(): void {
    this.etag = undefined;
    this.dirty = true;
    this.post('SIPPublicationDidExpire');
  }
}
