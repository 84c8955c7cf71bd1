/**
 * The configuration as the CLI reads and edits it, without starting the SIP stack: the
 * {@link FileStorage} at `--config-dir` (default: the user's configuration folder) loaded
 * into its own {@link ConfigurationManager}, and which account a command acts as.
 */
import { Account } from '../account/index.js';
import { ACCOUNTS_KEY, BONJOUR_ACCOUNT_ID, ConfigurationManager, SIPAddress, SIPSimpleSettings } from '../configuration/index.js';
import { NotificationCenter } from '../notification/index.js';
import { FileStorage } from '../storage/index.js';
import type { GlobalOptions } from './command.js';
import { UsageError } from './usage-error.js';

/** The id of the Bonjour account, `bonjour@local`. */
export const BONJOUR_ID = BONJOUR_ACCOUNT_ID.toString();

/** A loaded configuration; {@link ConfigurationSession.close} when done. */
export interface ConfigurationSession {
  readonly storage: FileStorage;
  readonly manager: ConfigurationManager;
  readonly center: NotificationCenter;
  /** The global settings. */
  readonly settings: SIPSimpleSettings;
  /** The ids of the stored SIP accounts, in stored order. */
  accountIds(): string[];
  /** The stored SIP account `id`; a {@link UsageError} naming it when there is none. */
  account(id: string): Account;
  close(): void;
}

/** The FileStorage the global options name. */
export function storageOf(global: GlobalOptions): FileStorage {
  return global.configDir === undefined ? new FileStorage() : new FileStorage(global.configDir);
}

/** Loads the configuration of `--config-dir`. */
export async function openConfiguration(global: GlobalOptions, center = NotificationCenter.default): Promise<ConfigurationSession> {
  const storage = storageOf(global);
  const manager = new ConfigurationManager();
  await manager.start(storage.configurationBackend);
  const options = { configurationManager: manager, notificationCenter: center };
  const accountIds = (): string[] => manager.getNames(ACCOUNTS_KEY).filter((id) => isSIPAddress(id));
  return {
    storage,
    manager,
    center,
    settings: SIPSimpleSettings.instance(options),
    accountIds,
    account(id) {
      const known = accountIds();
      if (!known.includes(id)) throw new UsageError(`there is no account ${JSON.stringify(id)} (accounts: ${known.length === 0 ? 'none' : known.join(', ')})`);
      return new Account(id, options);
    },
    close: () => manager.stop(),
  };
}

/**
 * The account a command acts as: `--account` when given (a stored SIP account or
 * `bonjour@local`), else the default account when it is stored, else the first enabled
 * SIP account, else the Bonjour account (a fresh machine with no server).
 */
export function selectAccountId(session: ConfigurationSession, requested: string | undefined): string {
  const ids = session.accountIds();
  if (requested !== undefined) {
    if (requested === BONJOUR_ID || ids.includes(requested)) return requested;
    throw new UsageError(`--account: there is no account ${JSON.stringify(requested)} (accounts: ${[...ids, BONJOUR_ID].join(', ')})`);
  }
  const preferred = session.settings.defaultAccount;
  if (preferred !== null && ids.includes(preferred)) return preferred;
  const enabled = ids.find((id) => session.account(id).enabled);
  return enabled ?? BONJOUR_ID;
}

function isSIPAddress(id: string): boolean {
  try {
    SIPAddress.parse(id);
    return true;
  } catch {
    return false;
  }
}
