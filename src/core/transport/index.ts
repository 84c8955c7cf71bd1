/** The transport layer: UDP, TCP, TLS, WS and WSS (RFC 3261 §18, RFC 5626, RFC 7118). */
export { TransportManager } from './transport-manager.js';
export type { TransportManagerEvents, TransportManagerOptions } from './transport-manager.js';
export { StreamFramer } from './framer.js';
export type { FrameEvent, FramerOptions } from './framer.js';
export { TransportError, FramingError } from './errors.js';
export type { TransportErrorCode, FramingErrorReason } from './errors.js';
export { KEEPALIVE_PING, KEEPALIVE_PONG } from './keepalive.js';
export { SIP_SUBPROTOCOL } from './ws-transport.js';
export { formatEndpoint, isReliableProtocol, isSecureProtocol } from './endpoint.js';
export {
  UDP_MTU_THRESHOLD,
  MAX_UDP_PAYLOAD,
  DEFAULT_MAX_HEADER_SIZE,
  DEFAULT_MAX_BODY_SIZE,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_PONG_TIMEOUT_MS,
} from './limits.js';
export { TRANSPORT_PROTOCOLS } from './types.js';
export type {
  TransportProtocol,
  Endpoint,
  Flow,
  TlsFlowInfo,
  Destination,
  ListenerConfig,
  TlsListenerOptions,
  TlsClientOptions,
  SendOptions,
} from './types.js';
