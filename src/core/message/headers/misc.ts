/**
 * Retry-After (RFC 3261 §20.33), Reason (RFC 3326 §2), Replaces (RFC 3891 §6.1)
 * and Warning (RFC 3261 §20.43) values.
 */
import { Params } from '../../uri/params.js';
import { WORD } from '../../uri/char-class.js';
import { Scanner, unquote } from './scanner.js';
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

/** One Reason value: protocol (`SIP`, `Q.850`), `cause` and `text`. */
export interface Reason {
  protocol: string;
  cause?: number;
  text?: string;
  params: Params;
}

/** Parses one Reason element. */
export function parseReason(text: string): Reason {
  const s = new Scanner(text, 'Reason');
  s.skipWS();
  const protocol = s.token('reason protocol');
  const params = s.params();
  s.end();
  const result: Reason = { protocol, params };
  const cause = params.get('cause');
  if (cause !== undefined) {
    if (cause === null || !/^[0-9]{1,9}$/.test(cause)) s.fail('bad cause', 0);
    result.cause = Number(cause);
  }
  const reasonText = params.get('text');
  if (typeof reasonText === 'string') result.text = unquote(reasonText);
  return result;
}

/** A Replaces value (RFC 3891 §6.1). */
export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
  params: Params;
}

/** Parses a Replaces value; `to-tag` and `from-tag` are required. */
export function parseReplaces(text: string): Replaces {
  const s: Scanner = new Scanner(text, 'Replaces');
  s.skipWS();
  const start = s.pos;
  s.token('Call-ID', WORD);
  if (s.peek() === 0x40) {
    s.pos++;
    s.token('Call-ID host', WORD);
  }
  const callId = text.slice(start, s.pos);
  const params = s.params();
  s.end();
  const toTag = params.get('to-tag');
  const fromTag = params.get('from-tag');
  if (typeof toTag !== 'string' || typeof fromTag !== 'string') s.fail('to-tag and from-tag are required', 0);
  return { callId, toTag, fromTag, earlyOnly: params.has('early-only'), params };
}

/** One Warning value: 3-digit code, agent and text. */
export interface Warning {
  code: number;
  agent: string;
  text: string;
}

/** Parses one Warning element (`warn-code SP warn-agent SP warn-text`). */
export function parseWarning(value: string): Warning {
  const s = new Scanner(value, 'Warning');
  s.skipWS();
  const start = s.pos;
  const code = s.number('warn-code', 999);
  if (s.pos - start !== 3) s.fail('warn-code must have three digits', start);
  if (!s.skipWS()) s.fail('expected whitespace after warn-code');
  const agentStart = s.pos;
  while (!s.done && s.peek() !== 0x20 && s.peek() !== 0x09) s.pos++;
  const agent = value.slice(agentStart, s.pos);
  if (agent === '') s.fail('expected warn-agent');
  if (!s.skipWS()) s.fail('expected whitespace after warn-agent');
  const text = s.quoted();
  s.end();
  return { code, agent, text };
}
