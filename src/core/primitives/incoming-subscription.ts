/**
 * `IncomingSubscription` (python-sipsimple's `sipsimple.core.IncomingSubscription`): the
 * notifier side of one subscription (RFC 6665 §4.2), for the event packages this
 * application serves (e.g. presence in peer-to-peer mode). {@link IncomingSubscription.serve}
 * registers a package; each new SUBSCRIBE for it becomes an IncomingSubscription, posted as
 * `SIPIncomingSubscriptionGotSubscribe`, which the application accepts (200 and a NOTIFY
 * `active` with the current body), accepts as pending (202 and a NOTIFY `pending`), or
 * rejects. It then pushes content (one NOTIFY each, §4.2.2), and ends it with a reason.
 * Refreshes restart the expiry and are answered with a NOTIFY of the current state
 * (§4.2.1.2); an unsubscribe (Expires: 0) and an expiry end it with a final NOTIFY
 * `terminated` (reason `timeout`, §4.2.1.4). NOTIFYs go one at a time; a NOTIFY answered
 * 481, or not answered at all, ends the subscription (§4.2.2).
 */
import { NotificationSender } from '../../notification/index.js';
import { ParserError } from '../../errors.js';
import { Dialog, DialogError } from '../dialog/index.js';
import { advertisedAddress } from '../engine/advertised-address.js';
import { createResponse, generateTag, type NameAddress, type SIPRequest } from '../message/index.js';
import { formatHost, systemScheduler, TransactionTimer, type Scheduler, type ServerTransaction } from '../transaction/index.js';
import type { Flow } from '../transport/index.js';
import { PrimitiveStateError, RequestFailedError } from './errors.js';
import type { EventEngine } from './event-engine.js';
import { EventRouter } from './event-router.js';
import { sendRequest } from './request-sender.js';
import type { IncomingSubscriptionStateName, Originator } from './subscription-notifications.js';
import './subscription-notifications.js';

/** How a package is served by {@link IncomingSubscription.serve}. */
export interface ServeOptions {
  /** The event package (`presence`, `dialog`, ...). */
  event: string;
  /** Shortest subscription accepted, seconds; shorter ones get 423 (RFC 6665 §4.2.1.1). Default 60. */
  minExpires?: number;
  /** Longest subscription granted, seconds; longer ones are cut down. Default 3600. */
  maxExpires?: number;
  /** The expiry of a SUBSCRIBE without Expires (the package's default, RFC 6665 §7.2). Default 3600. */
  defaultExpires?: number;
  /** Our Contact in the dialogs; by default one built from the address the SUBSCRIBE arrived on. */
  contactHeader?: string;
  /** Seconds the application has to accept or reject a SUBSCRIBE before it is answered 480. Default 10. */
  answerTimeout?: number;
  /** Called with each new subscription (also posted as `SIPIncomingSubscriptionGotSubscribe`). */
  onSubscribe?: (subscription: IncomingSubscription) => void;
  /** The clock of the expiry and answer timers. */
  scheduler?: Scheduler;
}

/** The Contact of a dialog created by a request that arrived on `flow` (RFC 3261 §8.1.1.8). */
export function contactForFlow(request: SIPRequest, flow: Flow): string {
  const host = advertisedAddress(flow.local.host, flow.remote.host);
  const uri = request.uri;
  const user = uri.kind === 'sip' && uri.user !== undefined ? `${uri.user}@` : '';
  const scheme = flow.protocol === 'tls' || flow.protocol === 'wss' ? 'sips' : 'sip';
  return `<${scheme}:${user}${formatHost(host)}:${flow.local.port};transport=${flow.protocol}>`;
}

/** Content of NOTIFY bodies. */
interface Content {
  contentType: string;
  body: Buffer | string;
}

/** The notifier's side of one subscription; see the module comment. */
export class IncomingSubscription extends NotificationSender {
  /** The SUBSCRIBE that created the subscription. */
  readonly request: SIPRequest;
  /** The event package, lower-cased. */
  readonly event: string;
  readonly fromHeader: NameAddress;
  readonly toHeader: NameAddress;
  private readonly eventValue: string;
  private readonly dialog: Dialog;
  private readonly expiryTimer: TransactionTimer;
  private readonly answerTimer: TransactionTimer;
  private readonly scheduler: Scheduler;
  private transaction: ServerTransaction | undefined;
  private current: IncomingSubscriptionStateName = 'incoming';
  private granted: number;
  private expiresAt = 0;
  private content: Content | undefined;
  private unroute: (() => void) | undefined;
  private notifying = false;
  private owed = false;
  private finalSent = false;
  private termination: { reason?: string; retryAfter?: number } = {};
  /** A fetch (Expires: 0) accepted as active: its one NOTIFY carries the content (RFC 6665 §4.4.3). */
  private fetched = false;

  /**
   * Registers the package `options.event` with the engine's event router: its new
   * SUBSCRIBEs become IncomingSubscriptions. Returns a function that stops serving it.
   */
  static serve(engine: EventEngine, options: ServeOptions): () => void {
    const min = options.minExpires ?? 60;
    const max = options.maxExpires ?? 3600;
    return EventRouter.of(engine).addPackage(options.event, (request, transaction, flow) => {
      let expires: number;
      try {
        expires = request.expires ?? options.defaultExpires ?? 3600;
      } catch (error) {
        if (!(error instanceof ParserError)) throw error;
        engine.sendResponse(transaction, createResponse(request, 400, 'Bad Request: malformed Expires'));
        return;
      }
      if (expires !== 0 && expires < min) {
        const response = createResponse(request, 423, 'Interval Too Brief');
        response.setHeader('Min-Expires', String(min));
        engine.sendResponse(transaction, response);
        return;
      }
      let subscription: IncomingSubscription;
      try {
        subscription = new IncomingSubscription(engine, request, transaction, {
          expires: Math.min(expires, max),
          contactHeader: options.contactHeader ?? contactForFlow(request, flow),
          answerTimeout: options.answerTimeout ?? 10,
          scheduler: options.scheduler ?? systemScheduler,
        });
      } catch (error) {
        if (!(error instanceof DialogError)) throw error;
        engine.sendResponse(transaction, createResponse(request, 400, 'Bad Request: the SUBSCRIBE cannot create a dialog'));
        return;
      }
      subscription.post('SIPIncomingSubscriptionGotSubscribe', {
        request,
        event: subscription.event,
        fromHeader: request.from,
        toHeader: request.to,
        expires: subscription.expires,
        contentType: request.getHeader('Content-Type'),
        body: request.body,
      });
      options.onSubscribe?.(subscription);
    });
  }

  /** Use {@link IncomingSubscription.serve}. Throws {@link DialogError} when the SUBSCRIBE cannot create a dialog. */
  constructor(
    private readonly engine: EventEngine,
    request: SIPRequest,
    transaction: ServerTransaction,
    settings: { expires: number; contactHeader: string; answerTimeout: number; scheduler: Scheduler },
  ) {
    super(engine.notificationCenter);
    this.request = request;
    this.transaction = transaction;
    const event = request.event;
    if (event === undefined) throw new DialogError('a SUBSCRIBE without Event has no subscription');
    this.eventValue = event.toString();
    this.event = event.event.toLowerCase();
    this.fromHeader = request.from;
    this.toHeader = request.to;
    this.granted = settings.expires;
    this.scheduler = settings.scheduler;
    this.dialog = Dialog.createUAS(request, generateTag(), { localContact: settings.contactHeader });
    this.expiryTimer = new TransactionTimer(this.scheduler, () => this.expire());
    this.answerTimer = new TransactionTimer(this.scheduler, () => {
      if (this.current === 'incoming') this.reject(480, 'Temporarily Unavailable');
    });
    this.answerTimer.start(settings.answerTimeout * 1000);
  }

  /** The life-cycle state. */
  get state(): IncomingSubscriptionStateName {
    return this.current;
  }

  /** The expiry granted, seconds (0 for a fetch). */
  get expires(): number {
    return this.granted;
  }

  /** The dialog id. */
  get dialogId(): Dialog['id'] {
    return this.dialog.id;
  }

  /**
   * Accepts the subscription (200 when new) and sends a NOTIFY `active`, with `body` when
   * given (else the content pushed before). Also activates a pending subscription.
   */
  accept(contentType?: string, body?: Buffer | string): void {
    if (this.current !== 'incoming' && this.current !== 'pending') {
      throw new PrimitiveStateError(`accept() on an incoming subscription that is ${this.current}`);
    }
    if (contentType !== undefined && body !== undefined) this.content = { contentType, body };
    const fresh = this.current === 'incoming';
    if (fresh) this.answer(200);
    this.changeState('active');
    // Activating a pending subscription keeps its expiry; only its state changes.
    if (fresh) this.afterAnswer();
    else this.requestNotify();
  }

  /** Accepts the subscription as pending (202, then a NOTIFY `pending` without body, RFC 6665 §4.2.1.1). */
  acceptPending(): void {
    if (this.current !== 'incoming') throw new PrimitiveStateError(`acceptPending() on an incoming subscription that is ${this.current}`);
    this.answer(202);
    this.changeState('pending');
    this.afterAnswer();
  }

  /** Rejects a new subscription with a final 3xx-6xx (e.g. 403, 603). */
  reject(code: number, reason?: string): void {
    if (this.current !== 'incoming') throw new PrimitiveStateError(`reject() on an incoming subscription that is ${this.current}`);
    if (!Number.isInteger(code) || code < 300 || code > 699) throw new PrimitiveStateError(`reject() needs a code from 300 to 699, got ${code}`);
    this.answerTimer.stop();
    const transaction = this.transaction!;
    this.transaction = undefined;
    this.engine.sendResponse(transaction, createResponse(this.request, code, reason));
    this.dialog.terminate();
    this.changeState('terminated');
    this.post('SIPIncomingSubscriptionDidEnd', { originator: 'local', reason: 'rejected' });
  }

  /** New content: sent at once in a NOTIFY when active, kept for the activation when pending. */
  pushContent(contentType: string, body: Buffer | string): void {
    if (this.current === 'terminated') throw new PrimitiveStateError('pushContent() on a terminated incoming subscription');
    this.content = { contentType, body };
    if (this.current === 'active') this.requestNotify();
  }

  /**
   * Ends the subscription with a final NOTIFY `terminated`, with `reason` (e.g. `noresource`,
   * `rejected`, `deactivated`, `probation`, `giveup`, RFC 6665 §4.1.3) and `retryAfter` if given.
   * A subscription not yet answered is rejected with 480 instead.
   */
  end(reason?: string, retryAfter?: number): void {
    if (this.current === 'terminated') return;
    if (this.current === 'incoming') {
      this.reject(480, 'Temporarily Unavailable');
      return;
    }
    this.terminate('local', reason, retryAfter);
  }

  // ----- answers and refreshes -----

  private answer(status: 200 | 202): void {
    this.answerTimer.stop();
    const transaction = this.transaction!;
    this.transaction = undefined;
    const response = createResponse(this.request, status, undefined, { toTag: this.dialog.localTag });
    response.setHeader('Contact', this.dialog.localContact!);
    response.setHeader('Expires', String(this.granted));
    this.engine.sendResponse(transaction, response);
    this.dialog.confirm();
    this.unroute = EventRouter.of(this.engine).addNotifierDialog(this.dialog.key, (request, refresh) => this.receiveSubscribe(request, refresh));
  }

  /** After the 2xx: the first NOTIFY, and the expiry (a fetch, Expires: 0, ends at once). */
  private afterAnswer(): void {
    if (this.granted === 0) {
      this.fetched = this.current === 'active';
      this.terminate('remote', 'timeout');
      return;
    }
    this.startExpiry();
    this.requestNotify();
  }

  private startExpiry(): void {
    this.expiresAt = Date.now() + this.granted * 1000;
    this.expiryTimer.start(this.granted * 1000);
  }

  private receiveSubscribe(request: SIPRequest, transaction: ServerTransaction): void {
    const respond = (status: number, reason?: string, headers: Array<[string, string]> = []): void => {
      const response = createResponse(request, status, reason);
      for (const [name, value] of headers) response.setHeader(name, value);
      this.engine.sendResponse(transaction, response);
    };
    if (this.current === 'terminated') return respond(481, 'Subscription Does Not Exist');
    const check = this.dialog.receiveRequest(request);
    if (!check.accepted) return respond(check.status, check.reason);
    let expires: number;
    try {
      if (request.event?.event.toLowerCase() !== this.event) return respond(489, 'Bad Event');
      expires = request.expires ?? this.granted;
    } catch (error) {
      if (!(error instanceof ParserError)) throw error;
      return respond(400, 'Bad Request: malformed Event or Expires');
    }
    if (expires === 0) {
      respond(200, undefined, [['Expires', '0'], ['Contact', this.dialog.localContact!]]);
      this.post('SIPIncomingSubscriptionGotUnsubscribe', { request });
      this.terminate('remote', 'timeout');
      return;
    }
    this.granted = Math.max(1, expires);
    respond(200, undefined, [['Expires', String(this.granted)], ['Contact', this.dialog.localContact!]]);
    this.startExpiry();
    this.post('SIPIncomingSubscriptionGotRefreshingSubscribe', { request, expires: this.granted });
    this.requestNotify();
  }

  private expire(): void {
    if (this.current === 'terminated') return;
    this.terminate('remote', 'timeout');
  }

  private terminate(originator: Originator, reason?: string, retryAfter?: number): void {
    if (this.current === 'terminated') return;
    this.expiryTimer.stop();
    this.termination = {
      ...(reason === undefined ? {} : { reason }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    };
    this.changeState('terminated');
    this.requestNotify();
    this.post('SIPIncomingSubscriptionDidEnd', { originator, ...(reason === undefined ? {} : { reason }) });
  }

  // ----- NOTIFY -----

  /** The Subscription-State of the next NOTIFY (RFC 6665 §8.2.3). */
  private stateHeader(): string {
    if (this.current === 'terminated') {
      const { reason, retryAfter } = this.termination;
      return `terminated${reason === undefined ? '' : `;reason=${reason}`}${retryAfter === undefined ? '' : `;retry-after=${retryAfter}`}`;
    }
    const remaining = Math.max(0, Math.ceil((this.expiresAt - Date.now()) / 1000));
    return `${this.current};expires=${remaining}`;
  }

  private requestNotify(): void {
    if (this.finalSent) return;
    this.owed = true;
    if (!this.notifying) void this.flush();
  }

  /** Sends the NOTIFYs owed, one at a time, each with the state and content current when it leaves. */
  private async flush(): Promise<void> {
    this.notifying = true;
    try {
      while (this.owed && !this.finalSent) {
        this.owed = false;
        const final = this.current === 'terminated';
        if (final) this.finalSent = true;
        // A pending subscription's NOTIFY carries no state (RFC 6665 §4.2.1.1); a fetch's final one does.
        const withBody = this.content !== undefined && (this.current === 'active' || (final && this.fetched));
        const request = this.dialog.createRequest('NOTIFY', {
          headers: [
            ['Event', this.eventValue],
            ['Subscription-State', this.stateHeader()],
          ],
          ...(withBody ? { body: this.content!.body, contentType: this.content!.contentType } : {}),
        });
        let code = 0;
        let reason: string;
        try {
          const sent = await sendRequest(this.engine, { request });
          code = sent.response.status;
          reason = sent.response.reason;
        } catch (error) {
          if (!(error instanceof RequestFailedError)) throw error;
          code = error.kind === 'timeout' ? 408 : 0;
          reason = error.message;
        }
        if (code >= 200 && code < 300) this.post('SIPIncomingSubscriptionNotifyDidSucceed', { code, reason });
        else this.post('SIPIncomingSubscriptionNotifyDidFail', { code, reason });
        if (final) {
          this.post('SIPIncomingSubscriptionNotifyDidEnd');
          this.close();
        } else if (code === 481 || code === 408 || code === 0) {
          // RFC 6665 §4.2.2: the subscriber is gone.
          this.finalSent = true;
          this.expiryTimer.stop();
          this.changeState('terminated');
          this.close();
          this.post('SIPIncomingSubscriptionDidEnd', { originator: 'remote', reason: code === 481 ? 'notify-481' : 'notify-timeout' });
        }
      }
    } finally {
      this.notifying = false;
    }
  }

  private close(): void {
    this.unroute?.();
    this.unroute = undefined;
    this.dialog.terminate();
  }

  private changeState(state: IncomingSubscriptionStateName): void {
    if (state === this.current) return;
    const prevState = this.current;
    this.current = state;
    this.post('SIPIncomingSubscriptionChangedState', { prevState, state });
  }
}
