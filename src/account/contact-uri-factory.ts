/**
 * `ContactURIFactory` (middleware spec §24 `Account.contact`): the Contact URI of the
 * requests sent on behalf of an account, per transport or per {@link Route}, built from
 * the Engine's local endpoints (RFC 3261 §8.1.1.8). The user part is a random string of
 * 8 lowercase letters unless one is given.
 */
import { randomInt } from 'node:crypto';
import { advertisedAddress } from '../core/engine/advertised-address.js';
import { SIPURI, type Engine, type TransportProtocol } from '../core/index.js';
import type { Route } from '../lookup/index.js';
import { AccountError } from './errors.js';

/** A random user part of 8 lowercase letters, as python-sipsimple makes them. */
export function randomContactUsername(): string {
  let name = '';
  for (let i = 0; i < 8; i++) name += String.fromCharCode(97 + randomInt(26));
  return name;
}

/**
 * The listener that carries a transport: its own, or for TLS and WSS without a
 * certificate (no listener) the TCP or WS one, since replies come back over the
 * connection the request opened.
 */
const FALLBACK: Partial<Record<TransportProtocol, TransportProtocol[]>> = {
  tls: ['tcp'],
  wss: ['ws', 'tcp'],
};

/** Builds an account's Contact URIs; see the module comment. */
export class ContactURIFactory {
  /** The user part of every Contact URI. */
  readonly username: string;
  /** The Engine whose endpoints are advertised; set while the account is attached. */
  engine: Engine | undefined;

  constructor(username: string = randomContactUsername()) {
    this.username = username;
  }

  /**
   * The Contact URI for `target`: a transport (`'udp'`, `'tcp'`, `'tls'`...) or the
   * {@link Route} a request goes to (its transport and, for an unspecified listener
   * address, its destination choose the advertised address). Throws {@link AccountError}
   * when the Engine is not running or has no listener for the transport.
   */
  get(target: TransportProtocol | Route): SIPURI {
    const engine = this.engine;
    if (engine === undefined || !engine.isRunning) throw new AccountError('the Engine is not running: there is no Contact address');
    const transport = typeof target === 'string' ? target : target.transport;
    const destination = typeof target === 'string' ? '' : target.address;
    const family = destination.includes(':') ? 6 : undefined;
    const endpoint = this.endpoint(engine, transport, family);
    const host = advertisedAddress(endpoint.host, destination);
    const params: Array<[string, string | null]> = transport === 'udp' ? [] : [['transport', transport]];
    return new SIPURI({ user: this.username, host: host.includes(':') ? `[${host}]` : host, port: endpoint.port, params });
  }

  private endpoint(engine: Engine, transport: TransportProtocol, family: 6 | undefined): { host: string; port: number } {
    for (const candidate of [transport, ...(FALLBACK[transport] ?? [])]) {
      for (const fam of family === undefined ? [undefined] : [family, undefined]) {
        try {
          return engine.localEndpoint(candidate, fam);
        } catch {
          // no listener of that transport and family: try the next one
        }
      }
    }
    throw new AccountError(`the Engine has no listener that can carry ${transport}`);
  }

  /** `ContactURIFactory(username=hnfkybrt)`, as in the spec. */
  toString(): string {
    return `ContactURIFactory(username=${this.username})`;
  }
}
