/**
 * A SIPApplication on loopback UDP (memory storage, no DNS manager, short RFC 3261
 * timers, a manual clock for account retries and refreshes) next to a scripted peer
 * Engine that plays registrar, presence agent and other user agent.
 */
import { SIPApplication } from '../../src/application/index.js';
import { Account } from '../../src/account/index.js';
import { ConfigurationManager } from '../../src/configuration/index.js';
import { Engine, createResponse, type SIPRequest, type SIPResponse } from '../../src/core/index.js';
import { Route } from '../../src/lookup/index.js';
import { NotificationCenter, type Notification, type NotificationName } from '../../src/notification/index.js';
import { MemoryStorage } from '../../src/storage/index.js';
import { ManualScheduler } from '../core/transaction/manual-scheduler.js';

/** Every wait of these tests ends within this time. */
export const WAIT_MS = 5_000;

/** Answers one request (`index` counts from when the script was set), or leaves it unanswered (undefined). */
export type Script = (request: SIPRequest, index: number) => SIPResponse | undefined;

const TIMERS = { t1: 20, t2: 80, t4: 100 };

/** The scripted peer: an Engine answering REGISTER, PUBLISH, MESSAGE as scripted. */
export interface Peer {
  engine: Engine;
  center: NotificationCenter;
  route: Route;
  /** `127.0.0.1:port;transport=udp`, as an outbound proxy setting. */
  proxy: string;
  received(method: string): SIPRequest[];
  script(method: string, script: Script): void;
}

/** Starts a scripted peer on 127.0.0.1 UDP. */
export async function startPeer(): Promise<Peer> {
  const center = new NotificationCenter();
  const engine = new Engine({ notificationCenter: center });
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: TIMERS });
  const log = new Map<string, SIPRequest[]>();
  const scripts = new Map<string, { fn: Script; start: number }>();
  for (const method of ['REGISTER', 'PUBLISH', 'MESSAGE']) {
    engine.addRequestHandler(method, (request, transaction) => {
      const list = log.get(method) ?? [];
      list.push(request);
      log.set(method, list);
      const script = scripts.get(method);
      const response = script?.fn(request, list.length - 1 - script.start);
      if (response !== undefined) engine.sendResponse(transaction, response);
      return true;
    });
  }
  const endpoint = engine.localEndpoint('udp');
  return {
    engine,
    center,
    route: new Route(endpoint.host, endpoint.port, 'udp'),
    proxy: `${endpoint.host}:${endpoint.port};transport=udp`,
    received: (method) => log.get(method) ?? [],
    script: (method, fn) => scripts.set(method, { fn, start: (log.get(method) ?? []).length }),
  };
}

/** A response with extra header fields. */
export function answer(request: SIPRequest, status: number, headers: Array<[string, string]> = []): SIPResponse {
  const response = createResponse(request, status, undefined, { toTag: 'peer' });
  for (const [name, value] of headers) response.addHeader(name, value);
  return response;
}

/** A 200 to REGISTER granting its contacts for `expires` seconds (Expires 0: none). */
export function registered(request: SIPRequest, expires = 600): SIPResponse {
  const asked = request.getHeader('Expires');
  if (asked === '0') return answer(request, 200);
  return answer(request, 200, request.contact.map((contact) => ['Contact', `<${contact.uri.toString()}>;expires=${expires}`]));
}

/** A digest challenge for realm `example.test`. */
export function challenge(request: SIPRequest, status: 401 | 407 = 401): SIPResponse {
  const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
  return answer(request, status, [[name, 'Digest realm="example.test", nonce="n1", qop="auth", algorithm=MD5']]);
}

/** An application under test with its own center, configuration manager and clock. */
export interface TestApplication {
  application: SIPApplication;
  center: NotificationCenter;
  configurationManager: ConfigurationManager;
  scheduler: ManualScheduler;
  storage: MemoryStorage;
  /** The names of the notifications posted so far, in order (for one sender, if given). */
  names(sender?: unknown): string[];
  /** The next notification `name` (from `sender`), within {@link WAIT_MS}. */
  next<N extends NotificationName>(name: N, sender?: unknown, predicate?: (n: Notification<N>) => boolean): Promise<Notification<N>>;
  /** A new account on this application's configuration. */
  account(id: string): Account;
  stop(): Promise<void>;
}

/** Creates (and starts, unless told not to) an application on loopback. */
export async function startApplication(options: { start?: boolean; shutdownTimeout?: number } = {}): Promise<TestApplication> {
  const center = new NotificationCenter();
  const configurationManager = new ConfigurationManager();
  const scheduler = new ManualScheduler();
  const storage = new MemoryStorage();
  const application = new SIPApplication({
    notificationCenter: center,
    configurationManager,
    dnsManager: null,
    bonjourAccount: null,
    engineSettings: { ipv4Address: '127.0.0.1', transports: ['udp'], timers: TIMERS },
    retryPolicy: { baseTime: 10, maxTime: 100 },
    scheduler,
    shutdownTimeout: options.shutdownTimeout ?? 2,
  });
  const log: Notification[] = [];
  center.addObserver((notification) => {
    if (!String(notification.name).startsWith('SIPEngine') && !String(notification.name).startsWith('DNS')) log.push(notification);
  });
  if (options.start !== false) await application.start(storage);
  return {
    application,
    center,
    configurationManager,
    scheduler,
    storage,
    names: (sender) => log.filter((n) => sender === undefined || n.sender === sender).map((n) => String(n.name)),
    next: (name, sender, predicate) =>
      center.waitFor({ name, ...(sender === undefined ? {} : { sender }) }, { timeout: WAIT_MS, ...(predicate === undefined ? {} : { predicate }) }),
    account: (id) => new Account(id, { configurationManager, notificationCenter: center }),
    stop: async () => {
      if (application.running) await application.stop();
    },
  };
}

/** Makes an enabled account registering through `peer` as outbound proxy, and saves it. */
export async function addAccount(app: TestApplication, peer: Peer, id = 'alice@example.test', configure?: (account: Account) => void): Promise<Account> {
  const account = app.account(id);
  account.enabled = true;
  account.auth.password = 'secret';
  account.setSettingFromString('sip.outboundProxy', peer.proxy);
  configure?.(account);
  await account.save();
  return account;
}
