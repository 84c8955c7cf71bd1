import { promises as dns } from 'node:dns';

/** A NAPTR record as the resolver returns it (RFC 3403 §4.1). */
export interface NaptrRecord {
  order: number;
  preference: number;
  flags: string;
  service: string;
  regexp: string;
  replacement: string;
}

/** An SRV record as the resolver returns it (RFC 2782). */
export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/**
 * The DNS queries the lookup layer makes. Node's `dns.promises.Resolver`
 * satisfies it; tests inject their own. Failures reject with an error whose
 * `code` is one of the resolver's codes (`ENOTFOUND`, `ENODATA`, `ETIMEOUT`, ...).
 */
export interface DNSResolver {
  resolveNaptr(name: string): Promise<NaptrRecord[]>;
  resolveSrv(name: string): Promise<SrvRecord[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveTxt(name: string): Promise<string[][]>;
  /** Abandons every query still in flight (they reject with `ECANCELLED`). */
  cancel(): void;
}

/** What a resolver is built from. */
export interface ResolverOptions {
  /** Nameservers as `"ip"`, `"ip:port"` or `"[ipv6]:port"`; empty for the system's. */
  nameservers: readonly string[];
  /** Milliseconds to wait for one nameserver to answer one query. */
  timeout: number;
  /** How many times to try each nameserver before giving up on it. */
  tries: number;
}

/** Builds the resolver that one lookup uses. */
export type ResolverFactory = (options: ResolverOptions) => DNSResolver;

/** The default {@link ResolverFactory}: a `dns.promises.Resolver` bound to the given nameservers. */
export const createNodeResolver: ResolverFactory = (options) => {
  const resolver = new dns.Resolver({ timeout: Math.max(1, Math.round(options.timeout)), tries: options.tries });
  if (options.nameservers.length > 0) resolver.setServers([...options.nameservers]);
  return resolver;
};
