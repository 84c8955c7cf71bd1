/** The Replaces header field value (RFC 3891 §6.1). */
import { Params } from '../../uri/params.js';
import { Scanner } from './scanner.js';
import { scanCallId } from './scalars.js';

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
  const callId = scanCallId(s);
  const params = s.params();
  s.end();
  const toTag = params.get('to-tag');
  const fromTag = params.get('from-tag');
  if (typeof toTag !== 'string' || typeof fromTag !== 'string') s.fail('to-tag and from-tag are required', 0);
  return { callId, toTag, fromTag, earlyOnly: params.has('early-only'), params };
}

