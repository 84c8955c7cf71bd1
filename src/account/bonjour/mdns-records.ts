/**
 * The resource records that advertise one DNS-SD service instance (RFC 6763 §4-§6,
 * §9) and its host (RFC 6762 §6), with the TTLs of RFC 6762 §10: 120 s for records
 * that hold a host name (SRV, A, AAAA), 75 minutes for the others (PTR, TXT).
 * Unique records carry the cache-flush bit (RFC 6762 §10.2); shared PTRs do not.
 */
import { isIPv4 } from 'node:net';
import type { Answer, OptAnswer } from 'dns-packet';
import type { BonjourServiceDescription } from './service-description.js';
import { SERVICE_TYPE_ENUMERATION } from './service-types.js';

/** A resource record of the answer sections (every kind but EDNS's OPT pseudo-record). */
export type MDNSRecord = Exclude<Answer, OptAnswer>;

/** TTL of records that hold a host name, seconds (RFC 6762 §10). */
export const HOST_RECORD_TTL = 120;

/** TTL of the other records, seconds (RFC 6762 §10). */
export const OTHER_RECORD_TTL = 4500;

/** One advertised service instance. */
export interface AdvertisedService {
  readonly description: BonjourServiceDescription;
  /** The port of the SRV record. */
  readonly port: number;
  /** The TXT record strings. */
  readonly txt: readonly Buffer[];
}

/** The host the services run on: its mDNS name (`alice-host.local`) and addresses. */
export interface AdvertisedHost {
  readonly name: string;
  readonly addresses: readonly string[];
}

/** The name browsed for a service's type (`_sipuri._udp.local`). */
export function typeName(description: BonjourServiceDescription): string {
  return `${description.type}.${description.domain}`;
}

/** PTR from the service type to the instance (RFC 6763 §4.1); `ttl` 0 says goodbye (RFC 6762 §10.1). */
export function pointerRecord(description: BonjourServiceDescription, ttl = OTHER_RECORD_TTL): MDNSRecord {
  return { name: typeName(description), type: 'PTR', ttl, data: description.fullName };
}

/** PTR from the service type enumeration name to the service type (RFC 6763 §9). */
export function typeEnumerationRecord(description: BonjourServiceDescription, ttl = OTHER_RECORD_TTL): MDNSRecord {
  return { name: SERVICE_TYPE_ENUMERATION, type: 'PTR', ttl, data: typeName(description) };
}

/** SRV and TXT of the instance (RFC 6763 §5, §6). */
export function instanceRecords(service: AdvertisedService, host: AdvertisedHost, ttl?: number): MDNSRecord[] {
  const name = service.description.fullName;
  return [
    { name, type: 'SRV', ttl: ttl ?? HOST_RECORD_TTL, flush: true, data: { target: host.name, port: service.port, priority: 0, weight: 0 } },
    { name, type: 'TXT', ttl: ttl ?? OTHER_RECORD_TTL, flush: true, data: [...service.txt] },
  ];
}

/** A and AAAA records of the host (RFC 6762 §6). */
export function addressRecords(host: AdvertisedHost, ttl = HOST_RECORD_TTL): MDNSRecord[] {
  return host.addresses.map((address) => ({ name: host.name, type: isIPv4(address) ? 'A' : 'AAAA', ttl, flush: true, data: address }) as MDNSRecord);
}

/** Everything that announces the instance (RFC 6762 §8.3). */
export function announcementRecords(service: AdvertisedService, host: AdvertisedHost): MDNSRecord[] {
  return [pointerRecord(service.description), typeEnumerationRecord(service.description), ...instanceRecords(service, host), ...addressRecords(host)];
}

/** The goodbye of the instance: its PTR, SRV and TXT with TTL 0 (RFC 6762 §10.1). */
export function goodbyeRecords(service: AdvertisedService, host: AdvertisedHost): MDNSRecord[] {
  return [pointerRecord(service.description, 0), ...instanceRecords(service, host, 0)];
}
