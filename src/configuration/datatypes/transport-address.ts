import { invalid } from '../datatype.js';
import { formatHost } from './hostname.js';
import { splitHostPort } from './host-port.js';

/** The parts of `[scheme:]host[:port][;transport=name]`, the form of proxy and relay addresses. */
export interface TransportAddressParts<T extends string> {
  host: string;
  port: number | null;
  transport: T | null;
}

/**
 * Parses `[scheme:]host[:port][;transport=name]` as a SIP URI's host part
 * (RFC 3261 §19.1.1) with at most a `transport` parameter, whose value must be
 * one of `transports`. Missing port and transport are `null`.
 */
export function parseTransportAddress<T extends string>(
  text: string,
  schemes: readonly string[],
  transports: readonly T[],
): TransportAddressParts<T> {
  let rest = text.trim();
  for (const scheme of schemes) {
    if (rest.toLowerCase().startsWith(`${scheme}:`)) {
      rest = rest.slice(scheme.length + 1);
      break;
    }
  }
  const [hostPort = '', ...parameters] = rest.split(';');
  let transport: T | null = null;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'transport') invalid(`unknown parameter ${JSON.stringify(parameter)}`);
    const lowered = value.trim().toLowerCase();
    if (!(transports as readonly string[]).includes(lowered)) invalid(`transport must be one of ${transports.join(', ')}`);
    transport = lowered as T;
  }
  return { ...splitHostPort(hostPort), transport };
}

/** Writes `host[:port][;transport=name]`, the inverse of {@link parseTransportAddress} without a scheme. */
export function formatTransportAddress(parts: TransportAddressParts<string>): string {
  const port = parts.port === null ? '' : `:${parts.port}`;
  const transport = parts.transport === null ? '' : `;transport=${parts.transport}`;
  return `${formatHost(parts.host)}${port}${transport}`;
}
