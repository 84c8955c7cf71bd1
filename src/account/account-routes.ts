/**
 * Where an account's requests go (RFC 3263): the routes of its outbound proxy when it
 * has one, else those of its domain (REGISTER) or of the request's target; and the
 * transports it may use, its own list (or the global one) within what the Engine runs.
 */
import type { SIPProxyAddress } from '../configuration/index.js';
import type { Engine } from '../core/index.js';
import { isSIPTransport, type DNSLookup, type LookupURI, type Route, type SIPTransport } from '../lookup/index.js';
import { AccountError } from './errors.js';

/** The transports an account may use: `preferred` in its order, kept to those the Engine runs. */
export function usableTransports(preferred: readonly string[], engine: Engine): SIPTransport[] {
  const running = new Set<string>(engine.settings.transports);
  const usable = preferred.filter((transport): transport is SIPTransport => isSIPTransport(transport) && running.has(transport));
  if (usable.length === 0) {
    throw new AccountError(`none of the account's transports (${preferred.join(', ')}) runs in the Engine (${[...running].join(', ')})`);
  }
  return usable;
}

/** The lookup form of an outbound proxy setting. */
export function proxyLookupURI(proxy: SIPProxyAddress): LookupURI {
  return { scheme: 'sip', host: proxy.host, port: proxy.port ?? undefined, transport: proxy.transport ?? undefined };
}

/** RFC 3263 routes of `target` over `transports`; throws when DNS finds none. */
export async function locateRoutes(lookup: DNSLookup, target: LookupURI, transports: readonly SIPTransport[]): Promise<Route[]> {
  const routes = await lookup.lookupSIPProxy(target, transports);
  if (routes.length === 0) throw new AccountError(`no route to ${target.host}`);
  return routes;
}
