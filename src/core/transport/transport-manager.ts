/**
 * The transport layer of the SIP stack (RFC 3261 §18, RFC 5626, RFC 7118): listeners of
 * every protocol, outbound connections opened on demand and reused, one complete message
 * per `'message'` event, idle connection cleanup and flow keep-alives.
 */
import { EventEmitter } from 'node:events';
import { lookup } from 'node:dns/promises';
import { TransportError } from './errors.js';
import { ConnectionPool } from './connection-pool.js';
import { FlowKeepAlive } from './flow-keepalive.js';
import { UdpListener } from './udp-transport.js';
import { connectTcp, listenTcp } from './tcp-transport.js';
import { connectTls, listenTls } from './tls-transport.js';
import { connectWs, listenWs } from './ws-transport.js';
import { addressFamily, formatEndpoint, isReliableProtocol } from './endpoint.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_BODY_SIZE,
  DEFAULT_MAX_HEADER_SIZE,
  DEFAULT_PONG_TIMEOUT_MS,
  UDP_MTU_THRESHOLD,
} from './limits.js';
import type { Connection, ConnectionObserver } from './connection.js';
import type { StreamListener } from './stream-listener.js';
import type { FramerOptions } from './framer.js';
import {
  TRANSPORT_PROTOCOLS,
  type Destination,
  type Endpoint,
  type Flow,
  type ListenerConfig,
  type SendOptions,
  type TlsClientOptions,
  type TransportProtocol,
} from './types.js';

/** Settings of a {@link TransportManager}. */
export interface TransportManagerOptions {
  /** Certificates and verification of outbound TLS/WSS connections. Verification is on by default. */
  tls?: TlsClientOptions;
  /** Time allowed to open a connection, handshakes included. Default 10 s. */
  connectTimeoutMs?: number;
  /** Close connections that carried nothing for this long; 0 keeps them. Default 5 min. */
  idleTimeoutMs?: number;
  /** Bound on start line plus headers on streams. Default 64 KiB. */
  maxHeaderSize?: number;
  /** Bound on a body on streams. Default 1 MiB. WebSocket messages are bounded by the sum of both. */
  maxBodySize?: number;
  /**
   * RFC 3261 §18.1.1 threshold above which a request should not go over UDP; reported by
   * {@link TransportManager.maxDatagramSize} for the caller's choice. Default 1300.
   */
  maxDatagramSize?: number;
  /** Time a keep-alive ping waits for its pong (RFC 5626 §4.4.1). Default 10 s. */
  pongTimeoutMs?: number;
}

/** The events of a {@link TransportManager} and their arguments. */
export interface TransportManagerEvents {
  /** One complete SIP message (framed on streams, one datagram on UDP) and the flow it came on. */
  message: [data: Buffer, flow: Flow];
  /** A stream flow closed; the error says why when it was not an orderly close. */
  'flow-closed': [flow: Flow, error: TransportError | undefined];
  /** A keep-alive pong arrived on a flow (RFC 5626 §4.4.1). */
  pong: [flow: Flow];
  /** A flow failed (framing lost, keep-alive timeout, socket error). Emitted only when observed. */
  error: [error: TransportError];
}

type Listener = UdpListener | StreamListener;

/**
 * Sends and receives SIP messages over UDP, TCP, TLS, WS and WSS. `send()` reuses the flow
 * it is given while open (responses and in-dialog requests, RFC 3261 §18.2.2, RFC 5626),
 * else an open connection to the destination, else opens one.
 */
export class TransportManager extends EventEmitter<TransportManagerEvents> {
  private readonly options: Required<Omit<TransportManagerOptions, 'tls'>> & { tls: TlsClientOptions };
  private readonly framerOptions: FramerOptions;
  private readonly pool = new ConnectionPool();
  private readonly keepAlives = new Map<string, FlowKeepAlive>();
  private bound: Listener[] = [];
  private running = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly observer: ConnectionObserver = {
    message: (data, connection) => this.emit('message', data, connection.flow),
    pong: (connection) => {
      this.keepAlives.get(connection.flow.id)?.pong();
      this.emit('pong', connection.flow);
    },
    closed: (connection, error) => this.connectionClosed(connection, error),
  };

  constructor(options: TransportManagerOptions = {}) {
    super();
    this.options = {
      tls: options.tls ?? {},
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      maxHeaderSize: options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE,
      maxBodySize: options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
      maxDatagramSize: options.maxDatagramSize ?? UDP_MTU_THRESHOLD,
      pongTimeoutMs: options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS,
    };
    this.framerOptions = { maxHeaderSize: this.options.maxHeaderSize, maxBodySize: this.options.maxBodySize };
  }

  /** The RFC 3261 §18.1.1 size above which a request should go over a congestion-controlled transport. */
  get maxDatagramSize(): number {
    return this.options.maxDatagramSize;
  }

  /** Whether `start()` was called and `stop()` was not. */
  get isRunning(): boolean {
    return this.running;
  }

  /** The open stream flows (inbound and outbound). */
  get flows(): Flow[] {
    return this.pool.all().map((connection) => connection.flow);
  }

  /**
   * Binds every listener (port 0 picks a free port). Outbound connections need no listener;
   * UDP sends need a UDP listener of the destination's address family. If one listener
   * cannot bind, the others are closed again and the promise rejects with `listen-failed`.
   */
  async start(listeners: ListenerConfig[] = []): Promise<void> {
    if (this.running) throw new TransportError('listen-failed', 'the transport manager is already running');
    this.running = true;
    try {
      for (const config of listeners) this.bound.push(await this.listen(config));
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (this.options.idleTimeoutMs > 0) {
      this.idleTimer = setInterval(() => this.closeIdle(), Math.max(10, this.options.idleTimeoutMs / 2));
      this.idleTimer.unref();
    }
  }

  /** Closes every listener and connection; no `'flow-closed'` error is reported for them. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.idleTimer);
    this.idleTimer = undefined;
    for (const keepAlive of this.keepAlives.values()) keepAlive.stop();
    this.keepAlives.clear();
    for (const connection of this.pool.all()) connection.close();
    const listeners = this.bound;
    this.bound = [];
    await Promise.all(listeners.map((listener) => listener.close()));
  }

  /** Whether the protocol is reliable, so that no retransmissions are needed (RFC 3261 §17.1.1.2). */
  isReliable(protocol: TransportProtocol): boolean {
    return isReliableProtocol(protocol);
  }

  /**
   * The address and port of the first listener of `protocol` (and of address family
   * `family` when given), for Via sent-by and Contact (RFC 3261 §18.1.1, §8.1.1.8).
   */
  localEndpoint(protocol: TransportProtocol, family?: 4 | 6): Endpoint {
    const listener = this.bound.find(
      (candidate) => candidate.protocol === protocol && (family === undefined || addressFamily(candidate.local.host) === family),
    );
    if (!listener) {
      throw new TransportError('no-listener', `no ${protocol}${family === undefined ? '' : ` IPv${family}`} listener`);
    }
    return { ...listener.local };
  }

  /**
   * Sends one message. With `options.flow` open, the message goes over that flow (for UDP:
   * from that flow's local socket to `destination`). Otherwise a stream message goes over an
   * open connection to the destination or a new one. Resolves with the flow used; rejects
   * with a {@link TransportError} naming the destination and the cause.
   */
  async send(data: Buffer, destination: Destination, options: SendOptions = {}): Promise<Flow> {
    this.checkDestination(destination);
    if (destination.protocol === 'udp') return this.sendUdp(data, destination, options.flow);
    const given = options.flow ? this.pool.get(options.flow.id) : undefined;
    const connection = given ?? this.pool.find(destination) ?? (await this.connect(destination));
    try {
      await connection.send(data);
    } catch (error) {
      throw error instanceof TransportError
        ? new TransportError(error.code, error.message, { destination, flow: connection.flow, cause: error.cause })
        : error;
    }
    return connection.flow;
  }

  /** Closes a stream flow (a no-op for UDP flows and flows already closed). */
  closeFlow(flow: Flow): void {
    this.pool.get(flow.id)?.close();
  }

  /**
   * Starts RFC 5626 §4.4.1 keep-alives on a stream flow: a double-CRLF ping (a ping frame
   * on WS/WSS) about every `intervalMs`; a pong missing after the pong timeout closes the flow
   * with a `keepalive-timeout` error. Returns false, sending nothing, for UDP flows (RFC 5626
   * uses STUN there, which this layer leaves to the caller) and for flows not open.
   */
  startKeepAlive(flow: Flow, intervalMs: number): boolean {
    const connection = this.pool.get(flow.id);
    if (!connection || !(intervalMs > 0)) return false;
    this.keepAlives.get(flow.id)?.stop();
    this.keepAlives.set(flow.id, new FlowKeepAlive(connection, intervalMs, this.options.pongTimeoutMs));
    return true;
  }

  /** Stops the keep-alives of a flow. */
  stopKeepAlive(flow: Flow): void {
    this.keepAlives.get(flow.id)?.stop();
    this.keepAlives.delete(flow.id);
  }

  private async listen(config: ListenerConfig): Promise<Listener> {
    const accept = (connection: Connection): void => {
      if (this.running) this.pool.add(connection);
      else connection.close();
    };
    switch (config.protocol) {
      case 'udp':
        return UdpListener.bind(config, (data, flow) => this.emit('message', data, flow));
      case 'tcp':
        return listenTcp(config, this.observer, this.framerOptions, accept);
      case 'tls':
        return listenTls(config, this.observer, this.framerOptions, accept);
      case 'ws':
      case 'wss':
        return listenWs({ ...config, protocol: config.protocol }, this.observer, this.maxMessageSize, accept);
      default:
        throw new TransportError('listen-failed', `unknown transport protocol ${String(config.protocol)}`);
    }
  }

  private get maxMessageSize(): number {
    return this.options.maxHeaderSize + this.options.maxBodySize;
  }

  private checkDestination(destination: Destination): void {
    if (!this.running) throw new TransportError('not-started', 'the transport manager is not running', { destination });
    if (!TRANSPORT_PROTOCOLS.includes(destination.protocol)) {
      throw new TransportError('invalid-destination', `unknown transport protocol ${String(destination.protocol)}`, { destination });
    }
    if (!destination.host || !Number.isInteger(destination.port) || destination.port < 1 || destination.port > 65_535) {
      throw new TransportError('invalid-destination', `invalid destination ${formatEndpoint(destination)}`, { destination });
    }
  }

  private async sendUdp(data: Buffer, destination: Destination, flow: Flow | undefined): Promise<Flow> {
    const udpListeners = this.bound.filter((listener): listener is UdpListener => listener instanceof UdpListener);
    let listener = flow
      ? udpListeners.find((candidate) => candidate.local.host === flow.local.host && candidate.local.port === flow.local.port)
      : undefined;
    if (!listener) {
      let family = addressFamily(destination.host);
      if (family === 0) {
        try {
          family = (await lookup(destination.host)).family as 4 | 6;
        } catch (error) {
          throw new TransportError('send-failed', `cannot resolve ${destination.host}: ${(error as Error).message}`, { destination, cause: error });
        }
      }
      listener = udpListeners.find((candidate) => candidate.family === family);
    }
    if (!listener) {
      throw new TransportError('no-listener', `no UDP listener to send to ${formatEndpoint(destination)} from`, { destination });
    }
    return listener.send(data, destination);
  }

  /** Opens a connection to `destination`, sharing an attempt already under way. */
  private connect(destination: Destination): Promise<Connection> {
    const pending = this.pool.pendingFor(destination);
    if (pending) return pending;
    const timeout = this.options.connectTimeoutMs;
    let attempt: Promise<Connection>;
    switch (destination.protocol) {
      case 'tcp':
        attempt = connectTcp(destination, this.observer, this.framerOptions, timeout);
        break;
      case 'tls':
        attempt = connectTls(destination, this.options.tls, this.observer, this.framerOptions, timeout);
        break;
      default:
        attempt = connectWs({ ...destination, protocol: destination.protocol as 'ws' | 'wss' }, this.options.tls, this.observer, this.maxMessageSize, timeout);
        break;
    }
    const registered = attempt.then((connection) => {
      if (!this.running) {
        connection.close();
        throw new TransportError('not-started', 'the transport manager stopped while connecting', { destination });
      }
      this.pool.add(connection, destination);
      return connection;
    });
    this.pool.trackPending(destination, registered);
    return registered;
  }

  private connectionClosed(connection: Connection, error: TransportError | undefined): void {
    this.pool.remove(connection);
    this.keepAlives.get(connection.flow.id)?.stop();
    this.keepAlives.delete(connection.flow.id);
    this.emit('flow-closed', connection.flow, error);
    if (error && this.listenerCount('error') > 0) this.emit('error', error);
  }

  private closeIdle(): void {
    const limit = Date.now() - this.options.idleTimeoutMs;
    for (const connection of this.pool.all()) {
      if (connection.lastActivity < limit && !this.keepAlives.has(connection.flow.id)) connection.close();
    }
  }
}
