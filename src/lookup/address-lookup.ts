import { isIP } from 'node:net';
import { DNSLookupError } from './errors.js';
import type { QueryRunner } from './query-runner.js';

/**
 * The addresses of `name`: A records, then AAAA records when `ipv6` is set
 * (RFC 3263 §4.2 last step). An IP literal is returned as it is. Rejects with
 * the A query's error when no address is found.
 */
export async function lookupAddresses(runner: QueryRunner, name: string, ipv6: boolean): Promise<string[]> {
  if (isIP(name) !== 0) return [name];
  const [v4, v6] = await Promise.allSettled([
    runner.query('A', name),
    ipv6 ? runner.query('AAAA', name) : Promise.resolve([] as string[]),
  ]);
  const addresses = [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
  if (addresses.length > 0) return addresses;
  if (v4.status === 'rejected') throw v4.reason;
  if (v6.status === 'rejected') throw v6.reason;
  throw new DNSLookupError(`A ${name}: no addresses`, 'no-data', { queryType: 'A', queryName: name });
}
