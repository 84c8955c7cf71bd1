/**
 * `Request` (python-sipsimple's `sipsimple.core.Request`): any request outside a
 * dialog (RFC 3261 §8.1) with credentials (§22), a route (outbound proxy routes or a
 * pre-loaded Route set, §8.1.2), further header fields and a body; it follows 401/407
 * challenges, fails over between DNS routes (RFC 3263 §4.3), and reports its final
 * response or its failure as notifications. A 2xx carrying an Expires makes the request
 * "expiring": `SIPRequestWillExpire` before the time and `SIPRequestDidEnd` at it.
 */
import { NotificationSender } from '../../notification/index.js';
import type { Route } from '../../lookup/index.js';
import type { NameAddress, SIPRequest, SIPResponse } from '../message/index.js';
import type { URI } from '../uri/index.js';
import { PrimitiveStateError } from './errors.js';
import { buildRequest, initialCSeq, newCallId, withFromTag } from './out-of-dialog.js';
import { toAuthenticator, toNameAddress, type CredentialsInput, type PrimitiveEngine } from './primitive-engine.js';
import { headerValue } from './header-value.js';
import { requestOutcome } from './request-outcome.js';
import './request-notifications.js';

/** Life cycle of a {@link Request}. */
export type RequestState = 'init' | 'in-progress' | 'expiring' | 'terminated';

/** What a {@link Request} sends. */
export interface RequestOptions {
  method: string;
  requestUri: URI | string;
  fromHeader: NameAddress | string;
  toHeader: NameAddress | string;
  /** Destinations to try in order (e.g. the outbound proxy's DNS routes); else the next hop is located with DNS. */
  routes?: readonly Route[];
  /** Route header values (a pre-loaded route set, RFC 3261 §8.1.2; a Service-Route, RFC 3608). */
  routeSet?: readonly string[];
  credentials?: CredentialsInput;
  /** Contact header values. */
  contactHeaders?: readonly string[];
  callId?: string;
  cseq?: number;
  extraHeaders?: Iterable<readonly [string, string]>;
  contentType?: string;
  body?: Buffer | string;
  /** Seconds before expiry at which `SIPRequestWillExpire` is posted. Default 30. */
  expireWarningTime?: number;
}

/** One request outside a dialog; see the module comment. */
export class Request extends NotificationSender {
  readonly method: string;
  /** The request as built (and, after {@link send}, as last sent: its CSeq and credentials). */
  readonly request: SIPRequest;
  /** The final response, once there is one. */
  response: SIPResponse | undefined;
  private current: RequestState = 'init';
  private readonly controller = new AbortController();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  constructor(
    private readonly engine: PrimitiveEngine,
    private readonly options: RequestOptions,
  ) {
    super(engine.notificationCenter);
    this.method = options.method;
    this.request = buildRequest({
      method: options.method,
      requestUri: options.requestUri,
      from: withFromTag(toNameAddress(options.fromHeader, 'From')),
      to: toNameAddress(options.toHeader, 'To'),
      callId: options.callId ?? newCallId(),
      cseq: options.cseq ?? initialCSeq(),
      ...(options.routeSet === undefined ? {} : { routeSet: options.routeSet }),
      ...(options.contactHeaders === undefined ? {} : { contacts: options.contactHeaders }),
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
      ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
      ...(options.body === undefined ? {} : { body: options.body }),
    });
  }

  /** The life-cycle state. */
  get state(): RequestState {
    return this.current;
  }

  /** The Call-ID of the request. */
  get callId(): string {
    return this.request.callId;
  }

  /**
   * Sends the request; resolves once its outcome is posted (`SIPRequestDidSucceed` or
   * `SIPRequestDidFail`). `timeout` (seconds) bounds the wait: past it the request fails
   * with code 408. Throws {@link PrimitiveStateError} when already sent.
   */
  async send(timeout?: number): Promise<void> {
    if (this.current !== 'init') throw new PrimitiveStateError(`a ${this.method} Request is sent once; it is ${this.current}`);
    this.current = 'in-progress';
    const authenticator = toAuthenticator(this.options.credentials);
    const outcome = await requestOutcome(
      this.engine,
      {
        request: this.request,
        signal: this.controller.signal,
        routes: this.options.routes,
        authenticator,
      },
      timeout,
    );
    if (this.current !== 'in-progress') return;
    if (!outcome.ok) {
      if (outcome.failure.response !== undefined) this.response = outcome.failure.response;
      this.post('SIPRequestDidFail', outcome.failure);
      this.finish();
      return;
    }
    const response = outcome.response;
    this.response = response;
    const expires = headerValue(() => response.expires) ?? 0;
    this.post('SIPRequestDidSucceed', { code: response.status, reason: response.reason, response, expires });
    if (expires > 0) this.expire(expires);
    else this.finish();
  }

  /** Stops waiting for the response, or ends an expiring request now (`SIPRequestDidEnd`). */
  end(): void {
    if (this.current === 'terminated') return;
    this.controller.abort();
    this.finish();
  }

  private expire(expires: number): void {
    this.current = 'expiring';
    const warning = this.options.expireWarningTime ?? 30;
    const warnAt = Math.max(0, expires - warning);
    this.timers.push(setTimeout(() => this.post('SIPRequestWillExpire', { expires: expires - warnAt }), warnAt * 1000));
    this.timers.push(setTimeout(() => this.finish(), expires * 1000));
  }

  private finish(): void {
    if (this.current === 'terminated') return;
    this.current = 'terminated';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
    this.post('SIPRequestDidEnd');
  }
}
