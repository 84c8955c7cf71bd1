/**
 * The transaction layer's view of the transport layer (RFC 3261 §18): send bytes to
 * a target, learn whether a protocol is reliable, and learn the local address to put
 * in Via. The Engine wires it to the TransportManager; tests use an in-memory one.
 */

/** A host and port (IPv6 hosts without brackets). */
export interface TransactionEndpoint {
  host: string;
  port: number;
}

/** One transport flow (a connection, or for UDP a local socket plus remote address). Structurally the transport layer's `Flow`. */
export interface TransactionFlow {
  readonly id: string;
  readonly protocol: string;
  readonly local: TransactionEndpoint;
  readonly remote: TransactionEndpoint;
}

/** Where a message goes: a protocol and address, and optionally the flow to reuse (RFC 3261 §18.1.1, §18.2.2). */
export interface TransactionTarget {
  /** Lower-case transport protocol: `udp`, `tcp`, `tls`, `ws`, `wss`, ... */
  protocol: string;
  host: string;
  port: number;
  /** Server name for TLS certificate checks and SNI. */
  tlsServerName?: string;
  /** The flow to send on; updated with the flow a send actually used. */
  flow?: TransactionFlow;
}

/** The transport operations the transaction layer needs. */
export interface TransactionTransport {
  /**
   * Sends one serialized message. Resolves with the flow used (so later sends
   * reuse the connection), or rejects when the transport failed (RFC 3261 §17.1.4, §17.2.4).
   */
  send(data: Buffer, target: TransactionTarget): Promise<TransactionFlow | void>;
  /** Whether `protocol` is reliable (no retransmissions, zero wait timers: RFC 3261 §17). */
  isReliable(protocol: string): boolean;
  /** The local address to put in the Via sent-by of a request to `target` (RFC 3261 §18.1.1). */
  localEndpoint(target: TransactionTarget): TransactionEndpoint;
}

/** Formats `host` for a Via or URI: IPv6 addresses in brackets. */
export function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
