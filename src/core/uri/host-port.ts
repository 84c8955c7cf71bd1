/** `hostport` of RFC 3261 §25.1: host name, IPv4 address or IPv6 reference, then an optional port. */
import { ParserError } from '../../errors.js';
import { HOST_CHAR, IPV6_CHAR } from './char-class.js';

function fail(what: string, text: string, offset: number, element: string): never {
  throw new ParserError(`${element}: ${what} at offset ${offset} in "${text}"`, { offset, element });
}

/**
 * Parses `host [":" port]` starting at `start`; returns the host, port and the index after them.
 * Shared by SIP URIs and Via sent-by; `element` names the input in errors.
 */
export function parseHostPort(
  text: string,
  start: number,
  end: number,
  element: string,
): { host: string; port: number | undefined; next: number } {
  let i = start;
  if (text.charCodeAt(i) === 0x5b) {
    const close = text.indexOf(']', i);
    if (close < 0 || close >= end) fail('unterminated IPv6 reference', text, i, element);
    for (let j = i + 1; j < close; j++) {
      const c = text.charCodeAt(j);
      if (c >= 128 || IPV6_CHAR[c] !== 1) fail('bad character in IPv6 reference', text, j, element);
    }
    if (close === i + 1 || text.indexOf(':', i) > close) fail('malformed IPv6 reference', text, i, element);
    i = close + 1;
  } else {
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c >= 128 || HOST_CHAR[c] !== 1) break;
      i++;
    }
    if (i === start) fail('missing host', text, start, element);
    const last = text.charCodeAt(i - 1);
    if (text.charCodeAt(start) === 0x2d || text.charCodeAt(start) === 0x2e || last === 0x2d) {
      fail('malformed host name', text, start, element);
    }
  }
  const host = text.slice(start, i);
  let port: number | undefined;
  if (i < end && text.charCodeAt(i) === 0x3a) {
    const portStart = ++i;
    let value = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      i++;
    }
    if (i === portStart) fail('missing port number', text, portStart, element);
    if (value > 65535) fail('port number out of range', text, portStart, element);
    port = value;
  }
  return { host, port, next: i };
}

