/**
 * The SIP transports that RFC 3263 server location knows about, and the DNS
 * names that stand for them: NAPTR services (RFC 3263 §4.1, RFC 7118 §5 for
 * WebSocket) and SRV owner-name prefixes (RFC 3263 §4.1, RFC 2782).
 */

/** A SIP transport as the lookup layer names it (the same strings as the core's transport layer). */
export type SIPTransport = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

/** Every transport, in the order used when an application does not give one. */
export const ALL_SIP_TRANSPORTS: readonly SIPTransport[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];

/** Whether `transport` runs over TLS, the only transports a `sips` URI may use (RFC 3261 §26.2.2). */
export function isSecureTransport(transport: SIPTransport): boolean {
  return transport === 'tls' || transport === 'wss';
}

/** Whether `value` names a transport of this layer (case-insensitive). */
export function isSIPTransport(value: string): value is SIPTransport {
  return (ALL_SIP_TRANSPORTS as readonly string[]).includes(value);
}

/**
 * Default port of each transport: 5060 for SIP over UDP and TCP, 5061 for TLS
 * (RFC 3261 §19.1.2), 80 and 443 for WebSocket and secure WebSocket (RFC 7118 §5).
 */
export function defaultPort(transport: SIPTransport): number {
  switch (transport) {
    case 'udp':
    case 'tcp':
      return 5060;
    case 'tls':
      return 5061;
    case 'ws':
      return 80;
    case 'wss':
      return 443;
  }
}

/** NAPTR service field of each transport (RFC 3263 §4.1; `SIP+D2W`/`SIPS+D2W` from RFC 7118 §5). */
const NAPTR_SERVICES: Readonly<Record<SIPTransport, string>> = {
  udp: 'SIP+D2U',
  tcp: 'SIP+D2T',
  tls: 'SIPS+D2T',
  ws: 'SIP+D2W',
  wss: 'SIPS+D2W',
};

/** The NAPTR service field that advertises `transport`. */
export function naptrService(transport: SIPTransport): string {
  return NAPTR_SERVICES[transport];
}

/** The transport a NAPTR service field advertises, or `undefined` for services SIP does not use here. */
export function transportOfNaptrService(service: string): SIPTransport | undefined {
  const upper = service.toUpperCase();
  for (const transport of ALL_SIP_TRANSPORTS) {
    if (NAPTR_SERVICES[transport] === upper) return transport;
  }
  return undefined;
}

/** SRV owner-name prefix of each transport (RFC 3263 §4.1; `_sip._ws`/`_sips._ws` from RFC 7118 §5). */
const SRV_PREFIXES: Readonly<Record<SIPTransport, string>> = {
  udp: '_sip._udp',
  tcp: '_sip._tcp',
  tls: '_sips._tcp',
  ws: '_sip._ws',
  wss: '_sips._ws',
};

/** The SRV name under which `domain` publishes servers for `transport`. */
export function srvName(transport: SIPTransport, domain: string): string {
  return `${SRV_PREFIXES[transport]}.${domain}`;
}
