/**
 * `Account` (middleware spec §24): one SIP account, both the container of its settings
 * ({@link AccountSettings}, stored at `['Accounts', id]`) and the object that runs its
 * functions: registration, message summary, presence.
 *
 * States: **disabled** (`enabled` false), **inactive** (enabled, the Engine not running)
 * and **active** (enabled and the Engine running): `SIPAccountWillActivate`/`DidActivate`
 * and `SIPAccountWillDeactivate`/`DidDeactivate`. Changes of `enabled` and of the other
 * settings take effect at `save()`. While active:
 *
 * - `registration.enabled`: registers through the outbound proxy or the RFC 3263 routes
 *   of the domain, with failover and back-off (see {@link AccountRegistrar}).
 * - `messageSummary.enabled`: subscribes to message-summary (RFC 3842) at the voicemail
 *   URI or its own address; `SIPAccountMWIDidGetSummary` carries the parsed summary.
 * - `presence.enabled` (the spec: "not implemented yet"; implemented here): subscribes to
 *   its own presence.winfo (`SIPAccountGotPresenceWinfo`) and publishes
 *   {@link Account.presenceState} whenever it is set.
 *
 * - `xcap.enabled`: the account owns an {@link XCAPManager} ({@link Account.xcapManager},
 *   §43), started and stopped with the account and restarted when its XCAP settings
 *   change (see account-xcap.ts). With presence, the manager is where the presence
 *   policy lives: the rules the presence server applies to watchers (pres-rules), the
 *   contacts and the RLS lists are read and changed through it
 *   (`xcapManager.addPresencePolicy`, `addContact` with `presence` handling, ...);
 *   the account does not keep a copy.
 *
 * Presence is also available on demand while active, whatever `presence.enabled` says:
 * {@link Account.publishPresence}, {@link Account.subscribePresence} (a contact),
 * {@link Account.subscribeResourceList} (an RLS list), {@link Account.subscribeWatcherInfo},
 * {@link Account.subscribeSelfPresence} and {@link Account.subscribeDialogInfo}. (The
 * spec's settings group `presence` holds `presence.enabled`, so these are methods of the
 * account rather than of `account.presence`.)
 */
import { AccountSettings, SIPAddress, type SettingsObjectOptions } from '../configuration/index.js';
import { ConfigurationManager } from '../configuration/configuration-manager.js';
import { Credentials, DigestAuthenticator, Message, SIPURI, Subscription, type Engine } from '../core/index.js';
import type { Route } from '../lookup/index.js';
import type { PIDF } from '../payloads/pidf.js';
import type { XCAPDiffSubscriptionSettings, XCAPManager } from '../xcap/index.js';
import type { AccountLike } from './account-like.js';
import { InstanceRegistry, accountKey } from './account-registry.js';
import { locateRoutes, proxyLookupURI, usableTransports } from './account-routes.js';
import { bounded } from './bounded.js';
import type { AccountRuntime } from './account-runtime.js';
import { AccountXCAP } from './account-xcap.js';
import { AccountSubscription, type SubscriptionOwner } from './account-subscription.js';
import { ContactURIFactory } from './contact-uri-factory.js';
import { AccountError } from './errors.js';
import { PresencePublisher } from './presence-publisher.js';
import { AccountRegistrar, type RegistrarAccount } from './registrar.js';
import {
  dialogPackage,
  messageSummaryPackage,
  presencePackage,
  rlsPackage,
  selfPresencePackage,
  winfoPackage,
  type SubscriptionPackage,
} from './subscription-packages.js';
import './notifications.js';

const registry = new InstanceRegistry<Account>();

/** Seconds given to unregistering and unsubscribing when an account deactivates, unless the runtime says otherwise. */
const DEFAULT_SHUTDOWN_TIMEOUT = 5;

/** Settings whose change restarts the registration. */
const REGISTRATION_SETTINGS = /^(registration\.|sip\.(outboundProxy|registerInterval|transportList)|auth\.|displayName)/;

/** A SIP account; see the module comment. */
export class Account extends AccountSettings implements AccountLike, RegistrarAccount, SubscriptionOwner {
  /** The Contact URIs of the account's requests (spec: `ContactURIFactory`). */
  declare readonly contact: ContactURIFactory;
  #runtime: AccountRuntime | undefined;
  #active!: boolean;
  #transition!: Promise<void>;
  #registrar: AccountRegistrar | undefined;
  #mwi: AccountSubscription | undefined;
  #winfo: AccountSubscription | undefined;
  #publisher: PresencePublisher | undefined;
  #presenceState: PIDF | undefined;
  #subscriptions!: Set<AccountSubscription>;
  #credentials!: Credentials;
  #authenticator!: DigestAuthenticator;
  #engineObservers!: Array<() => void>;
  #xcap!: AccountXCAP;

  /**
   * The account `id` (`user@domain`). An id already in use with the same configuration
   * manager returns the existing object; a new id makes a new account, stored at `save()`.
   */
  constructor(id: SIPAddress | string, options: SettingsObjectOptions = {}) {
    const address = typeof id === 'string' ? SIPAddress.parse(id) : id;
    const manager = options.configurationManager ?? ConfigurationManager.default;
    const existing = registry.get(manager, accountKey(address));
    if (existing !== undefined) return existing;
    super(address, options);
    registry.set(manager, accountKey(address), this);
    Object.defineProperty(this, 'contact', { value: new ContactURIFactory(), enumerable: false });
    this.#active = false;
    this.#transition = Promise.resolve();
    this.#subscriptions = new Set();
    this.#engineObservers = [];
    this.#xcap = new AccountXCAP(this, (name, data) => this.post(name, data));
    this.#rebuildCredentials();
    this.on('CFGSettingsObjectDidChange', (notification) => this.#settingsChanged(Object.keys(notification.data.modified)));
    this.on('CFGSettingsObjectWasCreated', () => this.#rebuildCredentials());
    this.on('CFGSettingsObjectWasDeleted', () => registry.delete(manager, accountKey(address)));
  }

  /** The account's address of record, `sip:user@domain` (spec `uri`). */
  get uri(): SIPURI {
    return new SIPURI({ user: this.id.username, host: this.id.domain });
  }

  /** The digest credentials: `auth.username` (or the id's user) and `auth.password`; rebuilt when they change. */
  get credentials(): Credentials {
    return this.#credentials;
  }

  /** Whether the account is active (enabled and the Engine running). */
  get isActive(): boolean {
    return this.#active;
  }

  /** The Engine the account runs on while attached. */
  get engine(): Engine | undefined {
    return this.#runtime?.engine;
  }

  /** The core Registration that holds now, if any. */
  get currentRegistration(): AccountRegistrar['registration'] {
    return this.#registrar?.registration;
  }

  /** The account's subscriptions that have not ended. */
  get subscriptions(): AccountSubscription[] {
    return [...this.#subscriptions];
  }

  /**
   * The account's XCAP manager (§43): set from the first activation with `xcap.enabled`
   * (once the XCAP root is known) until `xcap.enabled` is turned off or the account leaves
   * its application; stopped while the account is inactive. `undefined` without XCAP.
   */
  get xcapManager(): XCAPManager | undefined {
    return this.#xcap.manager;
  }

  /** The XCAP root the manager uses (the `xcap.xcapRoot` setting, or discovered in DNS), once resolved. */
  get xcapRoot(): string | undefined {
    return this.#xcap.xcapRoot;
  }

  // ----- lifecycle (called by the AccountManager) -----

  /** Attaches the account to what it runs on; it activates if enabled and the Engine runs. */
  async attach(runtime: AccountRuntime): Promise<void> {
    if (this.#runtime === runtime) return this.#update();
    if (this.#runtime !== undefined) await this.detach();
    this.#runtime = runtime;
    this.contact.engine = runtime.engine;
    this.#engineObservers = [
      runtime.engine.on('SIPEngineDidStart', () => void this.#update()),
      runtime.engine.on('SIPEngineWillEnd', () => void this.#update(true)),
    ];
    return this.#update();
  }

  /** Deactivates the account (bounded) and detaches it from its runtime. */
  async detach(): Promise<void> {
    for (const remove of this.#engineObservers.splice(0)) remove();
    await this.#update(true);
    await this.#xcap.drop(this.#shutdownTimeout());
    this.#runtime = undefined;
    this.contact.engine = undefined;
  }

  /** Brings the state in line with `enabled` and the Engine, one transition at a time. */
  #update(forceInactive = false): Promise<void> {
    this.#transition = this.#transition.then(async () => {
      const wanted = !forceInactive && this.enabled && this.#runtime !== undefined && this.#runtime.engine.isRunning;
      if (wanted && !this.#active) await this.#activate();
      else if (!wanted && this.#active) await this.#deactivate();
    });
    return this.#transition;
  }

  async #activate(): Promise<void> {
    this.post('SIPAccountWillActivate', {});
    this.#active = true;
    this.#startRegistration();
    this.#startMessageSummary();
    this.#startPresence();
    if (this.#runtime !== undefined) void this.#xcap.start(this.#runtime);
    this.post('SIPAccountDidActivate', {});
  }

  async #deactivate(): Promise<void> {
    this.post('SIPAccountWillDeactivate', {});
    this.#active = false;
    const timeout = this.#shutdownTimeout();
    await Promise.all([
      this.#stopRegistration(timeout),
      this.#xcap.stop(timeout),
      this.#stopPresence(timeout),
      ...[...this.#subscriptions].map((subscription) => bounded(subscription.end(timeout / 1000), timeout)),
    ]);
    this.#mwi = undefined;
    this.#subscriptions.clear();
    this.post('SIPAccountDidDeactivate', {});
  }

  #settingsChanged(paths: string[]): void {
    if (paths.some((path) => path.startsWith('auth.'))) this.#rebuildCredentials();
    void this.#xcap.settingsChanged(paths, this.#active && !paths.includes('enabled'), this.#shutdownTimeout());
    if (paths.includes('enabled')) {
      void this.#update();
      return;
    }
    if (!this.#active) return;
    const timeout = this.#shutdownTimeout();
    if (paths.some((path) => REGISTRATION_SETTINGS.test(path))) {
      this.#transition = this.#transition.then(async () => {
        await this.#stopRegistration(timeout);
        if (this.#active) this.#startRegistration();
      });
    }
    if (paths.some((path) => path.startsWith('messageSummary.'))) {
      this.#transition = this.#transition.then(async () => {
        const mwi = this.#mwi;
        this.#mwi = undefined;
        if (mwi !== undefined) await bounded(mwi.end(timeout / 1000), timeout);
        if (this.#active) this.#startMessageSummary();
      });
    }
    if (paths.includes('presence.enabled')) {
      this.#transition = this.#transition.then(async () => {
        await this.#stopPresence(timeout);
        if (this.#active) this.#startPresence();
      });
    }
  }

  /** Milliseconds each deactivation step may take. */
  #shutdownTimeout(): number {
    return (this.#runtime?.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT) * 1000;
  }

  #rebuildCredentials(): void {
    this.#credentials = new Credentials(this.auth.username ?? this.id.username, this.auth.password);
    this.#authenticator = new DigestAuthenticator(this.#credentials);
  }

  #need(): AccountRuntime {
    const runtime = this.#runtime;
    if (runtime === undefined || !this.#active) throw new AccountError(`the account ${this.id.toString()} is not active`);
    return runtime;
  }

  // ----- what the registrar and subscriptions use -----

  /** `"Display Name" <sip:user@domain>`. */
  fromHeader(): string {
    const name = this.displayName;
    return name === null ? `<${this.uri.toString()}>` : `"${name.replace(/["\\]/g, '\\$&')}" <${this.uri.toString()}>`;
  }

  /** The account's digest authenticator (one challenge cache for all its requests). */
  authenticator(): DigestAuthenticator {
    return this.#authenticator;
  }

  /** `sip:<domain>`: the Request-URI of REGISTER (RFC 3261 §10.2). */
  registrarURI(): string {
    return `sip:${this.id.domain}`;
  }

  /** Whether an outbound proxy is set. */
  usesOutboundProxy(): boolean {
    return this.sip.outboundProxy !== null;
  }

  /** Seconds asked in REGISTER. */
  registerInterval(): number {
    return this.sip.registerInterval;
  }

  /** The transports this account may use, in order, among those the Engine runs. */
  transports(): ReturnType<typeof usableTransports> {
    const runtime = this.#need();
    return usableTransports(this.sip.transportList ?? runtime.settings.sip.transportList, runtime.engine);
  }

  /** The registrar's routes: the outbound proxy's, else the domain's (RFC 3263). */
  async registrarRoutes(): Promise<Route[]> {
    const runtime = this.#need();
    const proxy = this.sip.outboundProxy;
    const target = proxy === null ? { scheme: 'sip', host: this.id.domain } : proxyLookupURI(proxy);
    return locateRoutes(runtime.dnsLookup, target, this.transports());
  }

  /** Routes of requests other than REGISTER: the outbound proxy's, else none (the Engine locates the target). */
  async requestRoutes(): Promise<Route[] | undefined> {
    const runtime = this.#need();
    const proxy = this.sip.outboundProxy;
    if (proxy === null) return undefined;
    return locateRoutes(runtime.dnsLookup, proxyLookupURI(proxy), this.transports());
  }

  /** Logs a NOTIFY body that could not be read. */
  reportBadBody(subscription: AccountSubscription, error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.#runtime?.engine.log('warning', `${this.id.toString()}: unreadable ${subscription.event} NOTIFY body from ${subscription.uri}: ${detail}`);
  }

  /** Whether a request for `uri` is for this account: its address of record, or its Contact user part. */
  matchesURI(uri: { user?: string | undefined; host: string; port?: number | undefined }): boolean {
    if (uri.user === this.contact.username) return true;
    return uri.user === this.id.username && uri.host.toLowerCase() === this.id.domain.toLowerCase();
  }

  // ----- registration -----

  #startRegistration(): void {
    const runtime = this.#runtime;
    if (runtime === undefined || !this.registration.enabled) return;
    this.#registrar = new AccountRegistrar(this, runtime.engine, {
      retryPolicy: runtime.retryPolicy,
      scheduler: runtime.scheduler,
      random: runtime.random,
    });
    this.#registrar.start();
  }

  async #stopRegistration(timeout: number): Promise<void> {
    const registrar = this.#registrar;
    this.#registrar = undefined;
    if (registrar !== undefined) await registrar.stop(timeout);
  }

  // ----- subscriptions -----

  /** The routes of a new subscription and the Contact header for the transport of its first route. */
  async #subscriptionTarget(): Promise<{ routes: Route[] | undefined; contactHeader: string }> {
    const routes = await this.requestRoutes();
    const contact = this.contact.get(routes?.[0] ?? this.transports()[0]!);
    return { routes, contactHeader: `<${contact.toString()}>` };
  }

  /** What the account's xcap-diff subscriptions (RFC 5875) use: its address, Contact, routes, credentials and `sip.subscribeInterval`. */
  async xcapDiffSettings(): Promise<XCAPDiffSubscriptionSettings> {
    const { routes, contactHeader } = await this.#subscriptionTarget();
    return {
      aor: this.uri.toString(),
      contactHeader,
      credentials: this.#authenticator,
      refresh: this.sip.subscribeInterval,
      ...(routes === undefined ? {} : { routes }),
    };
  }

  /** Subscribes to `uri` for `pkg`; the subscription starts at once. */
  async #subscribe(pkg: SubscriptionPackage, uri: string, refresh?: number): Promise<AccountSubscription> {
    const runtime = this.#need();
    const { routes, contactHeader } = await this.#subscriptionTarget();
    const subscription = new Subscription(runtime.engine, {
      fromHeader: this.fromHeader(),
      toHeader: `<${uri}>`,
      contactHeader,
      event: pkg.event,
      accept: pkg.accept,
      credentials: this.#authenticator,
      refresh: refresh ?? this.sip.subscribeInterval,
      ...(routes === undefined ? {} : { routes }),
      ...(runtime.scheduler === undefined ? {} : { scheduler: runtime.scheduler }),
    });
    const handle: AccountSubscription = new AccountSubscription(this, subscription, pkg, uri, () => this.#subscriptions.delete(handle));
    this.#subscriptions.add(handle);
    await subscription.subscribe({ extraHeaders: pkg.extraHeaders });
    return handle;
  }

  /** Subscribes to the presence of `uri` (RFC 3856); NOTIFYs come as `SIPAccountGotPresenceState`. */
  subscribePresence(uri: string): Promise<AccountSubscription> {
    return this.#subscribe(presencePackage, normalizeURI(uri));
  }

  /** Subscribes to an RLS list (RFC 4662); NOTIFYs come as `SIPAccountGotPresenceState` with the RLMI and each resource's PIDF. */
  subscribeResourceList(uri: string): Promise<AccountSubscription> {
    return this.#subscribe(rlsPackage, normalizeURI(uri));
  }

  /** Subscribes to the watchers of the account's presence (RFC 3857); NOTIFYs come as `SIPAccountGotPresenceWinfo`. */
  subscribeWatcherInfo(): Promise<AccountSubscription> {
    return this.#subscribe(winfoPackage, this.uri.toString());
  }

  /** Subscribes to the account's own composed presence; NOTIFYs come as `SIPAccountGotSelfPresenceState`. */
  subscribeSelfPresence(): Promise<AccountSubscription> {
    return this.#subscribe(selfPresencePackage, this.uri.toString());
  }

  /** Subscribes to the dialogs of `uri` (RFC 4235); NOTIFYs come as `SIPAccountGotDialogState`. */
  subscribeDialogInfo(uri: string): Promise<AccountSubscription> {
    return this.#subscribe(dialogPackage, normalizeURI(uri));
  }

  /** Subscribes to message-summary (RFC 3842) at `uri` (the voicemail URI, else the account's address). */
  subscribeMessageSummary(uri?: string): Promise<AccountSubscription> {
    return this.#subscribe(messageSummaryPackage, normalizeURI(uri ?? this.messageSummary.voicemailUri?.uri ?? this.uri.toString()));
  }

  #startMessageSummary(): void {
    if (!this.messageSummary.enabled) return;
    this.subscribeMessageSummary().then(
      (subscription) => {
        if (this.#active) this.#mwi = subscription;
        else void subscription.end();
      },
      (error: unknown) => this.#runtime?.engine.log('warning', `${this.id.toString()}: message-summary subscription failed: ${String(error)}`),
    );
  }

  // ----- presence publication -----

  /** The PIDF document the account publishes (set it to publish it; `undefined` removes the publication). */
  get presenceState(): PIDF | undefined {
    return this.#presenceState;
  }

  set presenceState(pidf: PIDF | undefined) {
    this.#presenceState = pidf;
    if (!this.#active || !this.presence.enabled) return;
    const work = pidf === undefined ? this.#stopPublication() : this.publishPresence(pidf);
    work.catch((error: unknown) => this.#runtime?.engine.log('warning', `${this.id.toString()}: presence publication failed: ${String(error)}`));
  }

  /**
   * PUBLISHes `pidf` for the account (RFC 3903) and keeps it refreshed; resolves once
   * the outcome is posted (`SIPAccountPresencePublicationDidSucceed` or `...DidFail`).
   */
  async publishPresence(pidf: PIDF | string): Promise<void> {
    const runtime = this.#need();
    if (this.#publisher === undefined) {
      const routes = await this.requestRoutes();
      this.#publisher = new PresencePublisher(this, runtime.engine, {
        fromHeader: this.fromHeader(),
        credentials: this.#authenticator,
        duration: this.sip.publishInterval,
        ...(routes === undefined ? {} : { routes }),
        ...(runtime.retryPolicy === undefined ? {} : { retry: runtime.retryPolicy }),
        ...(runtime.scheduler === undefined ? {} : { scheduler: runtime.scheduler }),
      });
    }
    await this.#publisher.publish(pidf);
  }

  async #stopPublication(): Promise<void> {
    const publisher = this.#publisher;
    this.#publisher = undefined;
    if (publisher !== undefined) await publisher.end();
  }

  #startPresence(): void {
    if (!this.presence.enabled) return;
    if (this.#presenceState !== undefined) this.presenceState = this.#presenceState;
    this.subscribeWatcherInfo().then(
      (subscription) => {
        if (this.#active && this.presence.enabled) this.#winfo = subscription;
        else void subscription.end();
      },
      (error: unknown) => this.#runtime?.engine.log('warning', `${this.id.toString()}: presence.winfo subscription failed: ${String(error)}`),
    );
  }

  async #stopPresence(timeout: number): Promise<void> {
    const winfo = this.#winfo;
    this.#winfo = undefined;
    await Promise.all([bounded(this.#stopPublication(), timeout), winfo === undefined ? undefined : bounded(winfo.end(timeout / 1000), timeout)]);
  }

  // ----- MESSAGE -----

  /**
   * Sends a MESSAGE (RFC 3428) from the account to `uri`; resolves with the final status
   * code: 2xx when delivered, 408 when no answer came within `timeout` seconds (default 32).
   */
  async sendMessage(uri: string, body: string | Buffer, contentType = 'text/plain', timeout = 32): Promise<number> {
    const runtime = this.#need();
    const routes = await this.requestRoutes();
    const message = new Message(runtime.engine, {
      fromHeader: this.fromHeader(),
      toHeader: `<${normalizeURI(uri)}>`,
      contentType,
      body,
      credentials: this.#authenticator,
      ...(routes === undefined ? {} : { routes }),
    });
    let code = 0;
    const removers = [
      message.on('SIPMessageDidSucceed', (n) => (code = n.data.code)),
      message.on('SIPMessageDidFail', (n) => (code = n.data.code)),
    ];
    try {
      await message.send(timeout);
    } finally {
      for (const remove of removers) remove();
    }
    return code;
  }
}

/** `bob@example.com` or `sip:bob@example.com` as a SIP URI string. */
function normalizeURI(uri: string): string {
  return /^sips?:/i.test(uri) ? uri : `sip:${uri}`;
}
