/**
 * `Subscription` (python-sipsimple's `sipsimple.core.Subscription`): the subscriber side
 * of one subscription to any event package (RFC 6665 §4.1). Packages are only an Event
 * name and the body types in Accept; NOTIFY bodies are handed over untouched.
 *
 * - The SUBSCRIBE goes to the destinations given (or located with DNS) in turn (RFC 3263
 *   §4.3), answers digest challenges (RFC 3261 §22; in the dialog too), and follows a 423
 *   with the Min-Expires asked (RFC 6665 §4.1.2.1).
 * - A NOTIFY that arrives before the 2xx creates the dialog (§4.1.2.4).
 * - Forking (§4.5.2): every notifier that answers gets its own dialog, refreshed and
 *   unsubscribed on its own; each NOTIFY is reported with its dialog id. The subscription
 *   is `active` when any dialog is active, else `pending` when any is pending. A dialog the
 *   notifier terminates is dropped; only when the last one ends does the reason decide
 *   what happens (§4.1.3, see {@link terminationAction}).
 * - Refreshes go ahead of expiry (§4.1.2.2, {@link refreshDelay}). The header fields given
 *   to {@link Subscription.subscribe} (e.g. `Supported: eventlist`, RFC 4662 §4.4) go on
 *   every SUBSCRIBE: initial, refresh and unsubscribe (an RLS may answer 481 otherwise).
 * - Recovery: a refresh answered 481, a refresh that gets no answer, a dialog that expires
 *   unrefreshed, and `terminated` with `deactivated`, `timeout`, `probation` or (with
 *   retry-after) `giveup` all lead to a new subscription (new Call-ID), in state `waiting`
 *   while a delay runs; while recovering, a new SUBSCRIBE without answer (or answered 408,
 *   480, 5xx) is tried again after `recoveryInterval`, so a restarted server is picked up.
 * - {@link Subscription.end} unsubscribes (Expires: 0) and waits, within a bound, for the
 *   final NOTIFY (§4.1.2.3).
 */
import { NotificationSender } from '../../notification/index.js';
import type { Route } from '../../lookup/index.js';
import type { DigestAuthenticator } from '../auth/index.js';
import { DialogError, DialogSet, type Dialog } from '../dialog/index.js';
import {
  createResponse,
  EventHeader,
  generateCallId,
  generateTag,
  type NameAddress,
  type SIPRequest,
  type SIPResponse,
  type SubscriptionState,
} from '../message/index.js';
import { systemScheduler, TransactionTimer, type ServerTransaction, type Scheduler } from '../transaction/index.js';
import type { URI } from '../uri/index.js';
import { ParserError } from '../../errors.js';
import { PrimitiveStateError, RequestFailedError } from './errors.js';
import type { EventEngine } from './event-engine.js';
import { EventRouter, eventPackage } from './event-router.js';
import { buildRequest, initialCSeq } from './out-of-dialog.js';
import { toAuthenticator, toNameAddress, type CredentialsInput } from './primitive-engine.js';
import { sendRequest, type SentRequest } from './request-sender.js';
import { errorFailure, responseFailure, type FailureData } from './response-summary.js';
import { refreshDelay } from './refresh-policy.js';
import { subscriptionStateInfo, terminationAction, type SubscriptionStateInfo } from './subscription-state.js';
import type { SubscriptionStateName } from './subscription-notifications.js';
import './subscription-notifications.js';

/** What a {@link Subscription} subscribes to, and how. */
export interface SubscriptionOptions {
  /** The subscriber's address (From); a tag is added per SUBSCRIBE dialog. */
  fromHeader: NameAddress | string;
  /** The resource subscribed to (To). */
  toHeader: NameAddress | string;
  /** The Request-URI; the To URI when absent. */
  requestUri?: URI | string;
  /** The Contact of the SUBSCRIBEs and of the answers to NOTIFY, e.g. `<sip:alice@192.0.2.1:5060>`. */
  contactHeader: string;
  /** The Event value: a package, with template and `id` if any (`presence`, `presence.winfo`, `refer;id=7`). */
  event: string;
  /** Body types accepted in NOTIFYs (Accept). */
  accept?: readonly string[];
  /** Destinations of the initial SUBSCRIBE, tried in order (outbound proxy routes); else located with DNS. */
  routes?: readonly Route[];
  /** Route header values of the initial SUBSCRIBE (a pre-loaded route set, RFC 3261 §8.1.2). */
  routeSet?: readonly string[];
  credentials?: CredentialsInput;
  /** The Expires asked, seconds (a 423 raises it to the Min-Expires). Default 600. */
  refresh?: number;
  /** Seconds to wait before subscribing again after `probation` without retry-after. Default 60. */
  probationDelay?: number;
  /** Seconds between attempts to re-create a lost subscription that get no answer. Default 30. */
  recoveryInterval?: number;
  /** The clock of the refresh, expiry and retry timers. */
  scheduler?: Scheduler;
}

/** Options of {@link Subscription.subscribe}. */
export interface SubscribeOptions {
  /** Further header fields, put on every SUBSCRIBE of this subscription (e.g. `['Supported', 'eventlist']`). */
  extraHeaders?: Iterable<readonly [string, string]>;
  contentType?: string;
  body?: Buffer | string;
}

/** One dialog of the subscription (several when the SUBSCRIBE forked). */
interface DialogEntry {
  readonly dialog: Dialog;
  state: 'accepted' | 'pending' | 'active';
  readonly refreshTimer: TransactionTimer;
  readonly expiryTimer: TransactionTimer;
  refreshing: boolean;
  unsubscribed: boolean;
}

/** One SUBSCRIBE dialog set: a Call-ID and From tag, and the dialogs it made. */
interface Attempt {
  readonly request: SIPRequest;
  readonly dialogSet: DialogSet;
  readonly entries: Map<string, DialogEntry>;
  readonly unroute: () => void;
  /** Whether the initial SUBSCRIBE still waits for its final response. */
  initialPending: boolean;
}

/** No answer at all: 408 after a timeout (RFC 3261 §8.1.3.1), 0 otherwise. Answers worth retrying while recovering. */
function isTransient(code: number): boolean {
  return code === 0 || code === 408 || code === 480 || (code >= 500 && code < 600);
}

/** A subscription as a subscriber; see the module comment. */
export class Subscription extends NotificationSender {
  /** The package (Event without parameters), lower-cased. */
  readonly event: string;
  /** The Event `id` parameter, if any. */
  readonly eventId: string | undefined;
  readonly fromHeader: NameAddress;
  readonly toHeader: NameAddress;
  private readonly eventValue: string;
  private readonly router: EventRouter;
  private readonly authenticator: DigestAuthenticator | undefined;
  private readonly scheduler: Scheduler;
  private readonly recoveryTimer: TransactionTimer;
  private readonly endTimer: TransactionTimer;
  private current: SubscriptionStateName = 'null';
  private attempt: Attempt | undefined;
  private expiresAsked: number;
  private grantedExpires: number | undefined;
  private subscribeOptions: SubscribeOptions = {};
  private extraHeaders: Array<readonly [string, string]> = [];
  private recovering = false;
  private ending = false;
  private endWaiters: Array<() => void> = [];

  constructor(
    private readonly engine: EventEngine,
    private readonly options: SubscriptionOptions,
  ) {
    super(engine.notificationCenter);
    const event = EventHeader.parse(options.event);
    this.eventValue = event.toString();
    this.event = eventPackage(event.event);
    this.eventId = event.id;
    this.fromHeader = toNameAddress(options.fromHeader, 'From');
    this.fromHeader.tag = undefined;
    this.toHeader = toNameAddress(options.toHeader, 'To');
    this.toHeader.tag = undefined;
    this.expiresAsked = options.refresh ?? 600;
    if (!Number.isInteger(this.expiresAsked) || this.expiresAsked <= 0) {
      throw new PrimitiveStateError(`refresh must be a positive number of seconds, got ${options.refresh}`);
    }
    this.router = EventRouter.of(engine);
    this.authenticator = toAuthenticator(options.credentials);
    this.scheduler = options.scheduler ?? systemScheduler;
    this.recoveryTimer = new TransactionTimer(this.scheduler, () => void this.startAttempt());
    this.endTimer = new TransactionTimer(this.scheduler, () => this.finish({ originator: 'local', reason: 'no final NOTIFY' }));
  }

  /** The life-cycle state (see {@link SubscriptionStateName}). */
  get state(): SubscriptionStateName {
    return this.current;
  }

  /** The Call-ID of the current SUBSCRIBE dialog set, if any. */
  get callId(): string | undefined {
    return this.attempt?.request.callId;
  }

  /** The ids of the current dialogs, in the order they were made (several after forking). */
  get dialogs(): Array<Dialog['id']> {
    return [...(this.attempt?.entries.values() ?? [])].map((entry) => entry.dialog.id);
  }

  /** The Expires asked in SUBSCRIBEs (raised by 423). */
  get refresh(): number {
    return this.expiresAsked;
  }

  /** The last expiry the notifier granted, seconds (from a 2xx or a NOTIFY). */
  get expires(): number | undefined {
    return this.grantedExpires;
  }

  /**
   * Sends the SUBSCRIBE; resolves when its final response has been handled (the outcome
   * is in the notifications). Throws {@link PrimitiveStateError} unless the subscription
   * is new or terminated.
   */
  async subscribe(options: SubscribeOptions = {}): Promise<void> {
    if (this.current !== 'null' && this.current !== 'terminated') {
      throw new PrimitiveStateError(`subscribe() on a subscription that is ${this.current}`);
    }
    this.subscribeOptions = options;
    this.extraHeaders = [...(options.extraHeaders ?? [])];
    this.ending = false;
    this.recovering = false;
    await this.startAttempt();
  }

  /**
   * Unsubscribes (Expires: 0 on every dialog) and resolves once the subscription is
   * terminated: at the final NOTIFY, at a 481 or failure of the unsubscribe, or after
   * `timeout` seconds (default 5) without the final NOTIFY. Posts `SIPSubscriptionDidEnd`.
   */
  async end(options: { timeout?: number } = {}): Promise<void> {
    if (this.current === 'null' || this.current === 'terminated') return;
    const done = new Promise<void>((resolve) => this.endWaiters.push(resolve));
    if (this.ending) return done;
    this.ending = true;
    this.recoveryTimer.stop();
    const attempt = this.attempt;
    if (attempt === undefined) {
      this.finish({ originator: 'local' });
      return done;
    }
    this.endTimer.start((options.timeout ?? 5) * 1000);
    for (const entry of [...attempt.entries.values()]) void this.unsubscribe(attempt, entry);
    if (attempt.entries.size === 0 && !attempt.initialPending) this.finish({ originator: 'local' });
    return done;
  }

  /** Sends a refresh on every dialog now, instead of waiting for the refresh timers. */
  async refreshNow(): Promise<void> {
    const attempt = this.attempt;
    if (attempt === undefined || this.ending) return;
    await Promise.all([...attempt.entries.values()].map((entry) => this.refreshDialog(attempt, entry)));
  }

  // ----- the initial SUBSCRIBE -----

  private headersOf(expires: number): Array<[string, string]> {
    const headers: Array<[string, string]> = [['Event', this.eventValue]];
    if (this.options.accept !== undefined && this.options.accept.length > 0) headers.push(['Accept', this.options.accept.join(', ')]);
    headers.push(['Expires', String(expires)]);
    for (const [name, value] of this.extraHeaders) headers.push([name, value]);
    return headers;
  }

  private async startAttempt(): Promise<void> {
    const from = this.fromHeader.clone();
    from.tag = generateTag();
    const callId = generateCallId();
    const body = this.subscribeOptions.body;
    const contentType = this.subscribeOptions.contentType;
    const request = buildRequest({
      method: 'SUBSCRIBE',
      requestUri: this.options.requestUri ?? this.toHeader.uri.clone(),
      from,
      to: this.toHeader.clone(),
      callId,
      cseq: initialCSeq(),
      ...(this.options.routeSet === undefined ? {} : { routeSet: this.options.routeSet }),
      contacts: [this.options.contactHeader],
      extraHeaders: this.headersOf(this.expiresAsked),
      ...(body === undefined || contentType === undefined ? {} : { body, contentType }),
    });
    const attempt: Attempt = {
      request,
      dialogSet: new DialogSet(request, { localContact: this.options.contactHeader }),
      entries: new Map(),
      unroute: () => undefined,
      initialPending: true,
    };
    (attempt as { unroute: () => void }).unroute = this.router.addSubscriber(callId, from.tag, (notify, transaction) =>
      this.receiveNotify(attempt, notify, transaction),
    );
    this.attempt = attempt;
    this.setState('sent');
    await this.sendInitial(attempt);
  }

  private async sendInitial(attempt: Attempt): Promise<void> {
    const request = attempt.request;
    for (let tries = 0; ; tries++) {
      let sent: SentRequest;
      try {
        sent = await sendRequest(this.engine, {
          request,
          routes: this.options.routes,
          authenticator: this.authenticator,
        });
      } catch (error) {
        if (!(error instanceof RequestFailedError)) throw error;
        this.initialFailed(attempt, errorFailure(error));
        return;
      }
      if (this.attempt !== attempt) return;
      const response = sent.response;
      if (response.status >= 200 && response.status < 300) {
        this.initialAccepted(attempt, response);
        return;
      }
      const minExpires = response.status === 423 ? this.minExpiresOf(response) : undefined;
      if (minExpires !== undefined && tries < 2) {
        this.expiresAsked = minExpires;
        request.setHeader('Expires', String(minExpires));
        request.setHeader('CSeq', `${request.cseq.seq + 1} SUBSCRIBE`);
        continue;
      }
      const failure = responseFailure(response, sent.authenticationFailure);
      this.initialFailed(attempt, failure, response);
      return;
    }
  }

  /** The Min-Expires of a 423 when it asks for more than we asked (RFC 3261 §10.2.8, RFC 6665 §4.1.2.1). */
  private minExpiresOf(response: SIPResponse): number | undefined {
    try {
      const min = response.minExpires;
      return min !== undefined && min > this.expiresAsked ? min : undefined;
    } catch (error) {
      if (error instanceof ParserError) return undefined;
      throw error;
    }
  }

  private initialAccepted(attempt: Attempt, response: SIPResponse): void {
    attempt.initialPending = false;
    let dialog: Dialog | undefined;
    try {
      dialog = attempt.dialogSet.receiveResponse(response);
    } catch (error) {
      if (!(error instanceof DialogError)) throw error;
    }
    if (dialog === undefined) {
      if (attempt.entries.size === 0) {
        this.initialFailed(attempt, { code: response.status, reason: `${response.reason}: the 2xx establishes no dialog (no To tag or Contact)`, kind: 'response', response });
      }
      return;
    }
    const entry = this.entryOf(attempt, dialog);
    this.schedule(attempt, entry, this.expiresOfResponse(response));
    if (this.ending) {
      void this.unsubscribe(attempt, entry);
      return;
    }
    this.updateState();
  }

  private initialFailed(attempt: Attempt, failure: FailureData, response?: SIPResponse): void {
    if (this.attempt !== attempt) return;
    attempt.initialPending = false;
    if (attempt.entries.size > 0) {
      // NOTIFYs made dialogs before the failure came: they carry on (RFC 6665 §4.1.2.4).
      this.updateState();
      return;
    }
    this.closeAttempt();
    if (this.ending) {
      this.finish({ originator: 'local' });
      return;
    }
    if (this.recovering && isTransient(failure.code)) {
      this.wait(this.options.recoveryInterval ?? 30);
      return;
    }
    const extra: { minExpires?: number; retryAfter?: number } = {};
    try {
      const min = response?.minExpires;
      if (min !== undefined) extra.minExpires = min;
      const retryAfter = response?.retryAfter;
      if (retryAfter !== undefined) extra.retryAfter = retryAfter.seconds;
    } catch (error) {
      if (!(error instanceof ParserError)) throw error;
    }
    this.finish({ failure: { ...failure, ...extra } });
  }

  private expiresOfResponse(response: SIPResponse): number {
    try {
      return response.expires ?? this.expiresAsked;
    } catch (error) {
      if (error instanceof ParserError) return this.expiresAsked;
      throw error;
    }
  }

  // ----- dialogs and their timers -----

  private entryOf(attempt: Attempt, dialog: Dialog): DialogEntry {
    let entry = attempt.entries.get(dialog.remoteTag);
    if (entry === undefined) {
      const created: DialogEntry = {
        dialog,
        state: 'accepted',
        refreshTimer: new TransactionTimer(this.scheduler, () => void this.refreshDialog(attempt, created)),
        expiryTimer: new TransactionTimer(this.scheduler, () => this.dialogLost(attempt, created)),
        refreshing: false,
        unsubscribed: false,
      };
      entry = created;
      attempt.entries.set(dialog.remoteTag, entry);
    }
    return entry;
  }

  /** (Re)starts the refresh and expiry timers of a dialog for `expires` seconds. */
  private schedule(attempt: Attempt, entry: DialogEntry, expires: number): void {
    if (this.attempt !== attempt || entry.unsubscribed) return;
    this.grantedExpires = expires;
    if (expires <= 0) return;
    entry.refreshTimer.start(refreshDelay(expires) * 1000);
    entry.expiryTimer.start(expires * 1000);
  }

  private dropEntry(attempt: Attempt, entry: DialogEntry): void {
    entry.refreshTimer.stop();
    entry.expiryTimer.stop();
    entry.dialog.terminate();
    if (attempt.entries.get(entry.dialog.remoteTag) === entry) attempt.entries.delete(entry.dialog.remoteTag);
  }

  /** A dialog is gone without a word from its notifier (481, no answer, expiry): recover when it was the last. */
  private dialogLost(attempt: Attempt, entry: DialogEntry): void {
    if (this.attempt !== attempt) return;
    this.dropEntry(attempt, entry);
    if (attempt.entries.size > 0 || attempt.initialPending) {
      this.updateState();
      return;
    }
    this.closeAttempt();
    if (this.ending) this.finish({ originator: 'local' });
    else this.recover(0);
  }

  private async refreshDialog(attempt: Attempt, entry: DialogEntry): Promise<void> {
    if (entry.refreshing || entry.unsubscribed || this.attempt !== attempt) return;
    entry.refreshing = true;
    try {
      for (let tries = 0; ; tries++) {
        const sent = await this.sendInDialog(entry, this.expiresAsked);
        if (this.attempt !== attempt || entry.unsubscribed) return;
        if (sent === undefined || sent.response.status === 481) {
          this.dialogLost(attempt, entry);
          return;
        }
        const response = sent.response;
        if (response.status >= 200 && response.status < 300) {
          entry.dialog.receiveResponse(response);
          this.schedule(attempt, entry, this.expiresOfResponse(response));
          return;
        }
        const minExpires = response.status === 423 ? this.minExpiresOf(response) : undefined;
        if (minExpires !== undefined && tries < 2) {
          this.expiresAsked = minExpires;
          continue;
        }
        // RFC 6665 §4.1.2.2: any other failure leaves the subscription valid until it expires.
        return;
      }
    } finally {
      entry.refreshing = false;
    }
  }

  /** Sends a SUBSCRIBE in `entry`'s dialog; `undefined` when it got no final response. */
  private async sendInDialog(entry: DialogEntry, expires: number): Promise<SentRequest | undefined> {
    const body = this.subscribeOptions.body;
    const contentType = this.subscribeOptions.contentType;
    let request: SIPRequest;
    try {
      request = entry.dialog.createRequest('SUBSCRIBE', {
        headers: this.headersOf(expires),
        ...(body === undefined || contentType === undefined ? {} : { body, contentType }),
      });
    } catch (error) {
      if (error instanceof DialogError) return undefined;
      throw error;
    }
    try {
      const sent = await sendRequest(this.engine, {
        request,
        authenticator: this.authenticator,
      });
      // Challenges raised the CSeq: the dialog's next request must go above it (RFC 3261 §12.2.1.1).
      entry.dialog.localSeq = Math.max(entry.dialog.localSeq ?? 0, sent.request.cseq.seq);
      return sent;
    } catch (error) {
      if (error instanceof RequestFailedError) return undefined;
      throw error;
    }
  }

  private async unsubscribe(attempt: Attempt, entry: DialogEntry): Promise<void> {
    if (entry.unsubscribed) return;
    entry.unsubscribed = true;
    entry.refreshTimer.stop();
    const sent = await this.sendInDialog(entry, 0);
    if (this.attempt !== attempt) return;
    if (sent === undefined || sent.response.status >= 300) {
      // No subscription is left to end (481), or the notifier cannot be reached: it expires on its own.
      this.dropEntry(attempt, entry);
      if (attempt.entries.size === 0 && !attempt.initialPending) this.finish({ originator: 'local' });
    }
  }

  // ----- NOTIFY -----

  private receiveNotify(attempt: Attempt, notify: SIPRequest, transaction: ServerTransaction): void {
    const respond = (status: number, reason?: string): void => {
      const response = createResponse(notify, status, reason);
      if (status >= 200 && status < 300) response.setHeader('Contact', this.options.contactHeader);
      this.engine.sendResponse(transaction, response);
    };
    let event: EventHeader | undefined;
    let header: SubscriptionState | undefined;
    try {
      event = notify.event;
      header = notify.subscriptionState;
    } catch (error) {
      if (!(error instanceof ParserError)) throw error;
      respond(400, `Bad Request: ${error.message.replace(/[\r\n]+/g, ' ').slice(0, 100)}`);
      return;
    }
    if (event === undefined) return respond(489, 'Bad Event');
    // RFC 6665 §4.4.1: the Event package and id must match those of the SUBSCRIBE.
    if (eventPackage(event.event) !== this.event || event.id !== this.eventId) return respond(481, 'Subscription Does Not Exist');
    if (header === undefined) return respond(400, 'Missing Subscription-State Header Field');
    let entry = attempt.entries.get(notify.from.tag ?? '');
    if (entry === undefined) {
      if (this.ending) return respond(481, 'Subscription Does Not Exist');
      try {
        entry = this.entryOf(attempt, attempt.dialogSet.receiveNotify(notify).dialog);
      } catch (error) {
        if (!(error instanceof DialogError)) throw error;
        return respond(400, 'Bad Request: the NOTIFY cannot create a dialog');
      }
    } else {
      const check = entry.dialog.receiveRequest(notify);
      if (!check.accepted) return respond(check.status, check.reason);
    }
    respond(200);
    const info = subscriptionStateInfo(header);
    this.post('SIPSubscriptionGotNotify', {
      request: notify,
      dialogId: entry.dialog.id,
      event: this.event,
      eventId: this.eventId,
      fromHeader: notify.from,
      toHeader: notify.to,
      subscriptionState: info,
      contentType: notify.getHeader('Content-Type'),
      body: notify.body,
    });
    if (this.attempt !== attempt) return;
    this.applyState(attempt, entry, info);
  }

  private applyState(attempt: Attempt, entry: DialogEntry, info: SubscriptionStateInfo): void {
    const state = info.state;
    if (state === 'active' || state === 'pending') {
      entry.state = state as 'active' | 'pending';
      if (info.expires !== undefined) this.schedule(attempt, entry, info.expires);
      this.updateState();
      return;
    }
    if (info.state !== 'terminated') return;
    this.dropEntry(attempt, entry);
    if (attempt.entries.size > 0 || attempt.initialPending) {
      this.updateState();
      return;
    }
    this.closeAttempt();
    if (this.ending) {
      this.finish({ originator: 'local' });
      return;
    }
    const action = terminationAction(info, this.options.probationDelay ?? 60);
    if (action.retry) this.recover(action.delay);
    else this.finish({ originator: 'remote', ...(info.reason === undefined ? {} : { reason: info.reason }) });
  }

  // ----- state -----

  /** Starts a new subscription after `delay` seconds (at once for 0). */
  private recover(delay: number): void {
    this.recovering = true;
    if (delay <= 0) {
      void this.startAttempt();
      return;
    }
    this.wait(delay);
  }

  private wait(delay: number): void {
    this.recovering = true;
    this.setState('waiting');
    this.recoveryTimer.start(delay * 1000);
  }

  /** Stops routing the current attempt's NOTIFYs and its timers. */
  private closeAttempt(): void {
    const attempt = this.attempt;
    if (attempt === undefined) return;
    this.attempt = undefined;
    attempt.unroute();
    for (const entry of [...attempt.entries.values()]) this.dropEntry(attempt, entry);
    attempt.dialogSet.terminate();
  }

  private updateState(): void {
    const attempt = this.attempt;
    if (attempt === undefined) return;
    const states = new Set([...attempt.entries.values()].map((entry) => entry.state));
    const state: SubscriptionStateName = states.has('active')
      ? 'active'
      : states.has('pending')
        ? 'pending'
        : states.has('accepted')
          ? 'accepted'
          : 'sent';
    this.setState(state);
  }

  private setState(state: SubscriptionStateName): void {
    if (state === this.current) return;
    const prevState = this.current;
    this.current = state;
    this.post('SIPSubscriptionChangedState', { prevState, state });
  }

  private finish(outcome: { originator: 'local' | 'remote'; reason?: string } | { failure: FailureData & { minExpires?: number; retryAfter?: number } }): void {
    if (this.current === 'terminated') return;
    this.closeAttempt();
    this.recoveryTimer.stop();
    this.endTimer.stop();
    this.setState('terminated');
    if ('failure' in outcome) this.post('SIPSubscriptionDidFail', outcome.failure);
    else this.post('SIPSubscriptionDidEnd', outcome);
    this.ending = false;
    const waiters = this.endWaiters;
    this.endWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
