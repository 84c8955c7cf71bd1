/**
 * The DNS-SD service types of SIP contacts, as python-sipsimple registers them:
 * `_sipuri._udp` for UDP and `_sipuri._tcp` for TCP and TLS (both run over TCP; the
 * contact URI in the TXT record carries `transport=tls`). RFC 6763 §7: the service
 * name and the transport protocol label.
 */
import { BonjourServiceDescription } from './service-description.js';

/** Transports a Bonjour account advertises and uses with its neighbours. */
export type BonjourTransport = 'udp' | 'tcp' | 'tls';

/** Every transport, in the order the account prefers them. */
export const BONJOUR_TRANSPORTS: readonly BonjourTransport[] = ['udp', 'tcp', 'tls'];

/** The mDNS domain (RFC 6762 §3). */
export const MDNS_DOMAIN = 'local';

/** The name that lists every service type on the link (RFC 6763 §9). */
export const SERVICE_TYPE_ENUMERATION = `_services._dns-sd._udp.${MDNS_DOMAIN}`;

/** The service type of a transport: `_sipuri._udp` or `_sipuri._tcp`. */
export function serviceTypeOf(transport: BonjourTransport): string {
  return transport === 'udp' ? '_sipuri._udp' : '_sipuri._tcp';
}

/** The name browsed for a transport's neighbours (`_sipuri._udp.local`). */
export function browseNameOf(transport: BonjourTransport): string {
  return `${serviceTypeOf(transport)}.${MDNS_DOMAIN}`;
}

/** The instance name of an account's contact on a transport: the contact username and the transport (one DNS label). */
export function instanceNameOf(username: string, transport: BonjourTransport): string {
  return `${username}-${transport}`;
}

/** Whether `value` names a Bonjour transport. */
export function isBonjourTransport(value: string): value is BonjourTransport {
  return value === 'udp' || value === 'tcp' || value === 'tls';
}

/**
 * Splits a full instance name (`<instance>.<type>.<domain>`) of a known service type;
 * `undefined` when it is not one. The instance label may itself hold dots (RFC 6763 §4.3).
 */
export function describeInstance(fullName: string, type: string, domain: string = MDNS_DOMAIN): BonjourServiceDescription | undefined {
  const suffix = `.${type}.${domain}`;
  if (fullName.length <= suffix.length || !fullName.toLowerCase().endsWith(suffix.toLowerCase())) return undefined;
  return new BonjourServiceDescription(fullName.slice(0, fullName.length - suffix.length), type, domain);
}
