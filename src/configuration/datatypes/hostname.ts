import { isIPv4, isIPv6 } from 'node:net';
import { invalid, requireString, type Datatype } from '../datatype.js';

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks a host: an IPv4 address, an IPv6 address (with or without brackets)
 * or a domain name of RFC 1123 §2.1 labels (at most 253 characters, labels of
 * 1-63 letters, digits and inner hyphens). Returns it without IPv6 brackets.
 */
export function checkHost(text: string): string {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv6(bare)) return bare;
  if (bare !== text) invalid(`${JSON.stringify(text)} is not an IPv6 address`);
  if (isIPv4(text)) return text;
  if (text.length === 0) invalid('a host name must not be empty');
  if (text.length > 253) invalid('a host name must not be longer than 253 characters');
  for (const label of text.split('.')) {
    if (!LABEL.test(label)) invalid(`${JSON.stringify(text)} is not a valid host name`);
  }
  return text;
}

/** Writes a host for use before `:port`: IPv6 addresses in brackets (RFC 3986 §3.2.2). */
export function formatHost(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

/** A host name or IP address, stored without IPv6 brackets. */
export const Hostname: Datatype<string> = {
  name: 'Hostname',
  validate: (value) => checkHost(requireString(value, 'a host name')),
  fromString: (text) => checkHost(text.trim()),
  toJSON: (value) => value,
  format: (value) => value,
};
