/**
 * `Registration` (python-sipsimple's `sipsimple.core.Registration`): binds one or more
 * contacts to an address of record at a registrar (RFC 3261 §10.2) and keeps them bound.
 *
 * - Refreshes ahead of expiry, at `max(0.9 × expires, expires − 30 s)` (see refresh-policy).
 * - 423 Interval Too Brief: retries at once with the registrar's Min-Expires (§10.2.8).
 * - The contacts actually granted, and each one's expiry, are read from the 2xx's Contact
 *   list by URI comparison (§10.2.4, §19.1.4); the registration expires with the shortest.
 * - Path and Service-Route (RFC 3327, RFC 3608): `Supported: path` is sent; the
 *   Service-Route of the 2xx is kept as {@link Registration.serviceRoute} for later requests.
 * - RFC 5626: with an `instanceId` and `regId` the contacts carry `+sip.instance` and
 *   `reg-id`, and the flow the registration runs on gets CRLF keep-alives (§4.4.1); when
 *   that flow (or any connection the registration used) closes, it re-registers at once.
 * - After a failure it retries with RFC 5626 §4.5 back-off (exponential, jittered, capped,
 *   Retry-After honoured). 401, 403 and 404 (a wrong password, an unknown user) and a
 *   stopped Engine are final: they end in `failed` without retries (a wrong password after
 *   the authenticator's bounded attempts).
 * - `end()` removes our contacts only (Expires: 0 with our Contact values, never `*`).
 */
import { NotificationSender } from '../../notification/index.js';
import type { Route } from '../../lookup/index.js';
import type { DigestAuthenticator } from '../auth/index.js';
import { Contact, NameAddress, type SIPResponse } from '../message/index.js';
import type { Flow } from '../transport/index.js';
import { parseURI, type URI } from '../uri/index.js';
import { PrimitiveStateError, RequestFailedError } from './errors.js';
import { buildRequest, initialCSeq, newCallId, withFromTag } from './out-of-dialog.js';
import { toAuthenticator, toNameAddress, type CredentialsInput, type PrimitiveEngine } from './primitive-engine.js';
import { refreshDelay } from './refresh-policy.js';
import { RefreshTimer, type RefreshTimingOptions } from './refresh-timer.js';
import type { GrantedContact } from './registration-notifications.js';
import { sendRequest, type SentRequest } from './request-sender.js';
import { errorFailure, refreshFailure, responseFailure, type FailureData } from './response-summary.js';
import { settle } from './request-outcome.js';
import { watchFlow, type FlowEvents } from './flow-watch.js';
import { headerValue } from './header-value.js';
import './registration-notifications.js';

/** Life cycle of a {@link Registration}. */
export type RegistrationState =
  /** Not started. */
  | 'idle'
  /** The first REGISTER (or the one after a failure) is on its way. */
  | 'registering'
  /** Bound; a refresh is scheduled (or on its way). */
  | 'registered'
  /** The last REGISTER failed; a retry is scheduled. */
  | 'waiting-retry'
  /** `end()`: the un-REGISTER is on its way. */
  | 'unregistering'
  /** A final failure (401, 403, 404, unusable 423): no retry until `register()` is called again. */
  | 'failed'
  /** Ended by `end()`. */
  | 'ended';

/** The keep-alive and flow events of the transport manager that a registration uses (RFC 5626 §4.4). */
export interface FlowControl extends FlowEvents {
  startKeepAlive(flow: Flow, intervalMs: number): boolean;
  stopKeepAlive(flow: Flow): void;
}

/** The Engine as a registration uses it. `Engine` fits. */
export interface RegistrationEngine extends PrimitiveEngine {
  readonly transportManager: FlowControl;
}

/** What a {@link Registration} registers, and how. */
export interface RegistrationOptions extends RefreshTimingOptions {
  /** The address of record (From and To, RFC 3261 §10.2). */
  fromHeader: NameAddress | string;
  /** Our Contact header values, e.g. `<sip:alice@192.0.2.1:5060;transport=tcp>`. */
  contactHeaders: readonly string[];
  credentials?: CredentialsInput;
  /** Requested expiry in seconds. Default 600. */
  duration?: number;
  /** The registrar's URI (Request-URI); by default the domain of the address of record (§10.2). */
  registrar?: URI | string;
  /** Destinations to try in order (an outbound proxy's DNS routes); else the next hop is located with DNS. */
  routes?: readonly Route[];
  /** Route header values (a pre-loaded route set, e.g. an outbound proxy `<sip:proxy;lr>`). */
  routeSet?: readonly string[];
  /** RFC 5626 instance ID, a URN such as `urn:uuid:...`, put in `+sip.instance`. */
  instanceId?: string;
  /** RFC 5626 `reg-id` of this flow (with `instanceId`). */
  regId?: number;
  /** Seconds between CRLF keep-alives on an RFC 5626 flow over a stream transport. Default 30. */
  keepAliveInterval?: number;
  extraHeaders?: Iterable<readonly [string, string]>;
}

/** Codes after which retrying cannot help without the user's action. */
const FINAL_CODES: ReadonlySet<number> = new Set([401, 403, 404, 407]);

function isReliable(flow: Flow | undefined): boolean {
  return flow !== undefined && flow.protocol !== 'udp';
}

/** A registration of contacts at a registrar; see the module comment. */
export class Registration extends NotificationSender {
  /** Our Contact values as sent (with RFC 5626 parameters added). */
  readonly contactHeaders: readonly string[];
  /** The Service-Route of the last 2xx (RFC 3608 §6): Route values for requests of this registration. */
  serviceRoute: string[] = [];
  /** The Path of the last 2xx (RFC 3327). */
  path: string[] = [];
  /** Our contacts as last granted. */
  granted: GrantedContact[] = [];
  /** Seconds granted by the last 2xx. */
  expiresReceived = 0;
  /** The route and flow the last REGISTER went over. */
  route: Route | undefined;
  flow: Flow | undefined;
  private current: RegistrationState = 'idle';
  private duration: number;
  private readonly from: NameAddress;
  private readonly to: NameAddress;
  private readonly registrar: URI;
  /** The Call-ID of every REGISTER of this registration (RFC 3261 §10.2: the same for all refreshes). */
  readonly callId = newCallId();
  private cseq = initialCSeq();
  private readonly contacts: Contact[];
  private readonly authenticator: DigestAuthenticator | undefined;
  private readonly now: () => number;
  private readonly timer: RefreshTimer;
  private boundUntil = 0;
  private inflight: Promise<void> | undefined;
  private keptAlive: Flow | undefined;
  private unwatch: (() => void) | undefined;
  private watched: string | undefined;

  constructor(
    private readonly engine: RegistrationEngine,
    private readonly options: RegistrationOptions,
  ) {
    super(engine.notificationCenter);
    if (options.contactHeaders.length === 0) throw new PrimitiveStateError('a Registration needs at least one contact');
    this.duration = options.duration ?? 600;
    const aor = toNameAddress(options.fromHeader, 'From');
    this.to = new NameAddress(aor.uri.clone(), aor.displayName);
    this.from = withFromTag(aor);
    this.registrar = this.registrarURI(options.registrar);
    this.contacts = options.contactHeaders.map((value) => this.ourContact(value));
    this.contactHeaders = this.contacts.map((contact) => contact.toString());
    this.authenticator = toAuthenticator(options.credentials);
    this.now = options.now ?? Date.now;
    this.timer = new RefreshTimer(options);
  }

  /** The life-cycle state. */
  get state(): RegistrationState {
    return this.current;
  }

  /** Whether a binding holds now (a 2xx was received and has not expired). */
  get isRegistered(): boolean {
    return this.boundUntil > this.now();
  }

  /**
   * Registers (or refreshes now, when registered); resolves once the outcome of this
   * REGISTER is posted (`SIPRegistrationDidSucceed` or `SIPRegistrationDidFail`).
   */
  async register(): Promise<void> {
    if (this.current === 'unregistering') throw new PrimitiveStateError('the registration is ending');
    if (this.inflight !== undefined) return this.inflight;
    this.timer.clear();
    if (this.current !== 'registered') this.setState('registering');
    return this.run();
  }

  /**
   * Unregisters our contacts (RFC 3261 §10.2.2: Expires 0) and ends: `SIPRegistrationWillEnd`,
   * then `SIPRegistrationDidEnd`, or `SIPRegistrationDidNotEnd` when the registrar refused.
   * A REGISTER on its way is waited for first. Resolves once ended.
   */
  async end(): Promise<void> {
    if (this.current === 'ended' || this.current === 'unregistering') return;
    const wasActive = this.current !== 'idle' && this.current !== 'failed';
    this.setState('unregistering');
    this.timer.clear();
    await this.inflight;
    this.stopFlow();
    if (!wasActive || !this.isRegistered) {
      this.finish(false);
      return;
    }
    this.post('SIPRegistrationWillEnd');
    const outcome = await settle(this.send(0));
    this.boundUntil = 0;
    if (!outcome.ok) this.post('SIPRegistrationDidNotEnd', outcome.failure);
    this.finish(false);
  }

  private finish(expired: boolean): void {
    this.setState('ended');
    this.post('SIPRegistrationDidEnd', { expired });
  }

  private setState(state: RegistrationState): void {
    this.current = state;
  }

  /** One REGISTER cycle: 423 is answered with Min-Expires once, then the outcome is handled. */
  private run(): Promise<void> {
    const cycle = (async () => {
      let retried423 = false;
      for (;;) {
        let sent: SentRequest;
        try {
          sent = await this.send(this.duration);
        } catch (error) {
          if (!(error instanceof RequestFailedError)) throw error;
          if (this.current === 'unregistering') return;
          this.failed(errorFailure(error));
          return;
        }
        if (this.current === 'unregistering') {
          if (sent.response.status < 300) this.accept(sent);
          return;
        }
        const response = sent.response;
        const minExpires = response.status === 423 ? headerValue(() => response.minExpires) : undefined;
        if (minExpires !== undefined && !retried423 && minExpires > this.duration) {
          retried423 = true;
          this.duration = minExpires;
          continue;
        }
        if (response.status >= 200 && response.status < 300) {
          this.succeeded(sent);
          return;
        }
        const failure = responseFailure(response, sent.authenticationFailure);
        this.failed(failure, response, minExpires, FINAL_CODES.has(response.status) || response.status === 423);
        return;
      }
    })();
    this.inflight = cycle.finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Sends one REGISTER with `expires` for our contacts. */
  private async send(expires: number): Promise<SentRequest> {
    const extraHeaders: Array<readonly [string, string]> = [
      ['Expires', String(expires)],
      ['Supported', this.options.regId === undefined ? 'path' : 'path, outbound'],
      ...(this.options.extraHeaders ?? []),
    ];
    const request = buildRequest({
      method: 'REGISTER',
      requestUri: this.registrar,
      from: this.from,
      to: this.to,
      callId: this.callId,
      cseq: ++this.cseq,
      contacts: this.contactHeaders,
      extraHeaders,
      ...(this.options.routeSet === undefined ? {} : { routeSet: this.options.routeSet }),
    });
    const sent = await sendRequest(this.engine, {
      request,
      routes: this.options.routes,
      authenticator: this.authenticator,
    });
    this.cseq = sent.request.cseq.seq;
    this.route = sent.route;
    if (sent.flow !== undefined) this.flow = sent.flow as Flow;
    return sent;
  }

  /** Records the bindings of a 2xx; returns the registration's expiry in seconds. */
  private accept(sent: SentRequest): number {
    const response = sent.response;
    const listed = headerValue(() => response.contact) ?? [];
    const headerExpires = headerValue(() => response.expires);
    const granted: GrantedContact[] = [];
    for (let i = 0; i < this.contacts.length; i++) {
      const ours = this.contacts[i]!;
      const match = listed.find((contact) => !contact.isWildcard && ours.uri.equals(contact.uri));
      if (match !== undefined) granted.push({ contact: this.contactHeaders[i]!, expires: match.expires ?? headerExpires ?? this.duration });
    }
    const expires = granted.length > 0 ? Math.min(...granted.map((g) => g.expires)) : (headerExpires ?? this.duration);
    this.granted = granted;
    this.expiresReceived = expires;
    this.boundUntil = this.now() + expires * 1000;
    this.serviceRoute = this.readList(response, 'Service-Route');
    this.path = this.readList(response, 'Path');
    return expires;
  }

  private succeeded(sent: SentRequest): void {
    const expires = this.accept(sent);
    this.timer.reset();
    this.setState('registered');
    this.keepFlowAlive();
    const response = sent.response;
    const listed = headerValue(() => response.contact) ?? [];
    this.post('SIPRegistrationDidSucceed', {
      code: response.status,
      reason: response.reason,
      contactHeader: this.granted[0]?.contact ?? this.contactHeaders[0]!,
      contactHeaderList: listed,
      granted: this.granted,
      expires,
      serviceRoute: this.serviceRoute,
      path: this.path,
      route: this.route,
      response,
    });
    if (expires > 0) this.schedule(refreshDelay(expires, this.options.refreshMargin ?? 30));
  }

  private failed(failure: FailureData, response?: SIPResponse, minExpires?: number, final = false): void {
    const isFinal = final || failure.kind === 'authentication' || failure.kind === 'engine-stopped';
    const data = {
      ...refreshFailure(failure, response, minExpires),
      ...(this.route === undefined ? {} : { route: this.route }),
    };
    if (isFinal) {
      this.stopFlow();
      this.setState('failed');
      this.post('SIPRegistrationDidFail', data);
      return;
    }
    const delay = this.timer.nextRetryDelay(data.retryAfter);
    this.setState('waiting-retry');
    this.post('SIPRegistrationDidFail', { ...data, retryIn: delay });
    const remaining = (this.boundUntil - this.now()) / 1000;
    if (remaining > 0) this.post('SIPRegistrationWillExpire', { expires: remaining });
    this.schedule(delay);
  }

  private schedule(seconds: number): void {
    this.timer.schedule(seconds, () => {
      if (this.current === 'registered' || this.current === 'waiting-retry') void this.run();
    });
  }

  /** RFC 5626 §4.4.1: keep-alives on the registration's flow when it is an outbound flow over a stream. */
  private keepFlowAlive(): void {
    const flow = this.flow;
    if (flow === undefined || !isReliable(flow)) return;
    if (this.watched !== flow.id) {
      this.unwatch?.();
      this.watched = flow.id;
      this.unwatch = watchFlow(this.engine.transportManager, flow.id, (closed) => this.flowClosed(closed));
    }
    if (this.options.regId === undefined || this.options.instanceId === undefined) return;
    if (this.keptAlive?.id === flow.id) return;
    this.stopKeepAlive();
    if (this.engine.transportManager.startKeepAlive(flow, (this.options.keepAliveInterval ?? 30) * 1000)) this.keptAlive = flow;
  }

  private stopKeepAlive(): void {
    if (this.keptAlive !== undefined) this.engine.transportManager.stopKeepAlive(this.keptAlive);
    this.keptAlive = undefined;
  }

  /** Stops the keep-alives and the watch of the flow. */
  private stopFlow(): void {
    this.stopKeepAlive();
    this.unwatch?.();
    this.unwatch = undefined;
    this.watched = undefined;
  }

  /** The connection of the registration closed: register again over a new one now (RFC 5626 §4.4.1). */
  private flowClosed(flow: Flow): void {
    this.unwatch = undefined;
    this.watched = undefined;
    if (this.keptAlive?.id === flow.id) this.keptAlive = undefined;
    if (this.flow?.id === flow.id) this.flow = undefined;
    if ((this.current === 'registered' || this.current === 'waiting-retry') && this.inflight === undefined) {
      this.timer.clear();
      void this.run();
    }
  }

  private readList(response: SIPResponse, name: 'Service-Route' | 'Path'): string[] {
    const list = headerValue(() => (name === 'Path' ? response.path : response.serviceRoute));
    return (list ?? []).map((entry) => entry.toString());
  }

  private registrarURI(given: URI | string | undefined): URI {
    if (given !== undefined) return typeof given === 'string' ? parseURI(given) : given;
    const aor = this.to.uri;
    if (aor.kind !== 'sip') throw new PrimitiveStateError(`the address of record ${aor.toString()} is not a SIP URI; give the registrar`);
    return parseURI(`${aor.scheme}:${aor.host.includes(':') && !aor.host.startsWith('[') ? `[${aor.host}]` : aor.host}${aor.port === undefined ? '' : `:${aor.port}`}`);
  }

  private ourContact(value: string): Contact {
    const contact = Contact.parse(value);
    if (contact.isWildcard) throw new PrimitiveStateError('a Registration binds its own contacts; the wildcard is not one');
    if (this.options.instanceId !== undefined) contact.params.set('+sip.instance', `"<${this.options.instanceId}>"`);
    if (this.options.regId !== undefined && this.options.instanceId !== undefined) contact.params.set('reg-id', String(this.options.regId));
    return contact;
  }
}
