/**
 * `Message` (python-sipsimple's `sipsimple.core.Message`): one MESSAGE request (RFC 3428)
 * outside a dialog, with credentials and routes like {@link Request}, or inside a
 * {@link Dialog} (RFC 3428 §4, RFC 3261 §12.2.1.1) when given one. The outcome is posted
 * as `SIPMessageDidSucceed` or `SIPMessageDidFail`.
 */
import { NotificationSender } from '../../notification/index.js';
import type { Route } from '../../lookup/index.js';
import type { Dialog } from '../dialog/index.js';
import type { NameAddress, SIPRequest } from '../message/index.js';
import type { URI } from '../uri/index.js';
import { PrimitiveStateError } from './errors.js';
import { buildRequest, initialCSeq, newCallId, withFromTag } from './out-of-dialog.js';
import { toAuthenticator, toNameAddress, type CredentialsInput, type PrimitiveEngine } from './primitive-engine.js';
import { requestOutcome } from './request-outcome.js';
import './message-notifications.js';

/** Life cycle of a {@link Message}. */
export type MessageState = 'init' | 'sending' | 'done';

/** A MESSAGE outside a dialog. */
export interface OutOfDialogMessageOptions {
  fromHeader: NameAddress | string;
  toHeader: NameAddress | string;
  /** The Request-URI; the To URI by default. */
  requestUri?: URI | string;
  contentType: string;
  body: Buffer | string;
  credentials?: CredentialsInput;
  /** Destinations to try in order (an outbound proxy); else the next hop is located with DNS. */
  routes?: readonly Route[];
  /** Route header values (a pre-loaded route set, a Service-Route). */
  routeSet?: readonly string[];
  extraHeaders?: Iterable<readonly [string, string]>;
}

/** A MESSAGE inside a dialog. */
export interface InDialogMessageOptions {
  dialog: Dialog;
  contentType: string;
  body: Buffer | string;
  /** Credentials for challenges of proxies on the route set or the peer. */
  credentials?: CredentialsInput;
  extraHeaders?: Iterable<readonly [string, string]>;
}

/** One MESSAGE; see the module comment. */
export class Message extends NotificationSender {
  /** The request as built (after {@link send}: as last sent). */
  readonly request: SIPRequest;
  private current: MessageState = 'init';
  private readonly controller = new AbortController();

  constructor(
    private readonly engine: PrimitiveEngine,
    private readonly options: OutOfDialogMessageOptions | InDialogMessageOptions,
  ) {
    super(engine.notificationCenter);
    if ('dialog' in options) {
      this.request = options.dialog.createRequest('MESSAGE', {
        contentType: options.contentType,
        body: options.body,
        ...(options.extraHeaders === undefined ? {} : { headers: [...options.extraHeaders].map(([n, v]) => [n, v] as [string, string]) }),
      });
      return;
    }
    const to = toNameAddress(options.toHeader, 'To');
    this.request = buildRequest({
      method: 'MESSAGE',
      requestUri: options.requestUri ?? to.uri.clone(),
      from: withFromTag(toNameAddress(options.fromHeader, 'From')),
      to,
      callId: newCallId(),
      cseq: initialCSeq(),
      contentType: options.contentType,
      body: options.body,
      ...(options.routeSet === undefined ? {} : { routeSet: options.routeSet }),
      ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
    });
  }

  /** The life-cycle state. */
  get state(): MessageState {
    return this.current;
  }

  /**
   * Sends the MESSAGE; resolves once `SIPMessageDidSucceed` or `SIPMessageDidFail` is posted.
   * `timeout` (seconds) bounds the wait (then: 408). Throws {@link PrimitiveStateError} when sent before.
   */
  async send(timeout?: number): Promise<void> {
    if (this.current !== 'init') throw new PrimitiveStateError(`a Message is sent once; it is ${this.current}`);
    this.current = 'sending';
    const authenticator = toAuthenticator(this.options.credentials);
    const routes = 'routes' in this.options ? this.options.routes : undefined;
    const outcome = await requestOutcome(
      this.engine,
      {
        request: this.request,
        signal: this.controller.signal,
        routes,
        authenticator,
      },
      timeout,
    );
    if (this.current !== 'sending') return;
    this.current = 'done';
    if (outcome.ok) {
      const response = outcome.response;
      this.post('SIPMessageDidSucceed', { code: response.status, reason: response.reason, response });
    } else {
      this.post('SIPMessageDidFail', outcome.failure);
    }
  }

  /** Stops waiting for the answer; nothing is posted afterwards. */
  end(): void {
    if (this.current === 'done') return;
    this.current = 'done';
    this.controller.abort();
  }
}
