/**
 * A lab user as a whole application for the account interop tests: a SIPApplication on
 * 127.0.0.1 over TCP (memory storage, no DNS manager: the lab has no DNS) with one
 * account registering through the lab as outbound proxy, and bounded waits.
 */
import { SIPApplication } from '../../../src/application/index.js';
import { Account } from '../../../src/account/index.js';
import { ConfigurationManager } from '../../../src/configuration/index.js';
import type { DNSLookup } from '../../../src/lookup/index.js';
import { NotificationCenter, type Notification, type NotificationName } from '../../../src/notification/index.js';
import { MemoryStorage } from '../../../src/storage/index.js';
import type { Lab, LabUser } from '../../lab/lab.js';

/** Every wait of these tests ends within this time. */
export const STEP_MS = 15_000;

/** One running application with its account. */
export interface LabApplication {
  application: SIPApplication;
  center: NotificationCenter;
  account: Account;
  /** The next notification `name` from the account that satisfies `predicate`, within {@link STEP_MS}. */
  next<N extends NotificationName>(name: N, predicate?: (n: Notification<N>) => boolean): Promise<Notification<N>>;
  stop(): Promise<void>;
}

/**
 * Starts an application for `user` and waits for its account to register. The lab is the
 * outbound proxy unless `configure` clears it (registration then locates the registrar
 * with `options.dnsLookup`).
 */
export async function startLabApplication(
  lab: Lab,
  user: LabUser,
  configure?: (account: Account) => void,
  options: { dnsLookup?: DNSLookup } = {},
): Promise<LabApplication> {
  const center = new NotificationCenter();
  const configurationManager = new ConfigurationManager();
  const application = new SIPApplication({
    notificationCenter: center,
    configurationManager,
    dnsManager: null,
    bonjourAccount: null,
    ...(options.dnsLookup === undefined ? {} : { dnsLookup: options.dnsLookup }),
    engineSettings: { ipv4Address: '127.0.0.1', transports: ['tcp'] },
    shutdownTimeout: 3,
    // Short back-off: a request the lab fails now and then is retried within a test step.
    retryPolicy: { baseTime: 1, maxTime: 4 },
  });
  await application.start(new MemoryStorage());
  const account = new Account(`${user.username}@${user.domain}`, { configurationManager, notificationCenter: center });
  const next: LabApplication['next'] = (name, predicate) =>
    center.waitFor({ name, sender: account }, { timeout: STEP_MS, ...(predicate === undefined ? {} : { predicate }) });
  const { port } = lab.address('tcp');
  account.enabled = true;
  account.auth.password = user.password;
  account.setSettingFromString('sip.outboundProxy', `127.0.0.1:${port};transport=tcp`);
  configure?.(account);
  const registered = next('SIPAccountRegistrationDidSucceed');
  await account.save();
  await registered;
  return {
    application,
    center,
    account,
    next,
    stop: async () => {
      if (application.running) await application.stop();
    },
  };
}

