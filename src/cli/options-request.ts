import { SIPRequest, generateCallId, generateTag } from '../core/index.js';

/** An out-of-dialog OPTIONS request (RFC 3261 §11.1) to `target`, from `from`. */
export function createOptionsRequest(target: string, from = 'sip:sipsimple@localhost'): SIPRequest {
  return new SIPRequest('OPTIONS', target, [
    ['From', `<${from}>;tag=${generateTag()}`],
    ['To', `<${target}>`],
    ['Call-ID', generateCallId()],
    ['CSeq', '1 OPTIONS'],
    ['Accept', 'application/sdp'],
  ]);
}
