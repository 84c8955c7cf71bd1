import { invalid, textValueType, type Datatype } from '../datatype.js';
import { checkHost, formatHost } from './hostname.js';
import { Port } from './scalars.js';

/** A host with an optional port, split from `host`, `host:port`, `[v6]` or `[v6]:port` (a bare IPv6 address has no port). */
export function splitHostPort(text: string): { host: string; port: number | null } {
  let host = text;
  let port: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) invalid(`${JSON.stringify(text)} has no closing "]"`);
    host = text.slice(0, close + 1);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) invalid(`unexpected ${JSON.stringify(rest)} after the IPv6 address`);
      port = rest.slice(1);
    }
  } else if (text.indexOf(':') === text.lastIndexOf(':') && text.includes(':')) {
    [host, port] = text.split(':') as [string, string];
  }
  return { host: checkHost(host), port: port === undefined ? null : Port.fromString(port) };
}

/** A host and a port: where a server (STUN, for example) listens. Immutable. */
export class HostPort {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    Object.freeze(this);
  }

  /** `host:port`, IPv6 hosts in brackets. */
  toString(): string {
    return `${formatHost(this.host)}:${this.port}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The datatype of a {@link HostPort} whose port is `defaultPort` when the text gives none. */
export function hostPortType(name: string, defaultPort: number): Datatype<HostPort> {
  const parse = (text: string): HostPort => {
    const { host, port } = splitHostPort(text.trim());
    return new HostPort(host, port ?? defaultPort);
  };
  return textValueType(name, HostPort, parse, 'host[:port]');
}

/** A STUN server; the port defaults to 3478 (RFC 5389 §9). */
export const STUNServerAddress = hostPortType('STUNServerAddress', 3478);
