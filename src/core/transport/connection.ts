/**
 * The connection abstraction shared by the stream transports (TCP, TLS, WS, WSS): one
 * flow (RFC 5626 §3.1) that sends whole messages and reports whole messages.
 */
import type { TransportError } from './errors.js';
import type { Endpoint, Flow } from './types.js';
import { formatEndpoint } from './endpoint.js';

/** What a connection reports to its owner. */
export interface ConnectionObserver {
  /** One complete SIP message arrived. */
  message(data: Buffer, connection: Connection): void;
  /** A keep-alive pong arrived (RFC 5626 §4.4.1). */
  pong(connection: Connection): void;
  /** The connection is closed; `error` says why when it was not an orderly close. Called once. */
  closed(connection: Connection, error?: TransportError): void;
}

/** An open stream connection. */
export interface Connection {
  readonly flow: Flow;
  /** Whether the connection is closed (no more sends). */
  readonly isClosed: boolean;
  /** `Date.now()` of the last byte sent or received. */
  readonly lastActivity: number;
  /** Sends one whole message; resolves when the bytes are handed to the socket. */
  send(data: Buffer): Promise<void>;
  /** Sends a keep-alive ping: a double CRLF on TCP/TLS, a ping frame on WebSocket. */
  sendPing(): Promise<void>;
  /** Closes the connection; `error` is reported to the observer as the reason. */
  close(error?: TransportError): void;
}

let flowCounter = 0;

/** A flow id that is unique in this process: protocol, addresses and a sequence number. */
export function newFlowId(protocol: string, local: Endpoint, remote: Endpoint): string {
  flowCounter += 1;
  return `${protocol}:${formatEndpoint(local)}-${formatEndpoint(remote)}#${flowCounter}`;
}
