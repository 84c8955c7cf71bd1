/**
 * A running client for the network commands: a {@link SIPApplication} over the FileStorage
 * of `--config-dir`, acting as the account that {@link selectAccountId} picks. A SIP
 * account runs without the Bonjour account (no mDNS traffic); with no SIP account the
 * Bonjour account is the one used, so the CLI works on a fresh machine with no server.
 * `stop()` unregisters and unsubscribes within a bound (the application's shutdown timeout).
 */
import { Account } from '../account/index.js';
import { BonjourAccount } from '../account/bonjour/index.js';
import { SIPApplication } from '../application/index.js';
import { ConfigurationManager } from '../configuration/index.js';
import type { EngineSettings } from '../core/index.js';
import { NotificationCenter } from '../notification/index.js';
import { reportAccount } from './account-ready.js';
import type { GlobalOptions } from './command.js';
import { BONJOUR_ID, openConfiguration, selectAccountId, storageOf } from './configuration-session.js';
import { UsageError } from './usage-error.js';

/** Seconds the account may take to unregister and unsubscribe when the command ends. */
const SHUTDOWN_SECONDS = 3;

/** A started client. */
export interface ClientSession {
  readonly application: SIPApplication;
  readonly center: NotificationCenter;
  /** The account the command acts as. */
  readonly account: Account | BonjourAccount;
  /** Stops the application (bounded); safe to call twice. */
  stop(): Promise<void>;
}

/** What a command needs of its account. */
export interface ClientRequirements {
  /** The command needs a SIP account (a server): the Bonjour account is refused with this reason. */
  sipAccountFor?: string;
  /** Print the account's registration outcomes (or Bonjour advertisement and neighbours) while it runs. */
  report?: boolean;
}

/** The Engine settings of the `--bind` option. */
function bindSettings(bind: string | undefined): Partial<EngineSettings> {
  if (bind === undefined) return {};
  return bind.includes(':') ? { ipv4Address: null, ipv6Address: bind } : { ipv4Address: bind, ipv6Address: null };
}

/**
 * Starts the application and returns the account to act as. Observers that must see the
 * account's first notifications (its registration) go in `beforeStart`, which gets the
 * account's id before anything is sent.
 */
export async function startClient(
  global: GlobalOptions,
  requirements: ClientRequirements = {},
  beforeStart?: (accountId: string, center: NotificationCenter) => void,
): Promise<ClientSession> {
  const configuration = await openConfiguration(global, new NotificationCenter());
  let accountId: string;
  try {
    accountId = selectAccountId(configuration, global.account);
    if (accountId !== BONJOUR_ID && !configuration.account(accountId).enabled) {
      throw new UsageError(`the account ${accountId} is disabled (enable it: sipsimple settings set --account ${accountId} enabled true)`);
    }
  } finally {
    configuration.close();
  }
  if (accountId === BONJOUR_ID && requirements.sipAccountFor !== undefined) {
    throw new UsageError(`${requirements.sipAccountFor} needs a SIP account: add one with "sipsimple account add user@domain PASSWORD" or name one with --account`);
  }
  const center = NotificationCenter.default;
  const application = new SIPApplication({
    notificationCenter: center,
    configurationManager: new ConfigurationManager(),
    dnsManager: null,
    engineSettings: bindSettings(global.bind),
    shutdownTimeout: SHUTDOWN_SECONDS,
    ...(accountId === BONJOUR_ID ? {} : { bonjourAccount: null }),
  });
  beforeStart?.(accountId, center);
  const stopReporting = requirements.report === true ? reportAccount(center, accountId) : () => undefined;
  const stop = async (): Promise<void> => {
    if (application.running) await application.stop();
    stopReporting();
  };
  try {
    await application.start(storageOf(global));
  } catch (error) {
    stopReporting();
    throw error;
  }
  const account = application.accountManager.getAccount(accountId);
  if (!(account instanceof Account) && !(account instanceof BonjourAccount)) {
    await stop();
    throw new UsageError(`the account ${accountId} is of an unknown kind`);
  }
  return { application, center, account, stop };
}

/** Runs `work` with a started client and stops it afterwards, whatever happened. */
export async function withClient<T>(
  global: GlobalOptions,
  requirements: ClientRequirements,
  work: (session: ClientSession) => Promise<T>,
  beforeStart?: (accountId: string, center: NotificationCenter) => void,
): Promise<T> {
  const session = await startClient(global, requirements, beforeStart);
  try {
    return await work(session);
  } finally {
    await session.stop();
  }
}

/** The session's account as a SIP account (commands that need a server checked this at start). */
export function sipAccountOf(session: ClientSession): Account {
  if (!(session.account instanceof Account)) throw new UsageError('this command needs a SIP account');
  return session.account;
}
