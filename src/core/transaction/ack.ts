/** The ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3). */
import { SIPRequest, type SIPResponse } from '../message/index.js';
import { sameBranchHeaders } from './same-branch-headers.js';

/**
 * Builds the ACK for a 300-699 response to `invite` (RFC 3261 §17.1.1.3): same
 * Request-URI, Call-ID, From and CSeq number as the INVITE, To from the response
 * (with its tag), only the INVITE's top Via (same branch), and its Route headers.
 */
export function createNon2xxAck(invite: SIPRequest, response: SIPResponse): SIPRequest {
  return new SIPRequest('ACK', invite.uri, sameBranchHeaders(invite, 'ACK', response.getHeader('To') ?? ''));
}
