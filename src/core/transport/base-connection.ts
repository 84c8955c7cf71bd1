/**
 * What the stream connections (TCP/TLS and WebSocket) share: the flow (RFC 5626 §3.1),
 * the last activity, the close reason and the single `closed` report to the observer.
 */
import { TransportError } from './errors.js';
import { newFlowId, type Connection, type ConnectionObserver } from './connection.js';
import type { Endpoint, Flow, TlsFlowInfo, TransportProtocol } from './types.js';

/** Base of {@link SocketConnection} and {@link WsConnection}: everything but the socket's own calls. */
export abstract class BaseConnection implements Connection {
  readonly flow: Flow;
  /** Whether the connection is closed; set once, by {@link finish}. */
  protected closed = false;
  /** Why the connection closed, when it was not an orderly close. */
  protected closeError: TransportError | undefined;
  /** `Date.now()` of the last byte sent or received. */
  protected activity = Date.now();

  protected constructor(
    protocol: TransportProtocol,
    endpoints: { local: Endpoint; remote: Endpoint },
    protected readonly observer: ConnectionObserver,
    tls?: TlsFlowInfo,
  ) {
    const { local, remote } = endpoints;
    this.flow = { id: newFlowId(protocol, local, remote), protocol, local, remote };
    if (tls) this.flow.tls = tls;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get lastActivity(): number {
    return this.activity;
  }

  abstract send(data: Buffer): Promise<void>;

  abstract sendPing(): Promise<void>;

  close(error?: TransportError): void {
    if (this.closed) return;
    this.closeError ??= error;
    this.closeSocket(error);
    this.finish();
  }

  /** Ends the underlying socket; `error` tells an abortive close from an orderly one. */
  protected abstract closeSocket(error: TransportError | undefined): void;

  /** A socket error: kept as the reason reported when the socket closes. */
  protected socketFailed(error: Error): void {
    this.closeError ??= new TransportError('flow-closed', `connection ${this.flow.id} failed: ${error.message}`, {
      flow: this.flow,
      cause: error,
    });
  }

  /**
   * Runs `write` (a socket call taking a completion callback) on an open connection and
   * settles when it completes; a closed connection rejects with `flow-closed`, a failed
   * write with `send-failed` (`what` names it in the message: "sending", "ping").
   */
  protected writeWith(open: boolean, what: string, write: (done: (error?: Error | null) => void) => void): Promise<void> {
    if (this.closed || !open) {
      return Promise.reject(new TransportError('flow-closed', `connection ${this.flow.id} is closed`, { flow: this.flow }));
    }
    this.activity = Date.now();
    return new Promise((resolve, reject) => {
      write((error) => {
        if (error) reject(new TransportError('send-failed', `${what} on ${this.flow.id} failed: ${error.message}`, { flow: this.flow, cause: error }));
        else resolve();
      });
    });
  }

  /** Reports the close to the observer, once. */
  protected finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.closed(this, this.closeError);
  }
}
