import { DNSLookupError } from './errors.js';
import type { LookupTarget } from './lookup-target.js';
import type { QueryRunner } from './query-runner.js';

/**
 * The XCAP roots a domain publishes: TXT records of `xcap.<domain>` whose text
 * is an `http` or `https` URI (middleware spec §21 `lookup_xcap_server`; XCAP
 * spec: `xcap.example.org. IN TXT "https://xcap.example.org/xcap-root"`). The
 * character strings of one record are joined (RFC 1035 §3.3.14). Throws
 * `no-data` when no record holds such a URI.
 */
export async function locateXCAPRoots(runner: QueryRunner, target: LookupTarget): Promise<string[]> {
  if (target.ipVersion !== 0) {
    throw new DNSLookupError(`lookup: ${target.host} is an IP address, it has no xcap TXT records`, 'bad-input');
  }
  const name = `xcap.${target.host}`;
  const records = await runner.query('TXT', name);
  const roots: string[] = [];
  for (const chunks of records) {
    const text = chunks.join('').trim();
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !roots.includes(text)) roots.push(text);
  }
  if (roots.length === 0) {
    throw new DNSLookupError(`TXT ${name}: no record holds an http or https URI`, 'no-data', {
      queryType: 'TXT',
      queryName: name,
    });
  }
  return roots;
}
