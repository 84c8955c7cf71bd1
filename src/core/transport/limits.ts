/**
 * Sizes and timeouts of the transport layer, with their RFC sources.
 */

/**
 * RFC 3261 §18.1.1: a request larger than this (when the path MTU is unknown) must go
 * over a congestion-controlled transport such as TCP. The caller makes that choice;
 * `TransportManager.maxDatagramSize` reports the configured value.
 */
export const UDP_MTU_THRESHOLD = 1300;

/** The largest UDP payload over IPv4 (65,535 - 8 byte UDP header - 20 byte IP header). */
export const MAX_UDP_PAYLOAD = 65_507;

/** Default bound on a message's start line plus headers on stream transports. */
export const DEFAULT_MAX_HEADER_SIZE = 64 * 1024;

/** Default bound on a message body on stream transports. */
export const DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

/** Default time allowed to open a TCP/TLS/WS connection (including the TLS/WS handshake). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Default time after which a connection that carried nothing is closed. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

/** RFC 5626 §4.4.1: a pong not received within 10 seconds means the flow failed. */
export const DEFAULT_PONG_TIMEOUT_MS = 10_000;
