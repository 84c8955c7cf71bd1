/**
 * The registration of an account (middleware spec §24, RFC 3261 §10, RFC 3263 §4.3):
 * the registrar's routes are located (the outbound proxy's, else the account domain's),
 * a {@link Registration} is tried on each route in turn with the Contact for that
 * route's transport, and the first that succeeds is kept (it refreshes itself). A route
 * that times out, fails at the transport or answers 503 leads to the next one; another
 * final answer (403, a wrong password) ends the attempt. When every route failed the
 * account waits (RFC 5626 §4.5 back-off, Retry-After honoured) and starts over with a
 * new lookup. A failed refresh is retried by the Registration on its route while the
 * binding holds; once the binding is gone the account starts over the same way.
 *
 * Every step is posted with the account as sender: `SIPAccountWillRegister`,
 * `SIPAccountRegistrationWillRefresh`, `SIPAccountRegistrationGotAnswer`,
 * `SIPAccountRegistrationDidSucceed`, `SIPAccountRegistrationDidFail`,
 * `SIPAccountRegistrationDidEnd`, `SIPAccountRegistrationDidNotEnd`.
 */
import {
  DEFAULT_RETRY_POLICY,
  Registration,
  refreshDelay,
  retryDelay,
  systemScheduler,
  type DigestAuthenticator,
  type Engine,
  type RegistrationFailureData,
  type RetryPolicy,
  type Scheduler,
} from '../core/index.js';
import type { Route } from '../lookup/index.js';
import type { NotificationCenter } from '../notification/index.js';
import type { ContactURIFactory } from './contact-uri-factory.js';

/** What the registrar needs of its account. */
export interface RegistrarAccount {
  readonly notificationCenter: NotificationCenter;
  readonly contact: ContactURIFactory;
  /** `"Display" <sip:user@domain>`. */
  fromHeader(): string;
  /** The account's authenticator (shared challenge cache). */
  authenticator(): DigestAuthenticator;
  /** The registrar's routes, in order; throws when none can be found. */
  registrarRoutes(): Promise<Route[]>;
  /** The Request-URI of REGISTER: `sip:<domain>`. */
  registrarURI(): string;
  /** Whether requests go through an outbound proxy (its URI then goes in a Route header with `lr`). */
  usesOutboundProxy(): boolean;
  /** Seconds asked in Expires. */
  registerInterval(): number;
}

/** Timing of the registrar. */
export interface RegistrarOptions {
  retryPolicy?: Partial<RetryPolicy> | undefined;
  scheduler?: Scheduler | undefined;
  random?: (() => number) | undefined;
}

/** A route's failure: whether the next route should be tried. */
function failsOver(failure: RegistrationFailureData): boolean {
  return failure.kind === 'timeout' || failure.kind === 'transport' || failure.kind === 'no-route' || failure.code === 503;
}

/** Keeps one account registered; see the module comment. */
export class AccountRegistrar {
  #registration: Registration | undefined;
  readonly #observers = new Map<Registration, Array<() => void>>();
  #timer: unknown;
  #refreshTimer: unknown;
  #failures = 0;
  #stopped = false;
  #rerun = false;
  #started = false;
  #cycle: Promise<void> | undefined;
  readonly #scheduler: Scheduler;
  readonly #policy: RetryPolicy;

  constructor(
    private readonly account: RegistrarAccount,
    private readonly engine: Engine,
    private readonly options: RegistrarOptions = {},
  ) {
    this.#scheduler = options.scheduler ?? systemScheduler;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  }

  /** The registration that holds now, if any. */
  get registration(): Registration | undefined {
    return this.#registration;
  }

  /** Starts registering (posts `SIPAccountWillRegister`). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#post('SIPAccountWillRegister');
    this.#run();
  }

  /** Stops: cancels retries and unregisters, waiting at most `timeoutMs` for the registrar. */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    const work = (async () => {
      await this.#cycle;
      const registration = this.#registration;
      if (registration !== undefined) await this.#end(registration, true);
    })();
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (bound = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(bound);
  }

  #post(name: 'SIPAccountWillRegister' | 'SIPAccountRegistrationWillRefresh'): void {
    this.account.notificationCenter.postNotification(name, this.account, {});
  }

  #clearTimers(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    if (this.#refreshTimer !== undefined) this.#scheduler.clearTimeout(this.#refreshTimer);
    this.#timer = undefined;
    this.#refreshTimer = undefined;
  }

  /** Starts a cycle, or one more after the cycle that runs now (a retry timer may fire before it has wound up). */
  #run(): void {
    if (this.#stopped) return;
    if (this.#cycle !== undefined) {
      this.#rerun = true;
      return;
    }
    this.#cycle = this.#attempt()
      .catch((error: unknown) => this.#failed({ error: error instanceof Error ? error.message : String(error), code: 0 }))
      .finally(() => {
        this.#cycle = undefined;
        if (this.#rerun) {
          this.#rerun = false;
          this.#run();
        }
      });
  }

  /** One lookup and one Registration per route until one holds. */
  async #attempt(): Promise<void> {
    let routes: Route[];
    try {
      routes = await this.account.registrarRoutes();
    } catch (error) {
      this.#failed({ error: `no route to the registrar: ${error instanceof Error ? error.message : String(error)}`, code: 0 });
      return;
    }
    let last: { failure: RegistrationFailureData; route: Route } | undefined;
    for (const route of routes) {
      if (this.#stopped) return;
      const registration = this.#create(route);
      let failure: RegistrationFailureData | undefined;
      const remove = registration.on('SIPRegistrationDidFail', (notification) => {
        failure = notification.data;
      });
      await registration.register();
      remove();
      if (registration.state === 'registered') {
        this.#failures = 0;
        this.#registration = registration;
        if (this.#stopped) await this.#end(registration, true);
        return;
      }
      await this.#end(registration, false);
      if (failure === undefined) continue;
      last = { failure, route };
      if (!failsOver(failure)) break;
    }
    if (this.#stopped) return;
    const failure = last?.failure;
    this.#failed({
      error: failure === undefined ? 'no registrar answered' : `${failure.code === 0 ? '' : `${failure.code} `}${failure.reason}`,
      code: failure?.code ?? 0,
      ...(failure?.retryAfter === undefined ? {} : { retryAfter: failure.retryAfter }),
      ...(last === undefined ? {} : { registrar: last.route }),
    });
  }

  /** Posts `SIPAccountRegistrationDidFail` and schedules the next cycle. */
  #failed(data: { error: string; code: number; retryAfter?: number; registrar?: Route }, retryIn?: number): void {
    if (this.#stopped) return;
    this.#failures += 1;
    const timeout = retryIn ?? retryDelay(this.#failures, this.#policy, data.retryAfter ?? 0, this.options.random);
    this.account.notificationCenter.postNotification('SIPAccountRegistrationDidFail', this.account, { ...data, timeout });
    this.#timer = this.#scheduler.setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, timeout * 1000);
  }

  #create(route: Route): Registration {
    const contact = this.account.contact.get(route);
    const registration = new Registration(this.engine, {
      fromHeader: this.account.fromHeader(),
      contactHeaders: [`<${contact.toString()}>`],
      credentials: this.account.authenticator(),
      duration: this.account.registerInterval(),
      registrar: this.account.registrarURI(),
      routes: [route],
      ...(this.account.usesOutboundProxy() ? { routeSet: [`<${route.getUri()};lr>`] } : {}),
      ...(this.options.retryPolicy === undefined ? {} : { retry: this.options.retryPolicy }),
      ...(this.options.scheduler === undefined ? {} : { scheduler: this.options.scheduler }),
      ...(this.options.random === undefined ? {} : { random: this.options.random }),
    });
    const center = this.account.notificationCenter;
    const account = this.account;
    this.#observers.set(registration, [
      registration.on('SIPRegistrationDidSucceed', (notification) => {
        const data = notification.data;
        const registrar = data.route ?? route;
        // Kept from its first success on, so that observers of the notifications below see it.
        this.#registration ??= registration;
        center.postNotification('SIPAccountRegistrationGotAnswer', account, { code: data.code, reason: data.reason, registration, registrar });
        center.postNotification('SIPAccountRegistrationDidSucceed', account, {
          contactHeader: data.contactHeader,
          contactHeaderList: data.contactHeaderList,
          expires: data.expires,
          registrar,
        });
        this.#announceRefresh(data.expires);
      }),
      registration.on('SIPRegistrationDidFail', (notification) => {
        const data = notification.data;
        if (data.code > 0) center.postNotification('SIPAccountRegistrationGotAnswer', account, { code: data.code, reason: data.reason, registration, registrar: data.route ?? route });
        if (registration === this.#registration) void this.#refreshFailed(registration, data);
      }),
      registration.on('SIPRegistrationDidEnd', () => {
        if (registration === this.#registration) center.postNotification('SIPAccountRegistrationDidEnd', account, { registration });
      }),
      registration.on('SIPRegistrationDidNotEnd', (notification) => {
        if (registration === this.#registration) {
          center.postNotification('SIPAccountRegistrationDidNotEnd', account, { code: notification.data.code, reason: notification.data.reason, registration });
        }
      }),
    ]);
    return registration;
  }

  /** Posts `SIPAccountRegistrationWillRefresh` when the Registration's refresh is due (same rule, same clock). */
  #announceRefresh(expires: number): void {
    if (this.#refreshTimer !== undefined) this.#scheduler.clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    if (expires <= 0 || this.#stopped) return;
    this.#refreshTimer = this.#scheduler.setTimeout(() => {
      this.#refreshTimer = undefined;
      if (!this.#stopped) this.#post('SIPAccountRegistrationWillRefresh');
    }, refreshDelay(expires) * 1000);
  }

  /** A refresh of the registration that held failed: keep retrying on its route while bound, else start over. */
  async #refreshFailed(registration: Registration, data: RegistrationFailureData): Promise<void> {
    const detail = { error: `${data.code === 0 ? '' : `${data.code} `}${data.reason}`, code: data.code, ...(data.route === undefined ? {} : { registrar: data.route }) };
    if (registration.isRegistered && data.retryIn !== undefined) {
      this.account.notificationCenter.postNotification('SIPAccountRegistrationDidFail', this.account, { ...detail, timeout: data.retryIn });
      return;
    }
    this.#registration = undefined;
    await this.#end(registration, false);
    this.#failed({ ...detail, ...(data.retryAfter === undefined ? {} : { retryAfter: data.retryAfter }) }, data.retryIn);
  }

  /** Ends a registration (un-REGISTER when `unregister` and it is bound) and drops its observers when it is not kept. */
  async #end(registration: Registration, unregister: boolean): Promise<void> {
    if (!unregister && registration.isRegistered) {
      // Dropping a registration that still holds would un-REGISTER it; only stop() does that.
      return;
    }
    await registration.end();
    if (registration === this.#registration) this.#registration = undefined;
    for (const remove of this.#observers.get(registration) ?? []) remove();
    this.#observers.delete(registration);
  }
}
