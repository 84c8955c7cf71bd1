import type { SrvRecord } from './resolver.js';

/** A source of uniform random numbers in [0, 1), injectable for tests. */
export type RandomSource = () => number;

/**
 * Orders SRV records as a client must try them (RFC 2782, "Usage rules"):
 * lowest priority first; within one priority, a weighted random order in
 * which a record with weight W is picked next with probability W / (sum of the
 * remaining weights), records of weight 0 having a very small chance unless
 * all remaining weights are 0. A lone record whose target is "." means the
 * service is decidedly not offered: the result is then empty. Records with
 * port 0 (nothing can be reached there) are dropped too.
 */
export function orderSrvRecords(records: readonly SrvRecord[], random: RandomSource = Math.random): SrvRecord[] {
  const usable = records.filter(
    (record) => record.name !== '.' && record.name !== '' && Number.isInteger(record.port) && record.port > 0 && record.port < 65536,
  );
  const priorities = [...new Set(usable.map((record) => record.priority))].sort((a, b) => a - b);
  const ordered: SrvRecord[] = [];
  for (const priority of priorities) {
    // Weight-0 records go first in the running-sum list, as the RFC says.
    const remaining = usable
      .filter((record) => record.priority === priority)
      .sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (remaining.length > 0) {
      const total = remaining.reduce((sum, record) => sum + record.weight, 0);
      const pick = Math.min(total, Math.floor(random() * (total + 1)));
      let running = 0;
      let index = remaining.length - 1;
      for (let i = 0; i < remaining.length; i++) {
        running += remaining[i]!.weight;
        if (running >= pick) {
          index = i;
          break;
        }
      }
      ordered.push(remaining[index]!);
      remaining.splice(index, 1);
    }
  }
  return ordered;
}
