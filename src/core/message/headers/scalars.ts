/**
 * Header fields with a single scalar or token-list value: CSeq, Call-ID,
 * Max-Forwards, Content-Length, Expires, Min-Expires, token lists (Supported,
 * Require, Allow, Allow-Events), SIP-ETag (RFC 3261 §20, RFC 3903 §11.3).
 */
import { WORD, regexClass } from '../../uri/char-class.js';
import { Scanner } from './scanner.js';

/** Largest delta-seconds / CSeq number accepted (RFC 3261 §8.1.1.5: 32 bits). */
export const MAX_32 = 0xffffffff;

/** The CSeq value (RFC 3261 §20.16). */
export interface CSeq {
  seq: number;
  method: string;
}

/** Parses `1*DIGIT LWS Method`; the number must fit in 32 bits. */
export function parseCSeq(text: string): CSeq {
  const s = new Scanner(text, 'CSeq');
  s.skipWS();
  const seq = s.number('sequence number', MAX_32);
  if (!s.skipWS()) s.fail('expected whitespace before method');
  const method = s.token('method');
  s.end();
  return { seq, method };
}

/** Reads a `callid` (`word ["@" word]`, RFC 3261 §25.1) at the scanner's cursor. */
export function scanCallId(s: Scanner): string {
  const start = s.pos;
  s.token('Call-ID word', WORD);
  if (s.peek() === 0x40) {
    s.pos++;
    s.token('Call-ID host word', WORD);
  }
  return s.text.slice(start, s.pos);
}

/** A whole `callid` with no surrounding whitespace, checked in one regex run (no per-character calls). */
const PLAIN_CALL_ID = new RegExp(`^${regexClass(WORD)}+(?:@${regexClass(WORD)}+)?$`);

/** Parses a Call-ID value (RFC 3261 §20.8). */
export function parseCallId(text: string): string {
  if (PLAIN_CALL_ID.test(text)) return text;
  const s = new Scanner(text, 'Call-ID');
  s.skipWS();
  const callId = scanCallId(s);
  s.end();
  return callId;
}

/** Parses a non-negative integer header value no larger than `max`. */
export function parseNumber(text: string, element: string, max: number = MAX_32): number {
  const s = new Scanner(text, element);
  s.skipWS();
  const value = s.number(element, max);
  s.end();
  return value;
}

/** Parses one token element of a token list (Supported, Require, Allow, Allow-Events, ...). */
export function parseToken(text: string, element: string): string {
  const s = new Scanner(text, element);
  s.skipWS();
  const value = s.token();
  s.end();
  return value;
}
