/**
 * A lab user as an SDK client for the event-package interop tests: an Engine on
 * loopback UDP with its own notification center and recorder, the lab's proxy as its
 * route, its digest credentials; plus PUBLISH through `Request` and subscriptions.
 * XCAP document uploads are in test/lab/xcap-documents.ts.
 */
import { DigestAuthenticator, Credentials } from '../../../src/core/auth/index.js';
import { Engine } from '../../../src/core/engine/index.js';
import { Request } from '../../../src/core/primitives/request.js';
import { Subscription, type SubscriptionOptions } from '../../../src/core/primitives/subscription.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter } from '../../../src/notification/index.js';
import type { Lab, LabUser } from '../../lab/lab.js';
import { Recorder } from '../../core/primitives/subscription-fixture.js';

/** One lab user driving its own Engine. */
export interface LabClient {
  user: LabUser;
  engine: Engine;
  center: NotificationCenter;
  recorder: Recorder;
  /** `<sip:user@127.0.0.1:port>`. */
  contact: string;
  /** The lab's proxy over UDP. */
  route: Route;
  authenticator: DigestAuthenticator;
  stop(): Promise<void>;
}

/** Starts an Engine for `user` on 127.0.0.1 (UDP, short RFC 3261 timers so that lost requests fail fast, `eventlist` supported). */
export async function startClient(lab: Lab, user: LabUser): Promise<LabClient> {
  const center = new NotificationCenter();
  const recorder = new Recorder(center);
  const engine = new Engine({ notificationCenter: center });
  // RLS NOTIFYs carry Require: eventlist (RFC 4662 §4.5): the engine must list it as supported or answer 420.
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: { t1: 100, t2: 400, t4: 500 }, supported: ['eventlist'] });
  const local = engine.localEndpoint('udp');
  const { host, port } = lab.address('udp');
  return {
    user,
    engine,
    center,
    recorder,
    contact: `<sip:${user.username}@${local.host}:${local.port}>`,
    route: new Route(host, port, 'udp'),
    authenticator: new DigestAuthenticator(new Credentials(user.username, user.password)),
    stop: async () => {
      if (engine.isRunning) await engine.stop();
    },
  };
}

/** PUBLISHes `body` for `target` (the client's own AOR by default, RFC 3903 §4); resolves with the final status. */
export async function publish(
  client: LabClient,
  options: { event: string; contentType: string; body: string; target?: string; expires?: number },
): Promise<number> {
  const target = options.target ?? client.user.aor;
  const request = new Request(client.engine, {
    method: 'PUBLISH',
    requestUri: target,
    fromHeader: `<${client.user.aor}>`,
    toHeader: `<${target}>`,
    routes: [client.route],
    credentials: client.authenticator,
    extraHeaders: [
      ['Event', options.event],
      ['Expires', String(options.expires ?? 600)],
    ],
    contentType: options.contentType,
    body: options.body,
  });
  await request.send(15);
  // The publication stays on the server until it expires; the Request's expiry timers are not needed here.
  request.end();
  return request.response?.status ?? 0;
}

/** A subscription of `client` to `target` (an AOR or a list URI). */
export function subscription(
  client: LabClient,
  target: string,
  options: Pick<SubscriptionOptions, 'event'> & Partial<SubscriptionOptions>,
): Subscription {
  return new Subscription(client.engine, {
    fromHeader: `<${client.user.aor}>`,
    toHeader: `<${target}>`,
    contactHeader: client.contact,
    routes: [client.route],
    credentials: client.authenticator,
    ...options,
  });
}

/** A PIDF document of `entity` with one tuple and a note (RFC 3863). */
export function pidf(entity: string, note: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${entity}">`,
    '  <tuple id="sdk"><status><basic>open</basic></status></tuple>',
    `  <note>${note}</note>`,
    '</presence>',
    '',
  ].join('\n');
}
