/**
 * A TCP or TLS connection: a Node socket plus a {@link StreamFramer} (RFC 3261 §18.3),
 * answering CRLF pings with pongs (RFC 5626 §4.4.1).
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { StreamFramer, type FramerOptions } from './framer.js';
import { TransportError } from './errors.js';
import { KEEPALIVE_PING, KEEPALIVE_PONG } from './keepalive.js';
import { newFlowId, type Connection, type ConnectionObserver } from './connection.js';
import { normalizeAddress } from './endpoint.js';
import type { Endpoint, Flow, TlsFlowInfo, TransportProtocol } from './types.js';

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
export class SocketConnection implements Connection {
  readonly flow: Flow;
  private readonly framer: StreamFramer;
  private closed = false;
  private closeError: TransportError | undefined;
  private activity = Date.now();

  constructor(
    private readonly socket: Socket,
    protocol: Extract<TransportProtocol, 'tcp' | 'tls'>,
    private readonly observer: ConnectionObserver,
    framerOptions: FramerOptions,
    tls?: TlsFlowInfo,
  ) {
    const { local, remote } = socketEndpoints(socket);
    this.flow = { id: newFlowId(protocol, local, remote), protocol, local, remote };
    if (tls) this.flow.tls = tls;
    this.framer = new StreamFramer(framerOptions);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => {
      this.closeError ??= new TransportError('flow-closed', `connection ${this.flow.id} failed: ${error.message}`, {
        flow: this.flow,
        cause: error,
      });
    });
    socket.on('close', () => this.finish());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get lastActivity(): number {
    return this.activity;
  }

  send(data: Buffer): Promise<void> {
    return this.write(data);
  }

  sendPing(): Promise<void> {
    return this.write(KEEPALIVE_PING);
  }

  close(error?: TransportError): void {
    if (this.closed) return;
    this.closeError ??= error;
    this.socket.destroy();
    this.finish();
  }

  private write(data: Buffer): Promise<void> {
    if (this.closed || this.socket.destroyed) {
      return Promise.reject(new TransportError('flow-closed', `connection ${this.flow.id} is closed`, { flow: this.flow }));
    }
    this.activity = Date.now();
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) => {
        if (error) {
          reject(new TransportError('send-failed', `sending on ${this.flow.id} failed: ${error.message}`, { flow: this.flow, cause: error }));
        } else {
          resolve();
        }
      });
    });
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

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.closed(this, this.closeError);
  }
}
