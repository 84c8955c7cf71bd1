/**
 * Keep-alives of an outbound flow (RFC 5626 §4.4.1): a ping at an interval drawn between
 * 80% and 100% of the configured one, and a flow failure when no pong comes within the
 * pong timeout.
 */
import type { Connection } from './connection.js';
import { TransportError } from './errors.js';

/** Sends keep-alives on one connection until stopped or the flow fails. */
export class FlowKeepAlive {
  private intervalTimer: NodeJS.Timeout | undefined;
  private pongTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly connection: Connection,
    private readonly intervalMs: number,
    private readonly pongTimeoutMs: number,
  ) {
    this.schedule();
  }

  /** A pong arrived: the flow is alive. */
  pong(): void {
    if (this.pongTimer !== undefined) {
      clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
    }
  }

  /** Stops sending keep-alives. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.intervalTimer);
    clearTimeout(this.pongTimer);
    this.intervalTimer = undefined;
    this.pongTimer = undefined;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.intervalMs * (0.8 + 0.2 * Math.random());
    this.intervalTimer = setTimeout(() => this.ping(), delay);
    this.intervalTimer.unref();
  }

  private ping(): void {
    if (this.stopped || this.connection.isClosed) return;
    if (this.pongTimer === undefined) {
      this.pongTimer = setTimeout(() => this.fail(), this.pongTimeoutMs);
      this.pongTimer.unref();
    }
    this.connection.sendPing().then(
      () => this.schedule(),
      (error: unknown) => this.fail(error),
    );
  }

  private fail(cause?: unknown): void {
    if (this.stopped) return;
    this.stop();
    const flow = this.connection.flow;
    const message =
      cause === undefined
        ? `no keep-alive pong on ${flow.id} within ${this.pongTimeoutMs} ms`
        : `keep-alive ping on ${flow.id} could not be sent: ${cause instanceof Error ? cause.message : String(cause)}`;
    this.connection.close(
      new TransportError('keepalive-timeout', message, {
        flow,
        ...(cause === undefined ? {} : { cause }),
      }),
    );
  }
}
