import { isIP } from 'node:net';
import { DNSLookupError } from './errors.js';

/**
 * The parts of a SIP URI that server location uses (RFC 3263 §4). The core's
 * `SIPURI` has this shape, so it can be passed as it is; the lookup layer sits
 * below the core and does not import it.
 */
export interface LookupURI {
  /** `sip` or `sips`; anything else counts as `sip`. */
  scheme?: string;
  /** Domain name, IPv4 address or IPv6 address (with or without brackets). */
  host: string;
  /** Explicit port, if the URI has one. */
  port?: number | undefined;
  /** The URI's `transport` parameter, if any. */
  transport?: string | undefined;
}

/** A {@link LookupURI} with its host cleaned up: lower-case, no brackets, no trailing dot. */
export interface LookupTarget {
  secure: boolean;
  host: string;
  /** 4 or 6 when the host is an IP address, 0 for a domain name. */
  ipVersion: 0 | 4 | 6;
  port: number | undefined;
  transport: string | undefined;
  /** The URI as text, for traces. */
  text: string;
}

/**
 * Checks and normalizes what a lookup method was given: a {@link LookupURI},
 * or a string holding a bare host name or address. Throws a
 * {@link DNSLookupError} of kind `bad-input` for an empty host or a bad port.
 */
export function toLookupTarget(uri: LookupURI | string): LookupTarget {
  const given: LookupURI = typeof uri === 'string' ? { host: uri } : uri;
  let host = String(given.host ?? '').trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.') && isIP(host) === 0) host = host.slice(0, -1);
  if (host === '') throw new DNSLookupError('lookup: the URI has no host', 'bad-input');
  const port = given.port ?? undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new DNSLookupError(`lookup: bad port ${String(port)} in the URI`, 'bad-input');
  }
  const secure = (given.scheme ?? 'sip').toLowerCase() === 'sips';
  const transport = given.transport ? given.transport.toLowerCase() : undefined;
  const ipVersion = isIP(host) as 0 | 4 | 6;
  const hostText = ipVersion === 6 ? `[${host}]` : host;
  const text =
    typeof uri === 'string'
      ? host
      : `${secure ? 'sips' : 'sip'}:${hostText}${port === undefined ? '' : `:${port}`}${transport ? `;transport=${transport}` : ''}`;
  return { secure, host, ipVersion, port, transport, text };
}
