/**
 * The transaction layer's transport (RFC 3261 §18) over the {@link TransportManager}:
 * sends serialized messages to a target (over its flow when it has one), traces
 * every message sent, and gives the local address for Via sent-by.
 */
import { isIP } from 'node:net';
import type {
  TransactionEndpoint,
  TransactionFlow,
  TransactionTarget,
  TransactionTransport,
} from '../transaction/index.js';
import { TRANSPORT_PROTOCOLS, type Endpoint, type Flow, type TransportManager, type TransportProtocol } from '../transport/index.js';
import { advertisedAddress } from './advertised-address.js';
import type { SIPTracer } from './sip-trace.js';

/** Narrows a transaction target's protocol name to a transport protocol. */
export function toTransportProtocol(protocol: string): TransportProtocol | undefined {
  const lower = protocol.toLowerCase();
  return (TRANSPORT_PROTOCOLS as readonly string[]).includes(lower) ? (lower as TransportProtocol) : undefined;
}

/** {@link TransactionTransport} over a {@link TransportManager}. */
export class TransportAdapter implements TransactionTransport {
  constructor(
    private readonly manager: TransportManager,
    private readonly tracer: SIPTracer,
    /** Address families with a listener, in order of preference for destinations given by name. */
    private readonly families: readonly (4 | 6)[],
  ) {}

  async send(data: Buffer, target: TransactionTarget): Promise<TransactionFlow> {
    const protocol = toTransportProtocol(target.protocol) ?? (target.protocol as TransportProtocol);
    const destination = {
      protocol,
      host: target.host,
      port: target.port,
      ...(target.tlsServerName === undefined ? {} : { tlsServerName: target.tlsServerName }),
    };
    const flow = await this.manager.send(data, destination, target.flow ? { flow: target.flow as Flow } : {});
    // UDP flows name the destination asked for; stream flows the peer of the connection used.
    this.tracer.trace(false, data, flow);
    return flow;
  }

  isReliable(protocol: string): boolean {
    const known = toTransportProtocol(protocol);
    return known === undefined ? false : this.manager.isReliable(known);
  }

  /**
   * The sent-by of a request to `target` (RFC 3261 §18.1.1): the listener of the target's
   * protocol and address family; for a protocol without listener (TLS or WSS without a
   * certificate) the address of another listener of the family, since responses come back
   * over the connection anyway (§18.2.2).
   */
  localEndpoint(target: TransactionTarget): TransactionEndpoint {
    const family = this.familyOf(target.host);
    const protocol = toTransportProtocol(target.protocol) ?? 'udp';
    let local: Endpoint | undefined;
    try {
      local = this.manager.localEndpoint(protocol, family);
    } catch (error) {
      local = this.fallbackEndpoint(protocol, family);
      if (local === undefined) throw error;
    }
    return { host: advertisedAddress(local.host, target.host), port: local.port };
  }

  /** The endpoint of a listener of another protocol in `family`, if any. */
  private fallbackEndpoint(protocol: TransportProtocol, family: 4 | 6): Endpoint | undefined {
    for (const other of TRANSPORT_PROTOCOLS) {
      if (other === protocol) continue;
      try {
        return this.manager.localEndpoint(other, family);
      } catch {
        // no listener of that protocol either
      }
    }
    return undefined;
  }

  private familyOf(host: string): 4 | 6 {
    const family = isIP(host.startsWith('[') ? host.slice(1, -1) : host);
    if (family === 4 || family === 6) return family;
    return this.families[0] ?? 4;
  }
}
