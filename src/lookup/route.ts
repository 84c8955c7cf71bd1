import { isIP } from 'node:net';
import { defaultPort, isSIPTransport, type SIPTransport } from './transports.js';

/**
 * Where to send a SIP request: an IP address, a port and a transport, as
 * returned by {@link DNSLookup.lookupSIPProxy} (middleware spec §22, `sipsimple.util.Route`).
 *
 * `tlsName` is the name the server's certificate must match on `tls` and `wss`
 * routes: the domain of the SIP URI that was resolved, not the SRV target
 * (RFC 5922 §4). It is `undefined` when the URI named an IP address.
 */
export class Route {
  /** IPv4 or IPv6 address (IPv6 without brackets). */
  address: string;
  /** Port; `undefined` means the transport's default port (see {@link Route.effectivePort}). */
  port: number | undefined;
  /** Transport, lower-case. */
  transport: SIPTransport;
  /** Name to verify the TLS certificate against and to send as SNI. */
  tlsName: string | undefined;

  /**
   * @param address IP address the request should be sent to.
   * @param port port, or `undefined` for the transport's default port.
   * @param transport `udp`, `tcp`, `tls`, `ws` or `wss` (case-insensitive).
   * @param tlsName certificate name for TLS routes.
   */
  constructor(address: string, port?: number, transport: string = 'udp', tlsName?: string) {
    const lower = transport.toLowerCase();
    if (!isSIPTransport(lower)) throw new TypeError(`Route: unknown transport ${JSON.stringify(transport)}`);
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new RangeError(`Route: port must be an integer from 1 to 65535, got ${String(port)}`);
    }
    this.address = address;
    this.port = port;
    this.transport = lower;
    this.tlsName = tlsName;
  }

  /** The port to connect to: the given one, or the transport's default. */
  get effectivePort(): number {
    return this.port ?? defaultPort(this.transport);
  }

  /**
   * The route as SIP URI text, `sip:address:port;transport=x` (IPv6 addresses in
   * brackets), for a Route header or an outbound proxy (spec §22 `get_uri()`).
   * The core layer parses it into its URI type; this layer stays below the core.
   */
  getUri(): string {
    const host = isIP(this.address) === 6 ? `[${this.address}]` : this.address;
    const port = this.port === undefined ? '' : `:${this.port}`;
    return `sip:${host}${port};transport=${this.transport}`;
  }

  /** Whether two routes lead to the same address, port and transport. */
  equals(other: Route): boolean {
    return (
      this.address === other.address && this.effectivePort === other.effectivePort && this.transport === other.transport
    );
  }

  /** `address:port/transport`, for logs. */
  toString(): string {
    const host = isIP(this.address) === 6 ? `[${this.address}]` : this.address;
    return `${host}:${this.effectivePort}/${this.transport}`;
  }
}
