/**
 * A peer named on the command line of a Bonjour account command: a SIP URI as it is, or
 * the display name (or user part) of a neighbour discovered on the local network
 * (RFC 6763 DNS-SD), waiting a few seconds for discovery.
 */
import type { BonjourAccount, BonjourNeighbour } from '../account/bonjour/index.js';
import type { NotificationCenter } from '../notification/index.js';

/** Seconds Bonjour discovery gets to find a neighbour named on the command line. */
const DISCOVERY_SECONDS = 5;

/** The target `text` names: a `sip:` URI as given, else the neighbour of that name; undefined when none appeared. */
export async function bonjourTarget(account: BonjourAccount, center: NotificationCenter, text: string, signal: AbortSignal): Promise<string | BonjourNeighbour | undefined> {
  if (/^sips?:/i.test(text)) return text;
  const wanted = text.toLowerCase();
  const matches = (neighbour: BonjourNeighbour): boolean => neighbour.displayName?.toLowerCase() === wanted || neighbour.uri.user?.toLowerCase() === wanted;
  const known = account.neighbours.find(matches);
  if (known !== undefined) return known;
  try {
    await center.waitFor(
      { name: 'BonjourAccountDidAddNeighbour', sender: account },
      { timeout: DISCOVERY_SECONDS * 1000, signal, predicate: () => account.neighbours.some(matches) },
    );
  } catch {
    return undefined;
  }
  return account.neighbours.find(matches);
}

/** The message when no neighbour answers to `text`. */
export function noNeighbour(text: string): string {
  return `no neighbour ${JSON.stringify(text)} on the local network within ${DISCOVERY_SECONDS} s (give a sip: URI, or a neighbour's display name)`;
}
