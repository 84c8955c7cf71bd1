/**
 * The listening side of a stream transport (TCP, TLS, WS, WSS): a bound server whose
 * accepted connections are handed to the transport manager.
 */
import type { Server } from 'node:net';
import { TransportError } from './errors.js';
import { normalizeAddress } from './endpoint.js';
import type { Endpoint, ListenerConfig, TransportProtocol } from './types.js';

/** A bound listener. */
export interface StreamListener {
  readonly protocol: TransportProtocol;
  /** The bound address and port (the real port when 0 was asked for). */
  readonly local: Endpoint;
  /** Stops accepting connections; open connections are closed by their owner. */
  close(): Promise<void>;
}

/** Binds `server` to the configured address; rejects with `listen-failed`. */
export function bindServer(server: Server, config: ListenerConfig): Promise<Endpoint> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new TransportError('listen-failed', `cannot listen on ${config.protocol} ${config.host}:${config.port}: ${error.message}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen({ host: config.host, port: config.port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new TransportError('listen-failed', `listener on ${config.host}:${config.port} has no IP address`));
        return;
      }
      resolve({ host: normalizeAddress(address.address), port: address.port });
    });
  });
}

/** Closes a server without waiting for its connections (they are closed one by one). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
  });
}
