/**
 * Finds the Content-Length of a message head at the byte level, for stream framing
 * (RFC 3261 §18.3, §7.3.1, §20.14): the header name is matched case-insensitively in
 * its long form or compact form `l`, with optional whitespace before the colon and
 * linear whitespace (including folded lines) around the value. No string conversion.
 */

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');

/** The outcome of {@link scanContentLength}. */
export type ContentLengthScan =
  | { kind: 'found'; value: number }
  | { kind: 'missing' }
  /** `offset` is where the offending header line starts. */
  | { kind: 'invalid'; offset: number }
  | { kind: 'too-large'; offset: number };

function isWsp(byte: number | undefined): boolean {
  return byte === SP || byte === HT;
}

/** Lower-cases an ASCII letter byte; other bytes are returned unchanged. */
function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/** Returns the offset just past the header name when the line names Content-Length, else -1. */
function matchName(buf: Buffer, start: number, end: number): number {
  let pos = start;
  if (end - start >= CONTENT_LENGTH.length) {
    let i = 0;
    while (i < CONTENT_LENGTH.length && lower(buf[start + i]!) === CONTENT_LENGTH[i]) i++;
    if (i === CONTENT_LENGTH.length) pos = start + i;
  }
  if (pos === start) {
    if (lower(buf[start]!) !== 0x6c) return -1; // compact form "l"
    pos = start + 1;
  }
  while (pos < end && isWsp(buf[pos])) pos++;
  return pos < end && buf[pos] === COLON ? pos + 1 : -1;
}

/** Skips linear whitespace, folded line breaks included. */
function skipLws(buf: Buffer, pos: number, end: number): number {
  while (pos < end) {
    const byte = buf[pos];
    if (byte !== SP && byte !== HT && byte !== CR && byte !== LF) break;
    pos++;
  }
  return pos;
}

/**
 * Reads the Content-Length value of one logical header line `[start, end)` whose name
 * was matched; `valueStart` is just past the colon. Returns the value, -1 if the value
 * is malformed, or -2 if it exceeds `maxValue`.
 */
function readValue(buf: Buffer, valueStart: number, end: number, maxValue: number): number {
  let pos = skipLws(buf, valueStart, end);
  const digitsStart = pos;
  let value = 0;
  let tooLarge = false;
  while (pos < end && buf[pos]! >= ZERO && buf[pos]! <= NINE) {
    if (!tooLarge) {
      value = value * 10 + (buf[pos]! - ZERO);
      if (value > maxValue) tooLarge = true;
    }
    pos++;
  }
  if (pos === digitsStart) return -1;
  if (skipLws(buf, pos, end) !== end) return -1;
  return tooLarge ? -2 : value;
}

/**
 * Scans the message head `buf[start, end)` (start line, headers, and the CRLF that ends
 * the last header; the empty line excluded) for Content-Length headers. Several headers
 * with one value are accepted; different values are `invalid`. Values above `maxValue`
 * are `too-large`.
 */
export function scanContentLength(buf: Buffer, start: number, end: number, maxValue: number): ContentLengthScan {
  const startLineEnd = buf.indexOf(CRLF, start);
  if (startLineEnd < 0 || startLineEnd >= end) return { kind: 'missing' };
  let found = -1;
  let lineStart = startLineEnd + 2;
  while (lineStart < end) {
    // A logical header line ends at a CRLF that is not followed by whitespace (RFC 3261 §7.3.1).
    let lineEnd = buf.indexOf(CRLF, lineStart);
    while (lineEnd >= 0 && lineEnd + 2 < end && isWsp(buf[lineEnd + 2])) {
      lineEnd = buf.indexOf(CRLF, lineEnd + 2);
    }
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    const valueStart = matchName(buf, lineStart, lineEnd);
    if (valueStart >= 0) {
      const value = readValue(buf, valueStart, lineEnd, maxValue);
      if (value === -1) return { kind: 'invalid', offset: lineStart };
      if (value === -2) return { kind: 'too-large', offset: lineStart };
      if (found >= 0 && found !== value) return { kind: 'invalid', offset: lineStart };
      found = value;
    }
    lineStart = lineEnd + 2;
  }
  return found >= 0 ? { kind: 'found', value: found } : { kind: 'missing' };
}
