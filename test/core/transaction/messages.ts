/** Test messages for transaction and dialog tests, built as text and parsed by the real parser. */
import { createResponse, parseMessage, SIPRequest, type SIPResponse } from '../../../src/core/message/index.js';

/** Fields of {@link makeRequest}. */
export interface RequestFields {
  uri?: string;
  /** The whole top Via value; overrides `branch`. */
  via?: string;
  branch?: string;
  callId?: string;
  from?: string;
  fromTag?: string;
  to?: string;
  toTag?: string;
  cseq?: number;
  cseqMethod?: string;
  contact?: string;
  extra?: string[];
}

/** A request as a UA would send it, parsed from text. */
export function makeRequest(method: string, fields: RequestFields = {}): SIPRequest {
  const via = fields.via ?? `SIP/2.0/UDP 192.0.2.1:5060;branch=${fields.branch ?? 'z9hG4bK-test-1'}`;
  const toTag = fields.toTag === undefined ? '' : `;tag=${fields.toTag}`;
  const lines = [
    `${method} ${fields.uri ?? 'sip:bob@example.com'} SIP/2.0`,
    `Via: ${via}`,
    'Max-Forwards: 70',
    `From: ${fields.from ?? '<sip:alice@example.com>'};tag=${fields.fromTag ?? 'alice-tag'}`,
    `To: ${fields.to ?? '<sip:bob@example.com>'}${toTag}`,
    `Call-ID: ${fields.callId ?? 'call-1@example.com'}`,
    `CSeq: ${fields.cseq ?? 1} ${fields.cseqMethod ?? method}`,
  ];
  if (fields.contact !== undefined) lines.push(`Contact: ${fields.contact}`);
  for (const header of fields.extra ?? []) lines.push(header);
  lines.push('Content-Length: 0', '', '');
  const message = parseMessage(lines.join('\r\n'));
  if (!(message instanceof SIPRequest)) throw new Error('not a request');
  return message;
}

/** Fields of {@link makeResponse}. */
export interface ResponseFields {
  toTag?: string;
  contact?: string;
  recordRoute?: string[];
  reason?: string;
}

/** A response to `request` (§8.2.6), serialized and parsed back as a peer's response would be. */
export function makeResponse(request: SIPRequest, status: number, fields: ResponseFields = {}): SIPResponse {
  const response = createResponse(request, status, fields.reason, fields.toTag === undefined ? {} : { toTag: fields.toTag });
  for (const rr of fields.recordRoute ?? []) response.addHeader('Record-Route', rr);
  if (fields.contact !== undefined) response.addHeader('Contact', fields.contact);
  return parseMessage(response.toBuffer()) as SIPResponse;
}
