/** Construction of CANCEL requests (RFC 3261 §9.1). */
import { SIPRequest } from '../message/index.js';
import { sameBranchHeaders } from './same-branch-headers.js';

/** Options of {@link createCancel}. */
export interface CancelOptions {
  /** A Reason header value (RFC 3326), e.g. `SIP;cause=200;text="Call completed elsewhere"`. */
  reason?: string;
}

/**
 * Builds the CANCEL for `request` (RFC 3261 §9.1): the same Request-URI, Call-ID,
 * To, From and CSeq number (method CANCEL), a single Via equal to the request's top
 * Via (so the CANCEL matches the same server transaction), and the same Route headers.
 * The TU sends it only once a provisional response arrived, on a new client
 * transaction to the same target as the request.
 */
export function createCancel(request: SIPRequest, options: CancelOptions = {}): SIPRequest {
  const headers = sameBranchHeaders(request, 'CANCEL', request.getHeader('To') ?? '');
  if (options.reason !== undefined) headers.push(['Reason', options.reason]);
  return new SIPRequest('CANCEL', request.uri, headers);
}
