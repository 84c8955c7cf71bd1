import { lookupAddresses } from './address-lookup.js';
import { DNSLookupError } from './errors.js';
import type { LookupTarget } from './lookup-target.js';
import type { QueryRunner } from './query-runner.js';
import { Route } from './route.js';
import { orderSrvRecords, type RandomSource } from './srv-order.js';
import {
  defaultPort,
  isSecureTransport,
  isSIPTransport,
  srvName,
  transportOfNaptrService,
  type SIPTransport,
} from './transports.js';

/** Settings of one SIP server location. */
export interface SIPProxyLookupSettings {
  /** The transports the application can use, most preferred first. */
  supportedTransports: readonly SIPTransport[];
  /** Also look up AAAA records. */
  ipv6: boolean;
  /** Random source for the SRV weight shuffle. */
  random: RandomSource;
}

/** One SRV name to query, and where it came from. */
interface SrvCandidate {
  transport: SIPTransport;
  name: string;
  /** NAPTR order and preference, or +Infinity for names built without NAPTR. */
  order: number;
  preference: number;
}

/**
 * The transports a URI may use (RFC 3263 §4.1): the one its `transport`
 * parameter names (TCP becomes TLS, WS becomes WSS under `sips`), or else every
 * supported one, only TLS-based ones for `sips` (RFC 3261 §26.2.2). Throws
 * `bad-input` when nothing is left.
 */
export function candidateTransports(target: LookupTarget, supported: readonly SIPTransport[]): SIPTransport[] {
  if (target.transport !== undefined) {
    const named = target.transport;
    if (!isSIPTransport(named)) {
      throw new DNSLookupError(`lookup: transport=${named} is not supported by this SIP stack`, 'bad-input');
    }
    let transport: SIPTransport = named;
    if (target.secure) {
      if (named === 'udp') throw new DNSLookupError('lookup: a sips URI cannot use transport=udp', 'bad-input');
      if (named === 'tcp') transport = 'tls';
      if (named === 'ws') transport = 'wss';
    }
    if (!supported.includes(transport)) {
      throw new DNSLookupError(
        `lookup: the URI asks for ${transport} but the supported transports are ${supported.join(', ') || 'none'}`,
        'bad-input',
      );
    }
    return [transport];
  }
  const usable = target.secure ? supported.filter(isSecureTransport) : [...supported];
  if (usable.length === 0) {
    throw new DNSLookupError(
      target.secure
        ? `lookup: a sips URI needs tls or wss, but the supported transports are ${supported.join(', ') || 'none'}`
        : 'lookup: no supported transports given',
      'bad-input',
    );
  }
  // §4.1: a numeric IP or an explicit port names one server, so one transport: UDP for
  // sip (TLS for sips) when supported. Trying every transport would send the same
  // request to the same server again on failover, which it rejects as merged (482).
  if (target.ipVersion !== 0 || target.port !== undefined) {
    const preferred: SIPTransport = target.secure ? 'tls' : 'udp';
    return [usable.includes(preferred) ? preferred : usable[0]!];
  }
  return usable;
}

/**
 * RFC 3263 §4 server location for a SIP URI: the ordered list of routes to try.
 *
 * - An IP address host or an explicit port skips NAPTR and SRV (§4.1, §4.2) and
 *   uses one transport (UDP for sip, TLS for sips, when supported; else the most
 *   preferred one); a domain with a port is looked up with A (and AAAA).
 * - A `transport` parameter skips NAPTR and goes to SRV for that transport (§4.1).
 * - Otherwise NAPTR records whose service the client supports (and which have
 *   the "s" flag) give the SRV names; without any, the SRV names are built from
 *   the domain for every candidate transport (§4.1). SRV records are ordered by
 *   priority and weight (RFC 2782) and their targets resolved (§4.2). When no
 *   SRV record is found, the domain itself is resolved with each transport's
 *   default port (§4.2).
 *
 * Routes come grouped by transport in the application's order of preference
 * (middleware spec §21), then in NAPTR order and SRV order within one
 * transport. TLS routes carry the URI's domain as `tlsName` (RFC 5922 §4).
 */
export async function locateSIPServers(
  runner: QueryRunner,
  target: LookupTarget,
  settings: SIPProxyLookupSettings,
): Promise<Route[]> {
  const supported = [...new Set(settings.supportedTransports.map((t) => t.toLowerCase()))].filter(isSIPTransport);
  const transports = candidateTransports(target, supported);
  const tlsName = target.ipVersion === 0 ? target.host : undefined;
  const makeRoute = (address: string, port: number, transport: SIPTransport) =>
    new Route(address, port, transport, isSecureTransport(transport) ? tlsName : undefined);

  if (target.ipVersion !== 0) {
    return transports.map((t) => makeRoute(target.host, target.port ?? defaultPort(t), t));
  }
  if (target.port !== undefined) {
    const port = target.port;
    const addresses = await lookupAddresses(runner, target.host, settings.ipv6);
    return transports.flatMap((t) => addresses.map((address) => makeRoute(address, port, t)));
  }

  let failure: unknown;
  const candidates = target.transport === undefined ? await naptrCandidates(runner, target.host, transports) : [];
  if (candidates.length === 0) {
    for (const transport of transports) {
      candidates.push({ transport, name: srvName(transport, target.host), order: Infinity, preference: Infinity });
    }
  }
  candidates.sort(
    (a, b) =>
      transports.indexOf(a.transport) - transports.indexOf(b.transport) ||
      a.order - b.order ||
      a.preference - b.preference,
  );

  const srvResults = await Promise.allSettled(
    candidates.map(async (candidate) => {
      const records = orderSrvRecords(await runner.query('SRV', candidate.name), settings.random);
      const resolved = await Promise.allSettled(
        records.map(async (record) => ({ record, addresses: await lookupAddresses(runner, record.name, settings.ipv6) })),
      );
      const routes: Route[] = [];
      for (const outcome of resolved) {
        if (outcome.status === 'rejected') {
          if (runner.aborted) throw outcome.reason;
          failure = outcome.reason;
          continue;
        }
        for (const address of outcome.value.addresses) {
          routes.push(makeRoute(address, outcome.value.record.port, candidate.transport));
        }
      }
      return routes;
    }),
  );
  const routes: Route[] = [];
  let foundSrv = false;
  for (const outcome of srvResults) {
    if (outcome.status === 'rejected') {
      if (runner.aborted) throw outcome.reason;
      failure ??= outcome.reason;
      continue;
    }
    foundSrv = true;
    routes.push(...outcome.value);
  }
  if (!foundSrv) {
    // §4.2: no SRV records at all, so the domain itself is the server.
    const addresses = await lookupAddresses(runner, target.host, settings.ipv6);
    for (const transport of transports) {
      for (const address of addresses) routes.push(makeRoute(address, defaultPort(transport), transport));
    }
  }
  const unique = routes.filter((route, index) => routes.findIndex((other) => other.equals(route)) === index);
  if (unique.length === 0) {
    if (failure instanceof DNSLookupError) throw failure;
    throw new DNSLookupError(`lookup: no SIP server found for ${target.text}`, 'no-data');
  }
  return unique;
}

/** NAPTR step (RFC 3263 §4.1): SRV names for the candidate transports; empty when NAPTR gives none. */
async function naptrCandidates(runner: QueryRunner, domain: string, transports: SIPTransport[]): Promise<SrvCandidate[]> {
  let records;
  try {
    records = await runner.query('NAPTR', domain);
  } catch (error) {
    if (runner.aborted) throw error;
    return [];
  }
  const candidates: SrvCandidate[] = [];
  for (const record of records) {
    const transport = transportOfNaptrService(record.service);
    if (transport === undefined || !transports.includes(transport)) continue;
    // Only terminal "s" records lead to SRV; SIP NAPTRs use no regexp (RFC 3263 §4.1).
    if (record.flags.toLowerCase() !== 's' || record.regexp !== '' || !record.replacement) continue;
    const name = record.replacement.endsWith('.') ? record.replacement.slice(0, -1) : record.replacement;
    candidates.push({ transport, name: name.toLowerCase(), order: record.order, preference: record.preference });
  }
  return candidates;
}
