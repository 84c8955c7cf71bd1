/**
 * TCP (RFC 3261 §18): a listener that accepts connections and outbound connects.
 */
import { connect, createServer, type Socket } from 'node:net';
import { SocketConnection } from './socket-connection.js';
import { bindServer, closeServer, type StreamListener } from './stream-listener.js';
import { connectError, withConnectTimeout } from './connect-timeout.js';
import type { ConnectionObserver } from './connection.js';
import type { FramerOptions } from './framer.js';
import type { Destination, ListenerConfig } from './types.js';

/** Listens for TCP connections; each accepted one is handed to `accept`. */
export async function listenTcp(
  config: ListenerConfig,
  observer: ConnectionObserver,
  framerOptions: FramerOptions,
  accept: (connection: SocketConnection) => void,
): Promise<StreamListener> {
  const server = createServer((socket: Socket) => {
    accept(new SocketConnection(socket, 'tcp', observer, framerOptions));
  });
  const local = await bindServer(server, config);
  server.on('error', () => undefined);
  return { protocol: 'tcp', local, close: () => closeServer(server) };
}

/** Opens a TCP connection to `destination` within `timeoutMs`. */
export function connectTcp(
  destination: Destination,
  observer: ConnectionObserver,
  framerOptions: FramerOptions,
  timeoutMs: number,
): Promise<SocketConnection> {
  const socket = connect({ host: destination.host, port: destination.port });
  const ready = new Promise<SocketConnection>((resolve, reject) => {
    socket.once('error', (error) => reject(connectError(error, destination)));
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(new SocketConnection(socket, 'tcp', observer, framerOptions));
    });
  });
  return withConnectTimeout({ ready, abort: () => socket.destroy() }, destination, timeoutMs);
}
