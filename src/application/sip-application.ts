/**
 * `SIPApplication` (middleware spec §1): starts and stops, in order, the configuration
 * (the {@link ConfigurationManager} on the storage's backend), the SIP {@link Engine}
 * (from `SIPSimpleSettings`: user agent, transports, ports, TLS), the {@link DNSManager}
 * and the {@link AccountManager} with the SIP accounts and the Bonjour account.
 *
 * - `start(storage)` posts `SIPApplicationWillStart` once the configuration is loaded and
 *   `SIPApplicationDidStart` once everything runs (it resolves then). A configuration
 *   that cannot be loaded rejects and leaves the application startable again; so does a
 *   later failure, after undoing what had started. When TLS cannot start (an unreadable
 *   certificate, a bad key), `SIPApplicationFailedToStartTLS` is posted and the Engine
 *   runs without TLS and WSS.
 * - `stop()` posts `SIPApplicationWillEnd`, deactivates the accounts (each gets a bounded
 *   time to unregister), stops the DNS manager, the Engine and the configuration, then
 *   posts `SIPApplicationDidEnd`. It never waits longer than the bounds.
 * - Starting a started application or stopping a stopped one is a {@link SIPApplicationError}.
 *
 * The spec's audio attributes (`alert_audio_*`, `voice_audio_*`) and `local_nat_type`
 * are left out: the SDK has no media layer yet. The spec's singleton is
 * {@link SIPApplication.default}; other instances (own notification center, configuration
 * manager and Engine) are for tests and embedding.
 */
import { ConfigurationManager, SIPSimpleSettings } from '../configuration/index.js';
import { Engine, type EngineSettings, type RetryPolicy, type Scheduler } from '../core/index.js';
import { DNSLookup, DNSManager } from '../lookup/index.js';
import { NotificationCenter, NotificationSender } from '../notification/index.js';
import type { ISIPSimpleStorage } from '../storage/index.js';
import { AccountManager } from '../account/account-manager.js';
import type { AccountLike } from '../account/account-like.js';
import { BonjourAccount } from '../account/bonjour/index.js';
import type { AccountRuntime } from '../account/account-runtime.js';
import { engineSettingsFrom, usesTLS, withoutTLS } from './engine-settings.js';
import { SIPApplicationError } from './errors.js';
import './notifications.js';

/** Options of a {@link SIPApplication}. Everything has a process-wide default. */
export interface SIPApplicationOptions {
  notificationCenter?: NotificationCenter;
  configurationManager?: ConfigurationManager;
  /**
   * The DNS manager to start, or `null` for none (lookups then use the system's
   * nameservers; tests on loopback use this so that no probe leaves the machine).
   */
  dnsManager?: DNSManager | null;
  /** The DNS lookup of the Engine and the accounts (e.g. with given nameservers); one over `dnsManager` otherwise. */
  dnsLookup?: DNSLookup;
  /** Engine settings applied over those from `SIPSimpleSettings` (e.g. `ipv4Address: '127.0.0.1'`, timers). */
  engineSettings?: Partial<EngineSettings>;
  /**
   * The Bonjour account to manage next to the SIP accounts: by default a `BonjourAccount`
   * on this application's configuration (it advertises over mDNS on the local network when
   * enabled, as it is by default); `null` for none (tests that must keep to loopback).
   */
  bonjourAccount?: AccountLike | null;
  /** Back-off of account registrations (RFC 5626 §4.5 by default). */
  retryPolicy?: Partial<RetryPolicy>;
  /** The clock of account retries and refreshes. */
  scheduler?: Scheduler;
  /** Seconds each account may take to unregister at `stop()`. Default 5. */
  shutdownTimeout?: number;
}

/** Where the application is in its life cycle. */
export type SIPApplicationState = 'stopped' | 'starting' | 'running' | 'stopping';

/** The application; see the module comment. */
export class SIPApplication extends NotificationSender {
  static #shared: SIPApplication | undefined;

  /** The process-wide application (spec: a singleton), over the process-wide center and configuration manager. */
  static get default(): SIPApplication {
    SIPApplication.#shared ??= new SIPApplication();
    return SIPApplication.#shared;
  }

  readonly configurationManager: ConfigurationManager;
  /** The SIP stack (started by `start()`). */
  readonly engine: Engine;
  readonly accountManager: AccountManager;
  readonly dnsManager: DNSManager | null;
  readonly dnsLookup: DNSLookup;
  readonly #options: SIPApplicationOptions;
  #state: SIPApplicationState = 'stopped';
  #storage: ISIPSimpleStorage | undefined;

  constructor(options: SIPApplicationOptions = {}) {
    const center = options.notificationCenter ?? NotificationCenter.default;
    super(center);
    this.#options = options;
    this.configurationManager = options.configurationManager ?? ConfigurationManager.default;
    this.dnsManager = options.dnsManager === undefined ? DNSManager.default : options.dnsManager;
    this.dnsLookup = options.dnsLookup ?? new DNSLookup({ notificationCenter: center, ...(this.dnsManager === null ? {} : { manager: this.dnsManager }) });
    this.engine = new Engine({ notificationCenter: center, dnsLookup: this.dnsLookup });
    this.accountManager = new AccountManager({
      configurationManager: this.configurationManager,
      notificationCenter: center,
      ...(options.bonjourAccount === null
        ? {}
        : { bonjourAccount: options.bonjourAccount ?? (() => new BonjourAccount({ configurationManager: this.configurationManager, notificationCenter: center })) }),
    });
  }

  /** Whether the application runs (started, and not told to stop). */
  get running(): boolean {
    return this.#state === 'running';
  }

  /** The life-cycle state. */
  get state(): SIPApplicationState {
    return this.#state;
  }

  /** The storage given to `start()` (spec `storage`). */
  get storage(): ISIPSimpleStorage | undefined {
    return this.#storage;
  }

  /** The global settings of the running application. */
  get settings(): SIPSimpleSettings {
    return SIPSimpleSettings.instance({ configurationManager: this.configurationManager, notificationCenter: this.notificationCenter });
  }

  /** Starts every component in order; see the module comment. */
  async start(storage: ISIPSimpleStorage): Promise<void> {
    if (this.#state !== 'stopped') throw new SIPApplicationError(`the SIPApplication is ${this.#state}; it can only be started when stopped`);
    this.#state = 'starting';
    try {
      await this.configurationManager.start(storage.configurationBackend);
    } catch (error) {
      this.#state = 'stopped';
      throw error;
    }
    this.#storage = storage;
    this.post('SIPApplicationWillStart', {});
    try {
      await this.#startEngine();
      if (this.dnsManager !== null) {
        // The first probe may take a while offline; lookups use the system's nameservers until it decides.
        this.dnsManager.start().catch((error: unknown) => this.engine.log('warning', `DNS manager: ${String(error)}`));
      }
      await this.accountManager.start(this.#runtime());
    } catch (error) {
      await this.#stopComponents();
      this.#storage = undefined;
      this.#state = 'stopped';
      throw error;
    }
    this.#state = 'running';
    this.post('SIPApplicationDidStart', {});
  }

  /** Stops every component; see the module comment. */
  async stop(): Promise<void> {
    if (this.#state !== 'running') throw new SIPApplicationError(`the SIPApplication is ${this.#state}; only a running one can be stopped`);
    this.#state = 'stopping';
    this.post('SIPApplicationWillEnd', {});
    await this.#stopComponents();
    this.#state = 'stopped';
    this.post('SIPApplicationDidEnd', {});
  }

  #runtime(): AccountRuntime {
    const options = this.#options;
    return {
      engine: this.engine,
      dnsLookup: this.dnsLookup,
      settings: this.settings,
      ...(this.#storage === undefined ? {} : { xcapStorageFactory: this.#storage.xcapStorageFactory }),
      ...(options.retryPolicy === undefined ? {} : { retryPolicy: options.retryPolicy }),
      ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
      ...(options.shutdownTimeout === undefined ? {} : { shutdownTimeout: options.shutdownTimeout }),
    };
  }

  /** Starts the Engine; when it fails with TLS and starts without, posts `SIPApplicationFailedToStartTLS`. */
  async #startEngine(): Promise<void> {
    const settings = engineSettingsFrom(this.settings, this.#options.engineSettings);
    try {
      await this.engine.start(settings);
    } catch (error) {
      if (!usesTLS(settings)) throw error;
      const plain = withoutTLS(settings);
      if (plain.transports?.length === 0) throw error;
      await this.engine.start(plain);
      this.post('SIPApplicationFailedToStartTLS', { error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** Stops what runs, accounts first; each step bounded. */
  async #stopComponents(): Promise<void> {
    const timeout = ((this.#options.shutdownTimeout ?? 5) + 2) * 1000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.accountManager.stop().catch((error: unknown) => this.engine.log('warning', `stopping the accounts: ${String(error)}`)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout))),
    ]);
    clearTimeout(timer);
    this.dnsManager?.stop();
    if (this.engine.state === 'started') await this.engine.stop();
    this.configurationManager.stop();
  }
}
