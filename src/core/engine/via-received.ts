/**
 * Server transport Via processing (RFC 3261 §18.2.1, RFC 3581 §4): the top Via of a
 * received request gets `received` when its sent-by host is not the packet's source
 * address, and `rport` is filled with the source port when the client asked for it
 * (then `received` is always added). The header field is rewritten so that the
 * responses, which copy the Via fields, carry both.
 */
import type { SIPRequest, Via } from '../message/index.js';
import type { Flow } from '../transport/index.js';

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Fills `received` and `rport` in the top Via of `request` from `flow`; returns the updated Via. */
export function stampTopVia(request: SIPRequest, flow: Flow): Via | undefined {
  const vias = request.via;
  const top = vias[0];
  if (top === undefined) return undefined;
  const source = flow.remote;
  const wantsRport = top.rport !== undefined;
  const sameHost = bare(top.host).toLowerCase() === source.host.toLowerCase();
  if (sameHost && !wantsRport) return top;
  if (!sameHost || wantsRport) top.received = source.host;
  if (wantsRport) top.rport = source.port;
  const values = request.getHeaders('Via');
  values[0] = top.toString();
  request.setHeader('Via', values);
  return request.via[0];
}
