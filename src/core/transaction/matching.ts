/**
 * Transaction matching keys (RFC 3261 §17.1.3, §17.2.3, §8.2.2.2, §9.2). Each is one
 * string so that matching is a single Map lookup.
 */
import { BRANCH_MAGIC_COOKIE, type SIPMessage, type SIPRequest } from '../message/index.js';

const SEP = '\n';

/** Whether `branch` was made by an RFC 3261 element: it starts with the magic cookie (§17.2.3). */
export function isRFC3261Branch(branch: string | undefined): branch is string {
  return branch !== undefined && branch.length > BRANCH_MAGIC_COOKIE.length && branch.startsWith(BRANCH_MAGIC_COOKIE);
}

/** The method a server transaction is filed under: ACK matches its INVITE (§17.2.3). */
function serverMethod(method: string): string {
  return method === 'ACK' ? 'INVITE' : method;
}

/** Client transaction key: branch of the top Via and the CSeq method (§17.1.3). */
export function clientKey(branch: string, method: string): string {
  return branch + SEP + method;
}

/** The client transaction key a response matches (§17.1.3), or `undefined` when its top Via has no branch. */
export function responseKey(response: SIPMessage): string | undefined {
  const branch = response.via[0]?.branch;
  return branch === undefined ? undefined : clientKey(branch, response.cseq.method);
}

/**
 * Server transaction key of `request` (§17.2.3). With an RFC 3261 branch: the branch,
 * the top Via sent-by, and the method (ACK taken as INVITE). Otherwise the RFC 2543
 * rules: Request-URI, To tag, From tag, Call-ID, CSeq, and the top Via.
 * `method` overrides the request's method (CANCEL matching, §9.2); `toTag` overrides
 * the To tag (ACK for a response that added a tag to an RFC 2543 INVITE).
 */
export function serverKey(request: SIPRequest, method: string = request.method, toTag?: string): string {
  const via = request.via[0];
  const branch = via?.branch;
  const m = serverMethod(method);
  if (via !== undefined && isRFC3261Branch(branch)) {
    const port = via.port === undefined ? '' : String(via.port);
    return branch + SEP + via.host.toLowerCase() + ':' + port + SEP + m;
  }
  return (
    '2543' + SEP + request.uriText + SEP + (toTag ?? request.to.tag ?? '') + SEP + (request.from.tag ?? '') + SEP +
    request.callId + SEP + request.cseq.seq + SEP + m + SEP + (request.getHeaders('Via')[0] ?? '')
  );
}

/** Whether `request` is matched by the RFC 2543 rules, i.e. its top Via lacks the magic cookie (§17.2.3). */
export function usesRFC2543Matching(request: SIPRequest): boolean {
  return !isRFC3261Branch(request.via[0]?.branch);
}

/**
 * Key of the merged-request check (§8.2.2.2): From tag, Call-ID and CSeq. Two requests
 * without To tag with this key but different transactions are the same request arrived
 * twice by different paths.
 */
export function mergedRequestKey(request: SIPRequest): string {
  return (request.from.tag ?? '') + SEP + request.callId + SEP + request.cseq.seq + SEP + request.cseq.method;
}
