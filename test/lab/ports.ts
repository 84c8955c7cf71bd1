/**
 * Loopback port checks for the lab: whether a block of ports is free, and a free
 * port for a client (e.g. SIPp's local port, which otherwise defaults to 5060).
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** Protocols a port can be checked for. */
export type PortProtocol = 'tcp' | 'udp';

function tryBind(protocol: PortProtocol, host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    if (protocol === 'tcp') {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen({ host, port, exclusive: true }, () => {
        const address = server.address();
        const bound = typeof address === 'object' && address !== null ? address.port : undefined;
        server.close(() => resolve(bound));
      });
    } else {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', () => {
        socket.close();
        resolve(undefined);
      });
      socket.bind({ address: host, port, exclusive: true }, () => {
        const bound = socket.address().port;
        socket.close(() => resolve(bound));
      });
    }
  });
}

/** True when `count` ports from `base` are free for TCP on 127.0.0.1 and ::1, and the first also for UDP. */
export async function portsAreFree(base: number, count: number): Promise<boolean> {
  for (let port = base; port < base + count; port += 1) {
    for (const host of ['127.0.0.1', '::1']) {
      if ((await tryBind('tcp', host, port)) === undefined) return false;
      if (port === base && (await tryBind('udp', host, port)) === undefined) return false;
    }
  }
  return true;
}

/** A port the system considers free on `host` right now (for a client to bind next). */
export async function freePort(protocol: PortProtocol, host = '127.0.0.1'): Promise<number> {
  const port = await tryBind(protocol, host, 0);
  if (port === undefined) throw new Error(`no free ${protocol} port on ${host}`);
  return port;
}
