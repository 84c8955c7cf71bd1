/** The Retry-After header field value (RFC 3261 §20.33). */
import { Params } from '../../uri/params.js';
import { Scanner } from './scanner.js';
import { MAX_32 } from './scalars.js';

/** A Retry-After value: seconds, an optional comment and params (`duration`). */
export interface RetryAfter {
  seconds: number;
  comment?: string;
  params: Params;
  duration?: number;
}

/** Parses a Retry-After value. */
export function parseRetryAfter(text: string): RetryAfter {
  const s = new Scanner(text, 'Retry-After');
  s.skipWS();
  const seconds = s.number('delta-seconds', MAX_32);
  s.skipWS();
  let comment: string | undefined;
  if (s.peek() === 0x28) {
    let depth = 0;
    const start = s.pos;
    do {
      const c = s.peek();
      if (c === -1) s.fail('unterminated comment', start);
      if (c === 0x5c) s.pos++;
      else if (c === 0x28) depth++;
      else if (c === 0x29) depth--;
      s.pos++;
    } while (depth > 0);
    comment = text.slice(start + 1, s.pos - 1);
  }
  const params = s.params();
  s.end();
  const result: RetryAfter = { seconds, params };
  if (comment !== undefined) result.comment = comment;
  const duration = params.get('duration');
  if (duration !== undefined) {
    if (duration === null || !/^[0-9]+$/.test(duration) || Number(duration) > MAX_32) s.fail('bad duration', 0);
    result.duration = Number(duration);
  }
  return result;
}

