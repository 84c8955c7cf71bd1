/** Where a server transaction sends its responses (RFC 3261 §18.2.2, RFC 3581 §4). */
import type { Via } from '../message/index.js';
import type { TransactionFlow, TransactionTarget } from './transport.js';

const DEFAULT_PORT: Record<string, number> = { udp: 5060, tcp: 5060, tls: 5061, ws: 80, wss: 443 };

/**
 * The target of responses to a request whose top Via is `via` and which arrived on `flow`.
 * Reliable transports answer on the same connection (the flow), and when it is gone
 * open one to the `received` address (or source address) and the sent-by port. Unreliable ones answer to the source address
 * and port when the request asked for `rport` (RFC 3581), else to `received` (or the
 * sent-by host) and the sent-by port; the flow is kept so that the response leaves from
 * the socket the request came in on.
 */
export function responseTarget(via: Via, flow: TransactionFlow, reliable: boolean): TransactionTarget {
  const protocol = flow.protocol.toLowerCase();
  const defaultPort = DEFAULT_PORT[protocol] ?? 5060;
  if (reliable) {
    return { protocol, host: via.received ?? flow.remote.host, port: via.port ?? defaultPort, flow };
  }
  if (via.rport !== undefined) {
    return { protocol, host: flow.remote.host, port: flow.remote.port, flow };
  }
  const host = via.received ?? via.host;
  return { protocol, host, port: via.port ?? defaultPort, flow };
}
