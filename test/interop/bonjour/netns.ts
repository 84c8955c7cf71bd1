/**
 * Two network namespaces joined by a veth pair, for Bonjour tests between two
 * processes: each namespace has its own link with an address of a private /24, a
 * multicast route on it, and nothing else, so mDNS traffic never leaves the pair.
 * Needs root and `ip` (iproute2).
 */
import { execFileSync } from 'node:child_process';

/** One side of the pair. */
export interface NamespaceSide {
  /** The namespace name, for `ip netns exec`. */
  readonly namespace: string;
  /** The veth interface inside it. */
  readonly interface: string;
  /** Its IPv4 address. */
  readonly address: string;
}

/** The pair; `remove()` deletes both namespaces (and so the veth pair). */
export interface NamespacePair {
  readonly a: NamespaceSide;
  readonly b: NamespaceSide;
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Creates the pair, named after `tag` (a few letters or digits: interface names hold 15 characters). */
export function createNamespacePair(tag: string): NamespacePair {
  const subnet = `10.213.${(process.pid % 250) + 1}`;
  const a: NamespaceSide = { namespace: `${tag}a`, interface: `${tag}va`, address: `${subnet}.1` };
  const b: NamespaceSide = { namespace: `${tag}b`, interface: `${tag}vb`, address: `${subnet}.2` };
  const remove = (): void => {
    for (const side of [a, b]) {
      try {
        ip('netns', 'del', side.namespace);
      } catch {
        // not created, or gone already
      }
    }
  };
  remove();
  try {
    ip('netns', 'add', a.namespace);
    ip('netns', 'add', b.namespace);
    ip('link', 'add', a.interface, 'type', 'veth', 'peer', 'name', b.interface);
    for (const side of [a, b]) {
      ip('link', 'set', side.interface, 'netns', side.namespace);
      ip('-n', side.namespace, 'addr', 'add', `${side.address}/24`, 'dev', side.interface);
      ip('-n', side.namespace, 'link', 'set', 'lo', 'up');
      ip('-n', side.namespace, 'link', 'set', side.interface, 'up');
      ip('-n', side.namespace, 'route', 'add', '224.0.0.0/4', 'dev', side.interface);
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { a, b, remove };
}
