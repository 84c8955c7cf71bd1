/**
 * The address to advertise in Via sent-by (RFC 3261 §18.1.1) when a listener is bound
 * to the unspecified address (`0.0.0.0`, `::`): the loopback address for loopback
 * destinations, else the first external interface address of the family.
 */
import { networkInterfaces } from 'node:os';

/** Whether `host` is an unspecified (wildcard) address. */
export function isUnspecifiedAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** Whether `host` is a loopback address or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The address to advertise for a listener bound to `bound` when sending to `destination`. */
export function advertisedAddress(bound: string, destination: string): string {
  if (!isUnspecifiedAddress(bound)) return bound;
  const family = bound === '::' ? 'IPv6' : 'IPv4';
  const loopback = family === 'IPv6' ? '::1' : '127.0.0.1';
  if (isLoopbackHost(destination)) return loopback;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === family && !address.internal && !(family === 'IPv6' && address.address.startsWith('fe80:'))) {
        return address.address;
      }
    }
  }
  return loopback;
}
