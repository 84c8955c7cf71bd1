/**
 * Name conflicts of unique records (RFC 6762 §8.1, §9): another host that answers with
 * an SRV record of the same name but other data holds that name, and ours must change.
 * Our own records come back to us (multicast loopback), older versions included, so
 * what we sent is remembered and never taken for a conflict.
 */
import type { MDNSRecord } from './mdns-records.js';
import { BonjourServiceDescription } from './service-description.js';

/** The most renames tried before giving up (RFC 6762 §9 leaves the number open). */
export const MAX_RENAMES = 10;

/** The SRV data as text, to compare records by data; `undefined` for other records and bad data. */
export function srvKey(record: MDNSRecord): string | undefined {
  if (record.type !== 'SRV') return undefined;
  const data = record.data as { target?: unknown; port?: unknown } | null;
  if (typeof data !== 'object' || data === null || typeof data.target !== 'string') return undefined;
  return `${data.target.toLowerCase().replace(/\.$/, '')}:${String(data.port)}`;
}

/**
 * The next name of an instance after a conflict: `alice-udp` becomes `alice-udp-2`,
 * `alice-udp-2` becomes `alice-udp-3` (RFC 6762 §9 leaves the form open).
 */
export function renamed(description: BonjourServiceDescription): BonjourServiceDescription {
  const match = /^(.*)-(\d+)$/.exec(description.name);
  const name = match === null ? `${description.name}-2` : `${match[1]}-${Number(match[2]) + 1}`;
  return new BonjourServiceDescription(name, description.type, description.domain);
}

/** The SRV data sent per name, so that our own records (old ones too) are not conflicts. */
export class SentRecords {
  private readonly byName = new Map<string, Set<string>>();

  /** Remembers the SRV records among `records`. */
  note(records: readonly MDNSRecord[]): void {
    for (const record of records) {
      const key = srvKey(record);
      if (key === undefined) continue;
      const name = record.name.toLowerCase();
      const set = this.byName.get(name) ?? new Set<string>();
      set.add(key);
      this.byName.set(name, set);
    }
  }

  /** The names in `records` that another host claims: an SRV of that name with data we never sent. */
  conflicts(records: readonly MDNSRecord[], names: ReadonlySet<string>): Set<string> {
    const found = new Set<string>();
    for (const record of records) {
      const name = typeof record?.name === 'string' ? record.name.toLowerCase().replace(/\.$/, '') : undefined;
      if (name === undefined || !names.has(name) || (record.ttl ?? 0) === 0) continue;
      const key = srvKey(record);
      if (key !== undefined && !(this.byName.get(name)?.has(key) ?? false)) found.add(name);
    }
    return found;
  }
}
