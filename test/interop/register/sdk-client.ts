/**
 * An SDK client of the lab for the register, message and publish interop tests: an
 * Engine on loopback for one transport and IP family (the lab's CA trusted), the lab's
 * proxy as its route, a Contact on a local listener, and bounded waits for notifications.
 */
import { Engine } from '../../../src/core/engine/index.js';
import type { TransportProtocol } from '../../../src/core/transport/index.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter } from '../../../src/notification/index.js';
import type { Lab, LabUser } from '../../lab/lab.js';

/** Every wait of the interop tests ends within this time. */
export const STEP_TIMEOUT_MS = 15_000;

/** One Engine talking to the lab over one transport. */
export interface LabSDKClient {
  engine: Engine;
  center: NotificationCenter;
  /** The lab's proxy over the chosen transport. */
  route: Route;
  /** A Contact for `user` on a local listener, with the transport parameter. */
  contact(user: LabUser): string;
  stop(): Promise<void>;
}

/** Starts an Engine on 127.0.0.1 or ::1 using `transport` (short RFC 3261 timers: lost requests fail fast). */
export async function startSDKClient(lab: Lab, transport: TransportProtocol, family: 4 | 6 = 4): Promise<LabSDKClient> {
  const center = new NotificationCenter();
  const engine = new Engine({ notificationCenter: center });
  // TLS and WSS have no local listener (no certificate): TCP gives the Contact an address.
  const transports: TransportProtocol[] = transport === 'tls' || transport === 'wss' ? [transport, 'tcp'] : [transport];
  await engine.start({
    ipv4Address: family === 4 ? '127.0.0.1' : null,
    ipv6Address: family === 6 ? '::1' : null,
    transports,
    tls: { caFile: lab.caFile, serverName: lab.domain },
    timers: { t1: 100, t2: 400, t4: 500 },
  });
  const { host, port } = lab.address(transport, family);
  const listener = engine.localEndpoint(transports.at(-1)!, family);
  const local = family === 6 ? `[${listener.host}]` : listener.host;
  return {
    engine,
    center,
    route: new Route(host, port, transport, transport === 'tls' || transport === 'wss' ? lab.domain : undefined),
    contact: (user) => `<sip:${user.username}@${local}:${listener.port};transport=${transport}>`,
    stop: async () => {
      if (engine.isRunning) await engine.stop();
    },
  };
}
