/**
 * A SIP flow over a WebSocket (RFC 7118): one SIP message per WebSocket message, sent as a
 * text frame when it is valid UTF-8 and as a binary frame otherwise (RFC 7118 §5.1).
 * Keep-alives use WebSocket ping frames; CRLF pings sent as messages are answered too.
 */
import { isUtf8 } from 'node:buffer';
import type { WebSocket, RawData } from 'ws';
import type { TransportError } from './errors.js';
import { KEEPALIVE_PONG, classifyWholeMessage } from './keepalive.js';
import { BaseConnection } from './base-connection.js';
import type { ConnectionObserver } from './connection.js';
import type { Endpoint, TlsFlowInfo } from './types.js';

/** The WebSocket close code of an orderly close (RFC 6455 §7.4.1). */
const NORMAL_CLOSURE = 1000;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A SIP flow over an open WebSocket whose subprotocol is `sip`. */
export class WsConnection extends BaseConnection {
  constructor(
    private readonly socket: WebSocket,
    protocol: 'ws' | 'wss',
    endpoints: { local: Endpoint; remote: Endpoint },
    observer: ConnectionObserver,
    tls?: TlsFlowInfo,
  ) {
    super(protocol, endpoints, observer, tls);
    socket.on('message', (data: RawData) => this.receive(toBuffer(data)));
    socket.on('pong', () => {
      this.activity = Date.now();
      this.observer.pong(this);
    });
    socket.on('ping', () => {
      this.activity = Date.now();
    });
    socket.on('error', (error: Error) => this.socketFailed(error));
    socket.on('close', () => this.finish());
  }

  send(data: Buffer): Promise<void> {
    return this.writeWith(this.isOpen, 'sending', (done) => this.socket.send(data, { binary: !isUtf8(data) }, done));
  }

  sendPing(): Promise<void> {
    return this.writeWith(this.isOpen, 'ping', (done) => this.socket.ping(undefined, undefined, done));
  }

  protected closeSocket(error: TransportError | undefined): void {
    if (error) this.socket.terminate();
    else this.socket.close(NORMAL_CLOSURE);
  }

  private get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  private receive(data: Buffer): void {
    if (this.closed) return;
    this.activity = Date.now();
    switch (classifyWholeMessage(data)) {
      case 'message':
        this.observer.message(data, this);
        break;
      case 'ping':
        this.socket.send(KEEPALIVE_PONG, { binary: false });
        break;
      case 'pong':
        this.observer.pong(this);
        break;
      case 'blank':
        break;
    }
  }
}
