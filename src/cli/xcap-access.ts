/**
 * XCAP for the CLI (RFC 4825), through one way in: {@link openXCAPManager}, the
 * account's own {@link XCAPManager} (spec/xcap-api.md §2.7), as the account runs it
 * when `xcap.enabled` is set. The `xcap` command and subscribe-winfo's decisions wait
 * until it is `insync`, apply an operation and wait until the change is on the server;
 * nothing else in the CLI writes XCAP documents.
 */
import type { Account } from '../account/index.js';
import { NotificationCenter } from '../notification/index.js';
import {
  type XCAPManager,
  XCAPHTTPError,
  type XCAPManagerCapabilitiesData,
  type XCAPManagerFailureData,
  type XCAPManagerReloadData,
} from '../xcap/index.js';
import { SIPSimpleError } from '../errors.js';
import type { GlobalOptions } from './command.js';
import { terminalSafe } from './terminal-text.js';
import { BONJOUR_ID, openConfiguration, selectAccountId } from './configuration-session.js';
import { UsageError } from './usage-error.js';

/** Consecutive failed requests after which a wait for the server gives up (the manager keeps retrying with back-off). */
const FAILURES_TOLERATED = 3;

/**
 * Checks, before anything starts, that the account the command acts as can use XCAP:
 * a SIP account (the Bonjour account has no server) with `xcap.enabled`. A
 * {@link UsageError} names the setting to change.
 */
export async function checkXCAPAccount(global: GlobalOptions, command: string): Promise<void> {
  const configuration = await openConfiguration(global, new NotificationCenter());
  try {
    const id = selectAccountId(configuration, global.account);
    if (id === BONJOUR_ID) {
      throw new UsageError(`${command} needs a SIP account with an XCAP server; the Bonjour account has none (add one with "sipsimple account add user@domain PASSWORD" or name one with --account)`);
    }
    if (!configuration.account(id).xcap.enabled) {
      throw new UsageError(`the account ${id} has XCAP turned off (turn it on: sipsimple settings set --account ${id} xcap.enabled true)`);
    }
  } finally {
    configuration.close();
  }
}

/** The server or the manager did not get where the command needed it; the CLI exits 1 with the message. */
export class XCAPAccessError extends SIPSimpleError {}

/** The account's XCAP manager in sync with the server, with what it has learnt. */
export interface XCAPAccess {
  readonly manager: XCAPManager;
  /** The XCAP root in use (configured or discovered). */
  readonly xcapRoot: string;
  /** What the server's xcap-caps say (RFC 4825 §12). */
  readonly capabilities: XCAPManagerCapabilitiesData;
  /** The data as the server stores it, from the latest `XCAPManagerDidReloadData`. */
  readonly data: XCAPManagerReloadData;
  /**
   * Runs `operation` (one or more manager operations) and resolves once every
   * journaled operation is on the server and the manager is `insync` again.
   */
  apply(operation: (manager: XCAPManager) => Promise<void>): Promise<void>;
}

/** Bounds of the waits for the server. */
export interface XCAPWait {
  /** Seconds each wait (start, change) may take. */
  readonly seconds: number;
  /** Ctrl-C: the wait ends at once. */
  readonly signal: AbortSignal;
}

/** What the observers registered before the account starts have seen of its XCAP manager. */
export interface XCAPObservation {
  readonly accountId: string;
  capabilities: XCAPManagerCapabilitiesData | undefined;
  data: XCAPManagerReloadData | undefined;
  /** How many `XCAPManagerDidReloadData` came: a change is on the server once a new one came (an update always posts one). */
  reloads: number;
  setupError: Error | undefined;
  /** The latest `XCAPManagerClientDidFail` of the run of failures going on; undefined once the server answers again. */
  failure: XCAPManagerFailureData | undefined;
  /** Called on every notification observed (the current wait's check). */
  check: (() => void) | undefined;
  /** Removes the observers. */
  close(): void;
}

/**
 * Observes the XCAP manager of the account `accountId` (user@domain) from before the
 * application starts, so that its first notifications (capabilities) are not missed.
 */
export function observeXCAPManager(center: NotificationCenter, accountId: string): XCAPObservation {
  const aor = `sip:${accountId}`;
  const ours = (sender: unknown): boolean => (sender as { aor?: unknown } | undefined)?.aor === aor;
  const observation: XCAPObservation = {
    accountId,
    capabilities: undefined,
    data: undefined,
    reloads: 0,
    setupError: undefined,
    failure: undefined,
    check: undefined,
    close: () => {
      for (const remove of observers.splice(0)) remove();
    },
  };
  const observers = [
    center.addObserver<'XCAPManagerDidDiscoverServerCapabilities'>((n) => {
      if (ours(n.sender)) observation.capabilities = n.data;
      observation.check?.();
    }, { name: 'XCAPManagerDidDiscoverServerCapabilities' }),
    center.addObserver<'XCAPManagerDidReloadData'>((n) => {
      if (!ours(n.sender)) return;
      observation.data = n.data;
      observation.reloads += 1;
      observation.check?.();
    }, { name: 'XCAPManagerDidReloadData' }),
    center.addObserver<'XCAPManagerDidChangeState'>((n) => {
      if (!ours(n.sender)) return;
      // Every state but a retried update means the failing request got past.
      if (n.data.state === 'insync') observation.failure = undefined;
      observation.check?.();
    }, { name: 'XCAPManagerDidChangeState' }),
    center.addObserver<'XCAPManagerClientDidFail'>((n) => {
      if (!ours(n.sender)) return;
      observation.failure = n.data;
      observation.check?.();
    }, { name: 'XCAPManagerClientDidFail' }),
    center.addObserver<'SIPAccountXCAPDidFail'>((n) => {
      if ((n.sender as { id?: unknown } | undefined)?.id?.toString() !== accountId) return;
      observation.setupError = n.data.error;
      observation.check?.();
    }, { name: 'SIPAccountXCAPDidFail' }),
  ];
  return observation;
}

/** Longest piece of a plain-text error body quoted in a message. */
const REASON_LENGTH = 200;

/**
 * What a failure report says, for the user: the phase and document, the error (HTTP
 * status, the xcap-error condition of a 409) and the server's reason phrase when it
 * sent a plain-text body.
 */
export function describeFailure(failure: XCAPManagerFailureData): string {
  const error = failure.error;
  let reason = '';
  if (error instanceof XCAPHTTPError && /^text\/plain\b/i.test(error.contentType ?? '')) {
    const text = error.body.toString('utf8').trim().slice(0, REASON_LENGTH);
    if (text !== '') reason = ` (server says: ${JSON.stringify(text)})`;
  }
  return terminalSafe(`${failure.phase} of ${failure.document ?? 'the documents'}: ${error.message}${reason}`);
}

/**
 * Waits for `account`'s XCAP manager (the account is started; the manager appears once
 * the XCAP root is known) to be `insync`. An {@link XCAPAccessError} when the root
 * cannot be found, the server keeps failing, or the wait runs out.
 */
export async function openXCAPManager(account: Account, observation: XCAPObservation, wait: XCAPWait): Promise<XCAPAccess> {
  /** Resolves once `done()` holds; rejects on a setup failure, repeated request failures, Ctrl-C or after the wait's seconds. */
  const until = (what: string, done: () => boolean): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        wait.signal.removeEventListener('abort', onAbort);
        observation.check = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => finish(new XCAPAccessError(`interrupted while waiting for ${what}`));
      const timer = setTimeout(() => {
        const manager = account.xcapManager;
        const failure = observation.failure;
        const where =
          manager === undefined ? 'XCAP root not resolved yet' : `manager ${manager.state}${failure === undefined ? '' : `, last failure: ${describeFailure(failure)}`}`;
        finish(new XCAPAccessError(`no ${what} within ${wait.seconds} s (${where})${pendingNote()}`));
      }, wait.seconds * 1000);
      observation.check = () => {
        if (observation.setupError !== undefined) return finish(new XCAPAccessError(`XCAP setup failed: ${observation.setupError.message}`));
        const failure = observation.failure;
        if (failure !== undefined && failure.failures >= FAILURES_TOLERATED) {
          return finish(
            new XCAPAccessError(`the XCAP server at ${account.xcapRoot ?? 'the XCAP root'} failed ${failure.failures} requests in a row while waiting for ${what}: ${describeFailure(failure)}${pendingNote()}`),
          );
        }
        if (done()) finish();
      };
      if (wait.signal.aborted) return onAbort();
      wait.signal.addEventListener('abort', onAbort, { once: true });
      observation.check();
    });

  /** What happens to changes not yet on the server: the manager's journal keeps them. */
  const pendingNote = (): string => {
    const pending = account.xcapManager?.pendingOperations.length ?? 0;
    return pending === 0 ? '' : `; ${pending} change(s) stay in the account's XCAP journal and are applied when the account runs with XCAP again`;
  };
  const inSync = (): boolean => {
    const manager = account.xcapManager;
    return (
      manager !== undefined &&
      account.xcapRoot !== undefined &&
      manager.state === 'insync' &&
      manager.pendingOperations.length === 0 &&
      observation.capabilities !== undefined &&
      observation.data !== undefined
    );
  };
  await until('XCAP server in sync', inSync);
  const manager = account.xcapManager!;
  return {
    manager,
    xcapRoot: account.xcapRoot!,
    get capabilities() {
      return observation.capabilities!;
    },
    get data() {
      return observation.data!;
    },
    async apply(operation) {
      const before = observation.reloads;
      await operation(manager);
      await until('the change on the XCAP server', () => observation.reloads > before && inSync());
    },
  };
}
