/** Building a response to a request (RFC 3261 §8.2.6). */
import type { SIPRequest } from './sip-request.js';
import { SIPResponse } from './sip-response.js';
import { reasonPhrase } from './reason-phrases.js';
import { NameAddress } from './headers/name-address.js';

/** Options of {@link createResponse}. */
export interface CreateResponseOptions {
  /** A To tag to add when the request's To has none (§8.2.6.2). */
  toTag?: string;
}

/**
 * A response to `request` (RFC 3261 §8.2.6.2): Via fields copied in order, From,
 * Call-ID and CSeq copied, To copied with the tag added when given and absent;
 * 100 Trying also copies Timestamp (§8.2.6.1).
 */
export function createResponse(
  request: SIPRequest,
  status: number,
  reason: string = reasonPhrase(status),
  options: CreateResponseOptions = {},
): SIPResponse {
  const response = new SIPResponse(status, reason);
  for (const f of request.headerFields) {
    if (f.key === 'via' || f.key === 'from' || f.key === 'call-id' || f.key === 'cseq') {
      response.addHeader(f.name, f.value);
    } else if (f.key === 'to') {
      let value = f.value;
      if (options.toTag !== undefined && !hasTag(value)) value = value + ';tag=' + options.toTag;
      response.addHeader(f.name, value);
    } else if (f.key === 'timestamp' && status === 100) {
      response.addHeader(f.name, f.value);
    }
  }
  return response;
}

/** Whether a To value has a tag; a malformed To (answered with 400) is copied untouched. */
function hasTag(value: string): boolean {
  try {
    return NameAddress.parse(value, 'To').tag !== undefined;
  } catch {
    return true;
  }
}
