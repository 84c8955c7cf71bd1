import { lookupAddresses } from './address-lookup.js';
import type { LookupTarget } from './lookup-target.js';
import type { QueryRunner } from './query-runner.js';
import { orderSrvRecords, type RandomSource } from './srv-order.js';

/** A host and port found for a service. */
export interface ServiceAddress {
  /** IP address. */
  host: string;
  port: number;
}

/** The services {@link locateService} knows: SRV prefix and default port. */
export const SERVICES = {
  /** STUN servers (RFC 5389 §9: `_stun._udp`, port 3478). */
  stun: { srvPrefix: '_stun._udp', defaultPort: 3478 },
  /** MSRP relays (RFC 4976 §5: `_msrps._tcp`, port 2855). */
  msrprelay: { srvPrefix: '_msrps._tcp', defaultPort: 2855 },
} as const;

/** A service name accepted by `DNSLookup.lookupService`. */
export type ServiceName = keyof typeof SERVICES;

/**
 * SRV lookup of `service` under the target's host, then A (and AAAA) lookups of
 * the targets, in RFC 2782 order; when the SRV lookup finds nothing, the host
 * itself with the service's default port (middleware spec §21 `lookup_service`).
 */
export async function locateService(
  runner: QueryRunner,
  target: LookupTarget,
  service: ServiceName,
  settings: { ipv6: boolean; random: RandomSource },
): Promise<ServiceAddress[]> {
  const { srvPrefix, defaultPort } = SERVICES[service];
  if (target.ipVersion !== 0) return [{ host: target.host, port: target.port ?? defaultPort }];
  let records: ReturnType<typeof orderSrvRecords> = [];
  try {
    records = orderSrvRecords(await runner.query('SRV', `${srvPrefix}.${target.host}`), settings.random);
  } catch (error) {
    if (runner.aborted) throw error;
  }
  const found: ServiceAddress[] = [];
  const resolved = await Promise.allSettled(records.map((record) => lookupAddresses(runner, record.name, settings.ipv6)));
  resolved.forEach((outcome, index) => {
    // A target without addresses is skipped; its failed query is in the trace.
    if (outcome.status === 'fulfilled') {
      for (const host of outcome.value) found.push({ host, port: records[index]!.port });
    }
  });
  if (found.length > 0) return found;
  const addresses = await lookupAddresses(runner, target.host, settings.ipv6);
  return addresses.map((host) => ({ host, port: target.port ?? defaultPort }));
}
