/**
 * A SIP flow over a WebSocket (RFC 7118): one SIP message per WebSocket message, sent as a
 * text frame when it is valid UTF-8 and as a binary frame otherwise (RFC 7118 §5.1).
 * Keep-alives use WebSocket ping frames; CRLF pings sent as messages are answered too.
 */
import { isUtf8 } from 'node:buffer';
import type { WebSocket, RawData } from 'ws';
import { TransportError } from './errors.js';
import { KEEPALIVE_PONG, classifyWholeMessage } from './keepalive.js';
import { newFlowId, type Connection, type ConnectionObserver } from './connection.js';
import type { Endpoint, Flow, TlsFlowInfo } from './types.js';

/** The WebSocket close code of an orderly close (RFC 6455 §7.4.1). */
const NORMAL_CLOSURE = 1000;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A SIP flow over an open WebSocket whose subprotocol is `sip`. */
export class WsConnection implements Connection {
  readonly flow: Flow;
  private closed = false;
  private closeError: TransportError | undefined;
  private activity = Date.now();

  constructor(
    private readonly socket: WebSocket,
    protocol: 'ws' | 'wss',
    endpoints: { local: Endpoint; remote: Endpoint },
    private readonly observer: ConnectionObserver,
    tls?: TlsFlowInfo,
  ) {
    this.flow = { id: newFlowId(protocol, endpoints.local, endpoints.remote), protocol, ...endpoints };
    if (tls) this.flow.tls = tls;
    socket.on('message', (data: RawData) => this.receive(toBuffer(data)));
    socket.on('pong', () => {
      this.activity = Date.now();
      this.observer.pong(this);
    });
    socket.on('ping', () => {
      this.activity = Date.now();
    });
    socket.on('error', (error: Error) => {
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
    if (this.closed || this.socket.readyState !== this.socket.OPEN) {
      return Promise.reject(new TransportError('flow-closed', `connection ${this.flow.id} is closed`, { flow: this.flow }));
    }
    this.activity = Date.now();
    return new Promise((resolve, reject) => {
      this.socket.send(data, { binary: !isUtf8(data) }, (error?: Error) => {
        if (error) {
          reject(new TransportError('send-failed', `sending on ${this.flow.id} failed: ${error.message}`, { flow: this.flow, cause: error }));
        } else {
          resolve();
        }
      });
    });
  }

  sendPing(): Promise<void> {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) {
      return Promise.reject(new TransportError('flow-closed', `connection ${this.flow.id} is closed`, { flow: this.flow }));
    }
    this.activity = Date.now();
    return new Promise((resolve, reject) => {
      this.socket.ping(undefined, undefined, (error?: Error) => {
        if (error) reject(new TransportError('send-failed', `ping on ${this.flow.id} failed: ${error.message}`, { flow: this.flow, cause: error }));
        else resolve();
      });
    });
  }

  close(error?: TransportError): void {
    if (this.closed) return;
    this.closeError ??= error;
    if (error) this.socket.terminate();
    else this.socket.close(NORMAL_CLOSURE);
    this.finish();
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

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.closed(this, this.closeError);
  }
}
