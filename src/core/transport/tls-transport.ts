/**
 * TLS (RFC 3261 §18, §26.2.1, RFC 5922): listeners with a certificate (and optionally
 * client-certificate checks), and outbound connections that verify the server certificate
 * against the system store or a given CA, send the destination's name in SNI and can present
 * a client certificate.
 */
import { connect, createServer, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { SocketConnection, tlsFlowInfo } from './socket-connection.js';
import { bindServer, closeServer, type StreamListener } from './stream-listener.js';
import { connectError, withConnectTimeout } from './connect-timeout.js';
import { serverNameOf } from './endpoint.js';
import { TransportError } from './errors.js';
import type { ConnectionObserver } from './connection.js';
import type { FramerOptions } from './framer.js';
import type { Destination, ListenerConfig, TlsClientOptions, TlsListenerOptions } from './types.js';

/** Node TLS server options from a listener's certificate settings. */
export function tlsServerOptions(tls: TlsListenerOptions | undefined, config: ListenerConfig) {
  if (!tls) {
    throw new TransportError('listen-failed', `${config.protocol} listener on ${config.host}:${config.port} needs a certificate and key`);
  }
  const requestCert = tls.requestClientCertificate ?? false;
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    requestCert,
    rejectUnauthorized: requestCert && (tls.requireClientCertificate ?? true),
  };
}

/** Node TLS client options for a destination: verification on unless turned off, SNI from the name. */
export function tlsClientOptions(destination: Destination, tls: TlsClientOptions): ConnectionOptions {
  const servername = serverNameOf(destination);
  return {
    host: destination.host,
    port: destination.port,
    ...(servername === undefined ? {} : { servername }),
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
  };
}

/** Listens for TLS connections; each one that completes its handshake is handed to `accept`. */
export async function listenTls(
  config: ListenerConfig,
  observer: ConnectionObserver,
  framerOptions: FramerOptions,
  accept: (connection: SocketConnection) => void,
): Promise<StreamListener> {
  const server = createServer(tlsServerOptions(config.tls, config), (socket: TLSSocket) => {
    const servername = (socket as TLSSocket & { servername?: string | false }).servername;
    const info = tlsFlowInfo(socket, typeof servername === 'string' ? servername : undefined);
    accept(new SocketConnection(socket, 'tls', observer, framerOptions, info));
  });
  // A client that fails its handshake is dropped by the server; nothing to deliver.
  server.on('tlsClientError', () => undefined);
  const local = await bindServer(server, config);
  server.on('error', () => undefined);
  return { protocol: 'tls', local, close: () => closeServer(server) };
}

/** Opens a TLS connection to `destination` within `timeoutMs` (TCP connect plus handshake). */
export function connectTls(
  destination: Destination,
  tls: TlsClientOptions,
  observer: ConnectionObserver,
  framerOptions: FramerOptions,
  timeoutMs: number,
): Promise<SocketConnection> {
  const options = tlsClientOptions(destination, tls);
  const socket = connect(options);
  const ready = new Promise<SocketConnection>((resolve, reject) => {
    socket.once('error', (error) => reject(connectError(error, destination)));
    socket.once('secureConnect', () => {
      socket.removeAllListeners('error');
      resolve(new SocketConnection(socket, 'tls', observer, framerOptions, tlsFlowInfo(socket, options.servername)));
    });
  });
  return withConnectTimeout({ ready, abort: () => socket.destroy() }, destination, timeoutMs);
}
