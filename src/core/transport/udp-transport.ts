/**
 * UDP (RFC 3261 §18): one bound socket per listener. Each datagram is delivered whole as
 * one message (the Engine handles trailing octets, RFC 3261 §18.3); datagrams that hold
 * only whitespace (CRLF keep-alives) are dropped. A UDP flow is the local socket plus the
 * remote address; nothing is ever sent as a keep-alive on UDP by this layer (RFC 5626 §4.4.2
 * uses STUN there, which is the caller's choice).
 */
import { createSocket, type Socket } from 'node:dgram';
import { TransportError } from './errors.js';
import { classifyWholeMessage } from './keepalive.js';
import { formatEndpoint, normalizeAddress } from './endpoint.js';
import { MAX_UDP_PAYLOAD } from './limits.js';
import type { Destination, Endpoint, Flow, ListenerConfig } from './types.js';

/** The flow of a datagram between a local socket and a remote address; its id is stable. */
export function udpFlow(local: Endpoint, remote: Endpoint): Flow {
  return { id: `udp:${formatEndpoint(local)}-${formatEndpoint(remote)}`, protocol: 'udp', local, remote };
}

/** A bound UDP socket. */
export class UdpListener {
  readonly protocol = 'udp' as const;

  private constructor(
    private readonly socket: Socket,
    /** The bound address and port. */
    readonly local: Endpoint,
    /** The address family of the socket. */
    readonly family: 4 | 6,
  ) {}

  /** Binds a UDP socket; each received datagram is passed to `deliver` with its flow. */
  static bind(config: ListenerConfig, deliver: (data: Buffer, flow: Flow) => void): Promise<UdpListener> {
    const family = config.host.includes(':') ? 6 : 4;
    const buffers = config.socketBufferSize === undefined ? {} : { recvBufferSize: config.socketBufferSize, sendBufferSize: config.socketBufferSize };
    const socket = createSocket({ type: family === 6 ? 'udp6' : 'udp4', ipv6Only: family === 6, ...buffers });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        socket.close();
        reject(new TransportError('listen-failed', `cannot listen on udp ${config.host}:${config.port}: ${error.message}`, { cause: error }));
      };
      socket.once('error', onError);
      socket.bind({ address: config.host, port: config.port, exclusive: true }, () => {
        socket.off('error', onError);
        const address = socket.address();
        const local: Endpoint = { host: normalizeAddress(address.address), port: address.port };
        socket.on('error', () => undefined);
        socket.on('message', (data, remote) => {
          if (classifyWholeMessage(data) !== 'message') return;
          deliver(data, udpFlow(local, { host: normalizeAddress(remote.address), port: remote.port }));
        });
        resolve(new UdpListener(socket, local, family));
      });
    });
  }

  /** Sends one datagram; rejects with `datagram-too-large` above 65,507 bytes, or `send-failed`. */
  send(data: Buffer, destination: Destination): Promise<Flow> {
    const remote = { host: destination.host, port: destination.port };
    if (data.length > MAX_UDP_PAYLOAD) {
      return Promise.reject(
        new TransportError('datagram-too-large', `a ${data.length} byte message does not fit in one UDP datagram (at most ${MAX_UDP_PAYLOAD})`, {
          destination,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.socket.send(data, destination.port, destination.host, (error) => {
        if (error) {
          reject(new TransportError('send-failed', `sending to udp:${formatEndpoint(remote)} failed: ${error.message}`, { destination, cause: error }));
        } else {
          resolve(udpFlow(this.local, remote));
        }
      });
    });
  }

  /** Closes the socket. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}
