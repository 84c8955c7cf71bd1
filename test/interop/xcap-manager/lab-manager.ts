/**
 * XCAPManagers on the lab for the interop tests: a manager per "device" with its
 * own storage, optionally an Engine for the xcap-diff subscription, and plain-HTTP
 * reads of the documents (curl with digest auth) to check what the server holds.
 */
import { Credentials, DigestAuthenticator } from '../../../src/core/auth/index.js';
import { Engine } from '../../../src/core/engine/index.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter } from '../../../src/notification/index.js';
import { ResourceLists } from '../../../src/payloads/resourcelists.js';
import { Contact as ContactElement } from '../../../src/payloads/addressbook.js';
import { MemoryXCAPStorage } from '../../../src/storage/index.js';
import { XCAPClient } from '../../../src/xcap/client.js';
import {
  createXCAPDiffSubscriptionFactory, XCAPManager, type XCAPDiffSubscriptionFactory, type XCAPManagerStorage,
} from '../../../src/xcap/manager/index.js';
import { settled as settledWithin } from '../../xcap/manager/fixture.js';
import { curl } from '../../lab/curl.js';
import type { Lab, LabUser } from '../../lab/lab.js';

/** One device of a lab user. */
export interface Device {
  manager: XCAPManager;
  center: NotificationCenter;
  storage: XCAPManagerStorage;
  engine: Engine | undefined;
  stop(): Promise<void>;
}

/** Options of {@link startDevice}. */
export interface DeviceOptions {
  /** Subscribe to xcap-diff (default true). */
  xcapDiff?: boolean;
  /** A wrong password for the subscription only, so that it fails (the device must then poll). */
  failingSubscription?: boolean;
  pollInterval?: number;
  storage?: XCAPManagerStorage;
  /** The notification center of the device (a new one by default). */
  center?: NotificationCenter;
}

/** Starts an Engine on 127.0.0.1 UDP for `user` and a factory of its xcap-diff subscriptions. */
export async function xcapDiffFor(lab: Lab, user: LabUser, center: NotificationCenter, password = user.password): Promise<{ engine: Engine; factory: XCAPDiffSubscriptionFactory }> {
  const engine = new Engine({ notificationCenter: center });
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: { t1: 100, t2: 400, t4: 500 } });
  const local = engine.localEndpoint('udp');
  const { host, port } = lab.address('udp');
  const factory = createXCAPDiffSubscriptionFactory(engine, {
    aor: user.aor,
    contactHeader: `<sip:${user.username}@${local.host}:${local.port}>`,
    routes: [new Route(host, port, 'udp')],
    credentials: new DigestAuthenticator(new Credentials(user.username, password)),
    refresh: 600,
  });
  return { engine, factory };
}

/** A loaded and started manager for `user` (not yet in sync). */
export async function startDevice(lab: Lab, user: LabUser, options: DeviceOptions = {}): Promise<Device> {
  const center = options.center ?? new NotificationCenter();
  const storage = options.storage ?? new MemoryXCAPStorage();
  let engine: Engine | undefined;
  let factory: XCAPDiffSubscriptionFactory | undefined;
  if (options.xcapDiff ?? true) {
    ({ engine, factory } = await xcapDiffFor(lab, user, center, options.failingSubscription ? 'wrong-password' : user.password));
  }
  const manager = new XCAPManager({
    aor: user.aor,
    client: new XCAPClient({ root: lab.xcapRoot, xui: user.aor, credentials: user, timeout: 5000 }),
    storage,
    notificationCenter: center,
    xcapDiff: factory,
    retryDelay: { initial: 100, max: 1000 },
    subscriptionRetryInterval: 60_000,
    ...(options.pollInterval === undefined ? {} : { pollInterval: options.pollInterval }),
  });
  await manager.load();
  await manager.start();
  return {
    manager,
    center,
    storage,
    engine,
    stop: async () => {
      await manager.stop();
      if (engine?.isRunning) await engine.stop();
    },
  };
}

/** Resolves when the manager is in sync with an empty journal (a lab server is slower than the unit tests' one). */
export function settled(manager: XCAPManager, timeout = 20_000): Promise<void> {
  return settledWithin(manager, timeout);
}

/** Resolves with the first reload whose data satisfies `predicate`. */
export function reloadWhere(manager: XCAPManager, predicate: (contacts: string[]) => boolean, timeout = 20_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching XCAPManagerDidReloadData within ${timeout} ms; contacts ${manager.addressbook.contacts.map((contact) => contact.id)}`));
    }, timeout);
    const stop = manager.on('XCAPManagerDidReloadData', (notification) => {
      const ids = notification.data.addressbook.contacts.map((contact) => contact.id);
      if (!predicate(ids)) return;
      clearTimeout(timer);
      stop();
      resolve(ids);
    });
  });
}

/** Resolves when the manager's synchronised addressbook satisfies `predicate` (now or at a later reload). */
export async function eventually(manager: XCAPManager, predicate: (contacts: string[]) => boolean, timeout = 20_000): Promise<string[]> {
  const waiting = reloadWhere(manager, predicate, timeout);
  const now = manager.addressbook.contacts.map((contact) => contact.id);
  if (!predicate(now)) return waiting;
  waiting.catch(() => undefined);
  return now;
}

/** GETs a document of `user` with plain HTTP (curl, digest); `undefined` on 404. */
export async function readDocument(lab: Lab, user: LabUser, auid: string, document = 'index'): Promise<string | undefined> {
  const response = await curl({ url: `${lab.xcapRoot}/${auid}/users/${user.aor}/${document}`, auth: user });
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET ${auid} of ${user.username} answered ${response.status}: ${response.body}`);
  return response.body;
}

/** The ids of the addressbook contacts in `user`'s resource-lists as the server holds them. */
export async function serverContactIds(lab: Lab, user: LabUser): Promise<string[]> {
  const body = await readDocument(lab, user, 'resource-lists');
  if (body === undefined) return [];
  const list = (ResourceLists.parse(body) as ResourceLists).get('sipsimple_addressbook');
  return [...(list ?? [])].filter((item): item is ContactElement => item instanceof ContactElement).map((contact) => contact.id);
}
