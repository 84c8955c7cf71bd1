/**
 * `AccountManager` (middleware spec §23): loads the accounts of the configuration, keeps
 * track of them, activates them on the runtime `SIPApplication` gives it, routes the
 * requests addressed to them, and knows the default account.
 *
 * - `start(runtime)` loads every account under `['Accounts']` (an {@link Account} each)
 *   plus the Bonjour account when one is given, and posts `SIPAccountManagerDidAddAccount`
 *   for each; they activate if enabled and the Engine runs.
 * - A new `Account` that is saved for the first time (`CFGSettingsObjectWasCreated`) is
 *   added; `account.delete()` removes it (`SIPAccountManagerDidRemoveAccount`).
 * - `defaultAccount` is stored in `SIPSimpleSettings.defaultAccount`; when that account does
 *   not exist the first enabled account is the default. Changes post
 *   `SIPAccountManagerDidChangeDefaultAccount`.
 * - `stop()` deactivates every account (they unregister within the runtime's bound).
 */
import { ACCOUNTS_KEY, ConfigurationManager, SIPAddress, SIPSimpleSettings } from '../configuration/index.js';
import { NotificationCenter, NotificationSender } from '../notification/index.js';
import { Account } from './account.js';
import type { AccountLike } from './account-like.js';
import type { AccountRuntime } from './account-runtime.js';
import { UnknownAccountError } from './errors.js';
import { IncomingRequestRouter } from './incoming-requests.js';
import './notifications.js';

/** Options of an {@link AccountManager}. */
export interface AccountManagerOptions {
  configurationManager?: ConfigurationManager;
  notificationCenter?: NotificationCenter;
  /**
   * The Bonjour account (spec §25) to manage next to the SIP accounts, if any; a function
   * is called at `start()`, once the configuration it reads its settings from is loaded.
   */
  bonjourAccount?: AccountLike | (() => AccountLike);
  /** Body types accounts take in MESSAGE requests. */
  messageAccept?: readonly string[];
}

/** The manager of accounts; see the module comment. */
export class AccountManager extends NotificationSender {
  static #shared: AccountManager | undefined;

  /** The process-wide manager (spec: a singleton), over the default configuration manager and notification center. */
  static get default(): AccountManager {
    AccountManager.#shared ??= new AccountManager();
    return AccountManager.#shared;
  }

  /** The configuration the accounts are loaded from. */
  readonly configurationManager: ConfigurationManager;
  readonly #accounts = new Map<string, AccountLike>();
  readonly #options: AccountManagerOptions;
  #runtime: AccountRuntime | undefined;
  #router: IncomingRequestRouter | undefined;
  #observers: Array<() => void> = [];
  #started = false;
  #default: AccountLike | null = null;

  constructor(options: AccountManagerOptions = {}) {
    super(options.notificationCenter ?? NotificationCenter.default);
    this.configurationManager = options.configurationManager ?? ConfigurationManager.default;
    this.#options = options;
  }

  /** Whether `start()` was called and `stop()` was not. */
  get started(): boolean {
    return this.#started;
  }

  /**
   * Loads the accounts (the configuration manager must be started) and attaches them to
   * `runtime` when given: those enabled activate while its Engine runs.
   */
  async start(runtime?: AccountRuntime): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#runtime = runtime;
    if (runtime !== undefined) {
      this.#router = new IncomingRequestRouter(runtime.engine, (uri) => this.#accountFor(uri), this.#options.messageAccept);
      this.#router.start();
    }
    const center = this.notificationCenter;
    this.#observers = [
      center.addObserver((notification) => {
        const sender = notification.sender;
        if (sender instanceof Account && sender.configurationManager === this.configurationManager) void this.#add(sender);
      }, { name: 'CFGSettingsObjectWasCreated' }),
      center.addObserver((notification) => {
        const sender = notification.sender;
        if (sender instanceof Account && this.#accounts.get(sender.id.toString()) === sender) void this.#remove(sender);
      }, { name: 'CFGSettingsObjectWasDeleted' }),
    ];
    const loaded: AccountLike[] = [];
    const bonjour = this.#options.bonjourAccount;
    if (bonjour !== undefined) loaded.push(typeof bonjour === 'function' ? bonjour() : bonjour);
    for (const id of this.configurationManager.getNames(ACCOUNTS_KEY)) {
      let address: SIPAddress;
      try {
        address = SIPAddress.parse(id);
      } catch {
        continue; // a hand-edited key that is no SIP address is not an account
      }
      loaded.push(new Account(address, { configurationManager: this.configurationManager, notificationCenter: center }));
    }
    for (const account of loaded) this.#accounts.set(account.id.toString(), account);
    for (const account of loaded) this.post('SIPAccountManagerDidAddAccount', { account });
    this.#refreshDefault();
    if (runtime !== undefined) await Promise.all(loaded.map((account) => account.attach(runtime)));
  }

  /** Deactivates every account (bounded by the runtime's shutdown timeout) and stops routing requests to them. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    for (const remove of this.#observers.splice(0)) remove();
    this.#router?.stop();
    this.#router = undefined;
    await Promise.all([...this.#accounts.values()].map((account) => account.detach()));
    this.#runtime = undefined;
  }

  async #add(account: AccountLike): Promise<void> {
    const key = account.id.toString();
    if (this.#accounts.has(key)) return;
    this.#accounts.set(key, account);
    this.post('SIPAccountManagerDidAddAccount', { account });
    this.#refreshDefault();
    if (this.#runtime !== undefined) await account.attach(this.#runtime);
  }

  async #remove(account: AccountLike): Promise<void> {
    this.#accounts.delete(account.id.toString());
    await account.detach();
    this.post('SIPAccountManagerDidRemoveAccount', { account });
    this.#refreshDefault();
  }

  /** Whether an account with SIP id `id` exists. */
  hasAccount(id: string | SIPAddress): boolean {
    return this.#accounts.has(String(id));
  }

  /** The account with SIP id `id`; {@link UnknownAccountError} when there is none. */
  getAccount(id: string | SIPAddress): AccountLike {
    const account = this.#accounts.get(String(id));
    if (account === undefined) throw new UnknownAccountError(String(id));
    return account;
  }

  /** Every managed account. */
  getAccounts(): AccountLike[] {
    return [...this.#accounts.values()];
  }

  /** An iterator over the managed accounts. */
  iterAccounts(): IterableIterator<AccountLike> {
    return this.#accounts.values();
  }

  /**
   * The enabled account that `contactURI` belongs to (its address of record, or one of
   * its Contact URIs), or `null`.
   */
  findAccount(contactURI: { user?: string | undefined; host: string; port?: number | undefined }): AccountLike | null {
    for (const account of this.#accounts.values()) {
      if (account.enabled && account.matchesURI?.(contactURI) === true) return account;
    }
    return null;
  }

  #accountFor(uri: { user?: string | undefined; host: string; port?: number | undefined }): AccountLike | undefined {
    for (const account of this.#accounts.values()) {
      if (account.isActive && account.matchesURI?.(uri) === true) return account;
    }
    return undefined;
  }

  // ----- the default account -----

  #settings(): SIPSimpleSettings {
    return SIPSimpleSettings.instance({ configurationManager: this.configurationManager, notificationCenter: this.notificationCenter });
  }

  /** The account named by `SIPSimpleSettings.defaultAccount`, else the first enabled account, else `null`. */
  get defaultAccount(): AccountLike | null {
    const id = this.configurationManager.started ? this.#settings().defaultAccount : null;
    const named = id === null ? undefined : this.#accounts.get(id);
    if (named !== undefined) return named;
    for (const account of this.#accounts.values()) if (account.enabled) return account;
    return null;
  }

  /**
   * Makes `account` the default (or clears it with `null`) and stores the choice in
   * `SIPSimpleSettings.defaultAccount`; posts `SIPAccountManagerDidChangeDefaultAccount`.
   */
  async setDefaultAccount(account: AccountLike | null): Promise<void> {
    if (account !== null && this.#accounts.get(account.id.toString()) !== account) throw new UnknownAccountError(account.id.toString());
    const settings = this.#settings();
    settings.defaultAccount = account === null ? null : account.id.toString();
    await settings.save();
    this.#refreshDefault();
  }

  /** Posts `SIPAccountManagerDidChangeDefaultAccount` when the default account is another than last seen. */
  #refreshDefault(): void {
    const current = this.defaultAccount;
    if (current === this.#default) return;
    const oldAccount = this.#default;
    this.#default = current;
    this.post('SIPAccountManagerDidChangeDefaultAccount', { oldAccount, account: current });
  }
}
