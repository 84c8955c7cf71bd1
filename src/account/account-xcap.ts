/**
 * The XCAP side of an {@link Account} (middleware spec §24 and §43, spec/xcap-api.md
 * §2.7): the account owns an {@link XCAPManager} while `xcap.enabled` is set, and runs
 * it with the account's activation.
 *
 * - On activation the XCAP root is resolved (the `xcap.xcapRoot` setting, else a DNS
 *   TXT query for `xcap.<domain>`), an {@link XCAPClient} is made with the account's
 *   credentials, and the manager is created (first time) over the application's XCAP
 *   storage for the account (`storage.xcapStorageFactory(accountId)`), loaded and
 *   started, with an xcap-diff subscription (RFC 5875) to the account's own address
 *   through the account's routes, credentials and `sip.subscribeInterval`.
 * - On deactivation the manager is stopped (bounded by the account's shutdown time)
 *   and kept: it is started again at the next activation, so observers of it stay
 *   valid and operations queued meanwhile are journaled and applied then. It is dropped
 *   when `xcap.enabled` is turned off and when the account leaves its application.
 * - Settings saved while active: `xcap.xcapRoot`, `auth.*` and `tls.verifyServer` give
 *   the manager a new client (it goes back to `initializing`; the old client is
 *   closed); `auth.*`, `sip.subscribeInterval`, `sip.outboundProxy` and
 *   `sip.transportList` give it a new xcap-diff subscription.
 * - A discovered root is looked up again at every activation and at every change of
 *   the settings above, so a changed TXT record is followed then.
 * - When the root cannot be resolved (or the storage read), `SIPAccountXCAPDidFail` is
 *   posted and the setup is tried again with back-off. `SIPAccountDidDiscoverXCAPSupport`
 *   is posted by the account whenever its manager has read the server's capabilities.
 *
 * The manager's own notifications have the manager as sender; it is
 * `account.xcapManager` from before its `XCAPManagerWillStart`.
 */
import { systemScheduler, type Credentials, type Scheduler } from '../core/index.js';
import type { NotificationCenter, NotificationData, NotificationName } from '../notification/index.js';
import { MemoryXCAPStorage, type XCAPStorage } from '../storage/index.js';
import {
  backOffDelay,
  createXCAPDiffSubscriptionFactory,
  discoverXCAPRoot,
  XCAPClient,
  XCAPManager,
  type RetryDelay,
  type XCAPDiffSubscriptionSettings,
  type XCAPManagerSettingsChange,
} from '../xcap/index.js';
import type { AccountRuntime } from './account-runtime.js';
import { bounded } from './bounded.js';
import './notifications.js';

/** What {@link AccountXCAP} needs of its account. */
export interface XCAPAccount {
  /** `user@domain`: the key of the account's XCAP storage; the domain is where the root is looked up. */
  readonly id: { toString(): string; readonly domain: string };
  /** The address of record (`sip:user@domain`): the XUI and the xcap-diff resource. */
  readonly uri: { toString(): string };
  /** The HTTP credentials of the XCAP server (the SIP ones, spec §43 configuration). */
  readonly credentials: Credentials;
  readonly xcap: { readonly enabled: boolean; readonly xcapRoot: string | null };
  readonly tls: { readonly verifyServer: boolean };
  readonly notificationCenter: NotificationCenter;
  /** Contact, routes, credentials and expiry of the account's xcap-diff SUBSCRIBEs. */
  xcapDiffSettings(): Promise<XCAPDiffSubscriptionSettings>;
}

/** Posts an account notification (the account is the sender). */
export type AccountPoster = <N extends NotificationName>(name: N, data: Omit<NotificationData<N>, 'timestamp'>) => void;

/** What a settings change asks of the manager. */
interface Parts {
  readonly client: boolean;
  readonly subscription: boolean;
}

/** Settings whose change gives the manager a new XCAP client. */
const CLIENT_SETTINGS = /^(xcap\.xcapRoot$|auth\.|tls\.verifyServer$)/;
/** Settings whose change gives the manager a new xcap-diff subscription. */
const SUBSCRIPTION_SETTINGS = /^(auth\.|sip\.(subscribeInterval|outboundProxy|transportList)$)/;
/** Back-off of a failed setup (root discovery, storage), milliseconds. */
const SETUP_RETRY: RetryDelay = { initial: 5_000, max: 300_000 };
/** Milliseconds one XCAP request may take. */
const XCAP_TIMEOUT = 30_000;

/** The account's XCAP manager and its life cycle; see the module comment. */
export class AccountXCAP {
  readonly #account: XCAPAccount;
  readonly #post: AccountPoster;
  #runtime: AccountRuntime | undefined;
  #manager: XCAPManager | undefined;
  #unobserve: Array<() => void> = [];
  #client: XCAPClient | undefined;
  #root: string | undefined;
  #fallbackStorage: MemoryXCAPStorage | undefined;
  #wanted = false;
  #abort = new AbortController();
  #work: Promise<void> = Promise.resolve();
  #retry: { handle: unknown; scheduler: Scheduler } | undefined;
  #failures = 0;

  constructor(account: XCAPAccount, post: AccountPoster) {
    this.#account = account;
    this.#post = post;
  }

  /** The manager, from the first activation with `xcap.enabled` until XCAP is turned off or the account is detached. */
  get manager(): XCAPManager | undefined {
    return this.#manager;
  }

  /** The XCAP root the manager uses (configured or discovered), once resolved. */
  get xcapRoot(): string | undefined {
    return this.#root;
  }

  /**
   * Sets the manager up and starts it (when `xcap.enabled`); resolves once that is done
   * or has failed (a failure is posted and retried). The account does not wait for it.
   */
  start(runtime: AccountRuntime): Promise<void> {
    this.#runtime = runtime;
    if (!this.#account.xcap.enabled) return this.#work;
    this.#wanted = true;
    this.#abort = new AbortController();
    return this.#enqueue(() => this.#setUp({ client: true, subscription: true }));
  }

  /** Stops the manager (ending its xcap-diff subscription) within `timeoutMs`; the manager is kept. */
  stop(timeoutMs: number): Promise<void> {
    return this.#halt(this.#manager, timeoutMs);
  }

  /** Forgets the manager at once (XCAP turned off, or the account detached) and stops it within `timeoutMs`. */
  drop(timeoutMs: number): Promise<void> {
    const manager = this.#manager;
    for (const remove of this.#unobserve.splice(0)) remove();
    this.#manager = undefined;
    this.#root = undefined;
    return this.#halt(manager, timeoutMs);
  }

  async #halt(manager: XCAPManager | undefined, timeoutMs: number): Promise<void> {
    this.#wanted = false;
    this.#abort.abort();
    this.#cancelRetry();
    await bounded(
      this.#enqueue(async () => {
        await manager?.stop();
        this.#client?.close();
        this.#client = undefined;
      }),
      timeoutMs,
    );
  }

  /**
   * Applies saved settings (`paths` are the modified ones) while the account is
   * `active`: turns XCAP on or off, or gives the running manager a new client or
   * xcap-diff subscription as the module comment says.
   */
  async settingsChanged(paths: readonly string[], active: boolean, timeoutMs: number): Promise<void> {
    if (paths.includes('xcap.enabled')) {
      if (!this.#account.xcap.enabled) return this.drop(timeoutMs);
      if (active && this.#runtime !== undefined) return this.start(this.#runtime);
      return;
    }
    if (!this.#wanted) return;
    const parts = { client: paths.some((path) => CLIENT_SETTINGS.test(path)), subscription: paths.some((path) => SUBSCRIPTION_SETTINGS.test(path)) };
    if (!parts.client && !parts.subscription) return;
    this.#cancelRetry();
    return this.#enqueue(() => this.#setUp(this.#manager === undefined ? { client: true, subscription: true } : parts));
  }

  /** Runs `task` after the tasks before it; a task never rejects the chain. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#work = this.#work.then(task).catch((error: unknown) => this.#log(`XCAP: ${describe(error)}`));
    return this.#work;
  }

  /** Makes what `parts` names (client, subscription factory; the manager the first time) and (re)starts the manager. */
  async #setUp(parts: Parts): Promise<void> {
    const runtime = this.#runtime;
    if (!this.#wanted || runtime === undefined) return;
    const signal = this.#abort.signal;
    let client: XCAPClient | undefined;
    try {
      let root: string | undefined;
      if (parts.client) {
        root = await discoverXCAPRoot({ xcapRoot: this.#account.xcap.xcapRoot, domain: this.#account.id.domain, lookup: runtime.dnsLookup, dns: { signal } });
        client = new XCAPClient({
          root,
          xui: this.#account.uri.toString(),
          credentials: this.#account.credentials,
          verifyCertificate: this.#account.tls.verifyServer,
          timeout: XCAP_TIMEOUT,
          userAgent: runtime.settings.userAgent,
        });
      }
      const xcapDiff = parts.subscription ? createXCAPDiffSubscriptionFactory(runtime.engine, await this.#account.xcapDiffSettings()) : undefined;
      if (!this.#wanted || signal.aborted) {
        client?.close();
        return;
      }
      const change: XCAPManagerSettingsChange = { ...(client === undefined ? {} : { client }), ...(xcapDiff === undefined ? {} : { xcapDiff }) };
      let manager = this.#manager;
      if (manager === undefined) {
        manager = await this.#createManager(runtime, change);
        if (!this.#wanted || signal.aborted) {
          for (const remove of this.#unobserve.splice(0)) remove();
          client?.close();
          return;
        }
        this.#manager = manager;
      } else {
        await manager.reconfigure(change);
      }
      if (client !== undefined) {
        this.#client?.close();
        this.#client = client;
        this.#root = root;
        client = undefined;
      }
      if (manager.state === 'stopped' && this.#wanted) await manager.start();
      this.#failures = 0;
    } catch (error) {
      client?.close();
      if (!this.#wanted || signal.aborted) return;
      this.#failures += 1;
      const delay = backOffDelay(SETUP_RETRY, this.#failures);
      this.#post('SIPAccountXCAPDidFail', { error: error instanceof Error ? error : new Error(String(error)), timeout: delay / 1000 });
      this.#log(`XCAP setup failed (retried in ${delay / 1000} s): ${describe(error)}`);
      this.#scheduleRetry(runtime, delay);
    }
  }

  /** A new, loaded manager over the account's XCAP storage. */
  async #createManager(runtime: AccountRuntime, change: XCAPManagerSettingsChange): Promise<XCAPManager> {
    const manager = new XCAPManager({
      aor: this.#account.uri.toString(),
      client: change.client!,
      storage: this.#storage(runtime),
      xcapDiff: change.xcapDiff ?? undefined,
      notificationCenter: this.#account.notificationCenter,
    });
    await manager.load();
    this.#unobserve = [
      manager.on('XCAPManagerDidDiscoverServerCapabilities', () => {
        if (this.#root !== undefined) this.#post('SIPAccountDidDiscoverXCAPSupport', { xcapRoot: this.#root, xcapManager: manager });
      })
    ];
    return manager;
  }

  /** The application's XCAP storage of the account; without one (a runtime made by hand), memory. */
  #storage(runtime: AccountRuntime): XCAPStorage {
    if (runtime.xcapStorageFactory !== undefined) return runtime.xcapStorageFactory(this.#account.id.toString());
    this.#log('XCAP: the runtime has no XCAP storage; the journal and cache are kept in memory only');
    this.#fallbackStorage ??= new MemoryXCAPStorage();
    return this.#fallbackStorage;
  }

  #scheduleRetry(runtime: AccountRuntime, delay: number): void {
    const scheduler = runtime.scheduler ?? systemScheduler;
    const handle = scheduler.setTimeout(() => {
      this.#retry = undefined;
      void this.#enqueue(() => this.#setUp({ client: true, subscription: true }));
    }, delay);
    (handle as { unref?: () => void } | undefined)?.unref?.();
    this.#retry = { handle, scheduler };
  }

  #cancelRetry(): void {
    if (this.#retry === undefined) return;
    this.#retry.scheduler.clearTimeout(this.#retry.handle);
    this.#retry = undefined;
  }

  #log(message: string): void {
    this.#runtime?.engine.log('warning', `${this.#account.id.toString()}: ${message}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
