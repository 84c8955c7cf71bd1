/** The Reason header field value (RFC 3326 §2). */
import { Params } from '../../uri/params.js';
import { Scanner, unquote } from './scanner.js';

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

