/** The Warning header field value (RFC 3261 §20.43). */
import { Scanner } from './scanner.js';

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
