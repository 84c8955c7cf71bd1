/**
 * The header fields shared by the two requests that reuse the branch of an earlier
 * request: the ACK for a non-2xx final response (RFC 3261 §17.1.1.3) and the CANCEL
 * (RFC 3261 §9.1).
 */
import type { SIPRequest } from '../message/index.js';

/**
 * Headers of a `method` request on the branch of `request`: only its top Via (same
 * branch), its Route headers, Max-Forwards 70, its From, the given To, its Call-ID, and
 * its CSeq number with `method`.
 */
export function sameBranchHeaders(request: SIPRequest, method: string, to: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [['Via', request.getHeaders('Via')[0] ?? '']];
  for (const route of request.getHeaders('Route')) headers.push(['Route', route]);
  headers.push(
    ['Max-Forwards', '70'],
    ['From', request.getHeader('From') ?? ''],
    ['To', to],
    ['Call-ID', request.callId],
    ['CSeq', `${request.cseq.seq} ${method}`],
  );
  return headers;
}
