/**
 * Building a request outside a dialog (RFC 3261 §8.1.1): Request-URI, To, From with a
 * new tag, Call-ID, CSeq, Max-Forwards, Route (a pre-loaded route set, §8.1.2),
 * Contact, further header fields and the body with its Content-Type.
 */
import { generateCallId, generateTag, SIPRequest, type NameAddress } from '../message/index.js';
import type { URI } from '../uri/index.js';

/** The parts of a request outside a dialog. */
export interface OutOfDialogRequest {
  method: string;
  requestUri: URI | string;
  from: NameAddress;
  to: NameAddress;
  callId: string;
  cseq: number;
  /** Route header values, in order (an outbound proxy `<sip:proxy;lr>`, a Service-Route, RFC 3608 §6). */
  routeSet?: readonly string[];
  /** Contact header values. */
  contacts?: readonly string[];
  /** Further header fields, added after the others. */
  extraHeaders?: Iterable<readonly [string, string]>;
  contentType?: string;
  body?: Buffer | string;
}

/** A new Call-ID (RFC 3261 §8.1.1.4). */
export function newCallId(): string {
  return generateCallId();
}

/** A first CSeq number: small and random, below 2^31 (RFC 3261 §8.1.1.5). */
export function initialCSeq(): number {
  return 1 + Math.floor(Math.random() * 0x7fff);
}

/** `from` with a tag: its own if it has one, else a new one (RFC 3261 §8.1.1.3). */
export function withFromTag(from: NameAddress): NameAddress {
  if (from.tag === undefined) from.tag = generateTag();
  return from;
}

/** Builds the request; the From must carry its tag already (see {@link withFromTag}). */
export function buildRequest(parts: OutOfDialogRequest): SIPRequest {
  const headers: Array<[string, string]> = [];
  for (const route of parts.routeSet ?? []) headers.push(['Route', route]);
  headers.push(
    ['Max-Forwards', '70'],
    ['From', parts.from.toString()],
    ['To', parts.to.toString()],
    ['Call-ID', parts.callId],
    ['CSeq', `${parts.cseq} ${parts.method}`],
  );
  for (const contact of parts.contacts ?? []) headers.push(['Contact', contact]);
  for (const [name, value] of parts.extraHeaders ?? []) headers.push([name, value]);
  if (parts.body !== undefined && parts.contentType !== undefined) headers.push(['Content-Type', parts.contentType]);
  return new SIPRequest(parts.method, parts.requestUri, headers, parts.body);
}
