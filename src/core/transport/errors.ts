/**
 * Errors of the transport layer: {@link TransportError} for anything that stops a send or
 * kills a flow, {@link FramingError} for a byte stream that is not a sequence of SIP messages.
 */
import { ParserError, SIPSimpleError } from '../../errors.js';
import type { Destination, Flow } from './types.js';

/** What went wrong in the transport layer. */
export type TransportErrorCode =
  /** No listener (socket) of the needed protocol and address family. */
  | 'no-listener'
  /** A listener could not bind its address. */
  | 'listen-failed'
  /** The connection could not be opened (refused, unreachable, name not found). */
  | 'connect-failed'
  /** Opening the connection (with its handshakes) took longer than the connect timeout. */
  | 'connect-timeout'
  /** The TLS peer's certificate or name did not verify (RFC 3261 §26.3.1). */
  | 'tls-verification-failed'
  /** The WebSocket handshake failed or did not agree on the `sip` subprotocol (RFC 7118 §4.1). */
  | 'websocket-handshake-failed'
  /** Writing to the socket failed. */
  | 'send-failed'
  /** A UDP datagram larger than 65,507 bytes was asked for. */
  | 'datagram-too-large'
  /** The peer sent bytes that are not a sequence of SIP messages; the connection was closed. */
  | 'framing-error'
  /** The flow was closed (by either side, or by `stop()`) before or while sending. */
  | 'flow-closed'
  /** A keep-alive ping got no pong in time (RFC 5626 §4.4.1). */
  | 'keepalive-timeout'
  /** The destination or protocol is not one this layer can send to. */
  | 'invalid-destination'
  /** The manager is not running. */
  | 'not-started';

/**
 * A failure to send or a lost flow, with the destination and/or flow it concerns and the
 * underlying cause, so that a transaction can fail over (RFC 3261 §8.1.3.1, RFC 3263 §4.3).
 */
export class TransportError extends SIPSimpleError {
  readonly code: TransportErrorCode;
  readonly destination: Destination | undefined;
  readonly flow: Flow | undefined;

  constructor(
    code: TransportErrorCode,
    message: string,
    context: { destination?: Destination; flow?: Flow; cause?: unknown } = {},
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.destination = context.destination;
    this.flow = context.flow;
  }
}

/** Why a byte stream could not be framed into SIP messages. */
export type FramingErrorReason =
  /** RFC 3261 §18.3: Content-Length is mandatory on stream transports. */
  | 'missing-content-length'
  /** The Content-Length value is not a number, or two values disagree. */
  | 'invalid-content-length'
  /** The start line and headers exceed the configured bound. */
  | 'headers-too-large'
  /** The Content-Length exceeds the configured body bound. */
  | 'body-too-large';

/**
 * A stream that cannot be split into messages (RFC 3261 §18.3). Framing is lost after it,
 * so the connection carrying the stream has to be closed.
 */
export class FramingError extends ParserError {
  readonly reason: FramingErrorReason;

  constructor(reason: FramingErrorReason, message: string, offset: number) {
    super(message, { offset, element: reason === 'headers-too-large' ? 'headers' : 'Content-Length' });
    this.reason = reason;
  }
}
