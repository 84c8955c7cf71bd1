/**
 * Small helpers over endpoints and destinations: address families, the text form of an
 * endpoint, and the keys under which open connections are found again.
 */
import { isIP } from 'node:net';
import type { Destination, Endpoint, TransportProtocol } from './types.js';

/** 4 or 6 for an IP address, 0 for a host name. */
export function addressFamily(host: string): 0 | 4 | 6 {
  return isIP(host) as 0 | 4 | 6;
}

/** `host:port`, with brackets around an IPv6 address (RFC 3261 §19.1.1 hostport form). */
export function formatEndpoint(endpoint: Endpoint): string {
  return addressFamily(endpoint.host) === 6 ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

/** Removes the IPv4-mapped prefix (`::ffff:1.2.3.4`) that dual-stack sockets report. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && addressFamily(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Whether the protocol runs over a reliable stream (RFC 3261 §18: everything but UDP). */
export function isReliableProtocol(protocol: TransportProtocol): boolean {
  return protocol !== 'udp';
}

/** Whether the protocol carries TLS (RFC 3261 §26.2, RFC 7118 `wss`). */
export function isSecureProtocol(protocol: TransportProtocol): boolean {
  return protocol === 'tls' || protocol === 'wss';
}

/**
 * The server name for SNI and certificate checks of a destination: `tlsServerName`, else the
 * host when it is a name. RFC 6066 §3 forbids IP addresses in SNI.
 */
export function serverNameOf(destination: Destination): string | undefined {
  if (destination.tlsServerName !== undefined) return destination.tlsServerName;
  return addressFamily(destination.host) === 0 ? destination.host : undefined;
}

/** The key of an outbound connection: a new connection is opened only when no open one has it. */
export function destinationKey(destination: Destination): string {
  const host = destination.host.toLowerCase();
  const name = isSecureProtocol(destination.protocol) ? (serverNameOf(destination) ?? '').toLowerCase() : '';
  const path = destination.protocol === 'ws' || destination.protocol === 'wss' ? (destination.path ?? '/') : '';
  return `${destination.protocol} ${host} ${destination.port} ${name} ${path}`;
}

/** The key of any connection by its remote address, used for plain (unauthenticated) reuse. */
export function remoteKey(protocol: TransportProtocol, remote: Endpoint): string {
  return `${protocol} ${remote.host.toLowerCase()} ${remote.port}`;
}
