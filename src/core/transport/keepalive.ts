/**
 * CRLF keep-alive messages (RFC 5626 §3.5.1, §4.4.1) and their recognition on
 * message-oriented transports (WebSocket, UDP), where they arrive as whole messages.
 */

/** The ping: a double CRLF. */
export const KEEPALIVE_PING = Buffer.from('\r\n\r\n', 'latin1');

/** The pong: a single CRLF. */
export const KEEPALIVE_PONG = Buffer.from('\r\n', 'latin1');

/**
 * Classifies a whole received message: `ping` for a double CRLF, `pong` for a single CRLF,
 * `blank` for other whitespace-only data (nothing to deliver), `message` otherwise.
 */
export function classifyWholeMessage(data: Buffer): 'ping' | 'pong' | 'blank' | 'message' {
  if (data.equals(KEEPALIVE_PING)) return 'ping';
  if (data.equals(KEEPALIVE_PONG)) return 'pong';
  for (const byte of data) {
    if (byte !== 0x0d && byte !== 0x0a && byte !== 0x20 && byte !== 0x09) return 'message';
  }
  return 'blank';
}
