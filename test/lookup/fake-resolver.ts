// An in-memory DNSResolver for unit tests: answers from a table, fails with
// resolver error codes, and records every query it was asked.
import { NotificationCenter } from '../../src/notification/index.js';
import { DNSLookup, DNSManager, type DNSResolver, type NaptrRecord, type ResolverFactory, type ResolverOptions, type SrvRecord } from '../../src/lookup/index.js';

export type FakeAnswer = NaptrRecord[] | SrvRecord[] | string[] | string[][] | { error: string } | { hang: true };

export class FakeResolver implements DNSResolver {
  readonly queries: string[] = [];
  readonly created: ResolverOptions[] = [];
  private pending: Array<(error: Error) => void> = [];

  /** Keys are "TYPE name", e.g. "SRV _sip._udp.example.test". Missing keys answer ENOTFOUND. */
  constructor(private readonly table: Record<string, FakeAnswer>) {}

  /** A factory that hands out this resolver and remembers the options. */
  get factory(): ResolverFactory {
    return (options) => {
      this.created.push(options);
      return this;
    };
  }

  resolveNaptr(name: string): Promise<NaptrRecord[]> {
    return this.answer('NAPTR', name) as Promise<NaptrRecord[]>;
  }
  resolveSrv(name: string): Promise<SrvRecord[]> {
    return this.answer('SRV', name) as Promise<SrvRecord[]>;
  }
  resolve4(name: string): Promise<string[]> {
    return this.answer('A', name) as Promise<string[]>;
  }
  resolve6(name: string): Promise<string[]> {
    return this.answer('AAAA', name) as Promise<string[]>;
  }
  resolveTxt(name: string): Promise<string[][]> {
    return this.answer('TXT', name) as Promise<string[][]>;
  }
  cancel(): void {
    const pending = this.pending;
    this.pending = [];
    for (const reject of pending) reject(Object.assign(new Error('cancelled'), { code: 'ECANCELLED' }));
  }

  private answer(type: string, name: string): Promise<unknown> {
    const key = `${type} ${name}`;
    this.queries.push(key);
    const entry = this.table[key];
    if (entry === undefined) return Promise.reject(Object.assign(new Error(`${key} not found`), { code: 'ENOTFOUND' }));
    if ('hang' in entry) return new Promise((_, reject) => this.pending.push(reject));
    if ('error' in entry) return Promise.reject(Object.assign(new Error(`${key} failed`), { code: entry.error }));
    return Promise.resolve(structuredClone(entry));
  }
}

/** A NAPTR record pointing at an SRV name. */
export function naptr(order: number, preference: number, service: string, replacement: string): NaptrRecord {
  return { order, preference, flags: 's', service, regexp: '', replacement };
}

/** An SRV record. */
export function srv(name: string, port: number, priority = 10, weight = 0): SrvRecord {
  return { name, port, priority, weight };
}

/** A random source that returns the given values in turn (then 0). */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++] ?? 0;
}

/** A DNSLookup over a {@link FakeResolver} answering from `table`, with its notification center. */
export function lookupOver(table: Record<string, FakeAnswer>, options: { ipv6?: boolean; random?: () => number } = {}) {
  const resolver = new FakeResolver(table);
  const center = new NotificationCenter();
  const lookup = new DNSLookup({
    notificationCenter: center,
    nameservers: ['127.0.0.1:5353'],
    manager: new DNSManager({ notificationCenter: center }),
    resolverFactory: resolver.factory,
    random: options.random ?? sequence(),
    ipv6: options.ipv6 ?? false,
  });
  return { resolver, center, lookup };
}
