/**
 * A TCP or TLS connection: a Node socket plus a {@link StreamFramer} (RFC 3261 §18.3),
 * answering CRLF pings with pongs (RFC 5626 §4.4.1).
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { StreamFramer, type FramerOptions } from './framer.js';
import { TransportError } from './errors.js';
import { KEEPALIVE_PING, KEEPALIVE_PONG } from './keepalive.js';
import { BaseConnection } from './base-connection.js';
import type { ConnectionObserver } from './connection.js';
import { normalizeAddress } from './endpoint.js';
import type { Endpoint, TlsFlowInfo, TransportProtocol } from './types.js';

/** The local and remote endpoints of a connected socket. */
export function socketEndpoints(socket: Socket): { local: Endpoint; remote: Endpoint } {
  return {
    local: { host: normalizeAddress(socket.localAddress ?? ''), port: socket.localPort ?? 0 },
    remote: { host: normalizeAddress(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 },
  };
}

/** What a finished TLS handshake tells about the peer (RFC 3261 §26.3.1). */
export function tlsFlowInfo(socket: TLSSocket, servername: string | undefined): TlsFlowInfo {
  const info: TlsFlowInfo = { authorized: socket.authorized };
  if (socket.authorizationError !== undefined && socket.authorizationError !== null) {
    info.authorizationError = String(socket.authorizationError);
  }
  if (servername) info.servername = servername;
  const certificate = socket.getPeerCertificate();
  if (certificate && typeof certificate.subject === 'object' && certificate.subject !== null) {
    const commonName = certificate.subject.CN;
    if (commonName) info.peerCommonName = Array.isArray(commonName) ? commonName.join(', ') : commonName;
  }
  if (certificate?.subjectaltname) info.peerSubjectAltName = certificate.subjectaltname;
  return info;
}

/** A SIP flow over a connected TCP or TLS socket. */
export class SocketConnection extends BaseConnection {
  private readonly framer: StreamFramer;

  constructor(
    private readonly socket: Socket,
    protocol: Extract<TransportProtocol, 'tcp' | 'tls'>,
    observer: ConnectionObserver,
    framerOptions: FramerOptions,
    tls?: TlsFlowInfo,
  ) {
    super(protocol, socketEndpoints(socket), observer, tls);
    this.framer = new StreamFramer(framerOptions);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.socketFailed(error));
    socket.on('close', () => this.finish());
  }

  send(data: Buffer): Promise<void> {
    return this.write(data);
  }

  sendPing(): Promise<void> {
    return this.write(KEEPALIVE_PING);
  }

  protected closeSocket(): void {
    this.socket.destroy();
  }

  private write(data: Buffer): Promise<void> {
    return this.writeWith(!this.socket.destroyed, 'sending', (done) => this.socket.write(data, done));
  }

  private receive(chunk: Buffer): void {
    this.activity = Date.now();
    for (const event of this.framer.push(chunk)) {
      if (this.closed) return;
      switch (event.type) {
        case 'message':
          this.observer.message(event.data, this);
          break;
        case 'ping':
          this.socket.write(KEEPALIVE_PONG);
          break;
        case 'pong':
          this.observer.pong(this);
          break;
        case 'error':
          this.close(
            new TransportError('framing-error', `framing lost on ${this.flow.id}: ${event.error.message}`, {
              flow: this.flow,
              cause: event.error,
            }),
          );
          break;
      }
    }
  }
}
