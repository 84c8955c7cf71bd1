/**
 * MESSAGE between Bonjour neighbours (RFC 3428), with no server: requests go straight
 * to the neighbour's contact (RFC 3263 is not needed: the contact holds an address,
 * port and transport), and MESSAGE requests for the account's contact user are
 * answered here: 415 with Accept for a body type it does not take (RFC 3428 §7), else
 * 200 and `SIPAccountGotMessage`.
 */
import { isIP } from 'node:net';
import {
  answerMessage,
  SIPURI,
  type Engine,
  type SIPRequest,
  type ServerTransaction,
} from '../../core/index.js';
import { Route } from '../../lookup/index.js';
import { BonjourError } from './errors.js';
import type { BonjourNeighbour } from './neighbour.js';

/** The body types a Bonjour account takes in MESSAGE requests. */
export const BONJOUR_MESSAGE_ACCEPT: readonly string[] = ['text/plain', 'text/html', 'message/cpim', 'application/im-iscomposing+xml'];

/** Whom a request goes to: a neighbour, or a contact URI. */
export type BonjourTarget = BonjourNeighbour | SIPURI | string;

/** The contact URI of a target; throws {@link BonjourError} `argument` for text that is not a SIP URI. */
export function targetURI(target: BonjourTarget): SIPURI {
  if (target instanceof SIPURI) return target;
  if (typeof target !== 'string') return target.uri;
  try {
    return SIPURI.parse(target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target);
  } catch (error) {
    throw new BonjourError('argument', `${JSON.stringify(target)} is not a SIP URI`, { cause: error });
  }
}

/** The transport of a contact URI: its `transport` parameter, TLS for SIPS, else UDP (RFC 3261 §18.1.1). */
export function contactTransport(uri: SIPURI): string {
  return (uri.transport ?? (uri.scheme === 'sips' ? 'tls' : 'udp')).toLowerCase();
}

/** The route straight to a contact URI; throws {@link BonjourError} `argument` unless its host is an IP address, as Bonjour contacts are. */
export function directRoute(uri: SIPURI): Route {
  const host = uri.host.startsWith('[') ? uri.host.slice(1, -1) : uri.host;
  if (isIP(host) === 0) throw new BonjourError('argument', `the contact ${uri.toString()} has no IP address (Bonjour contacts carry one)`);
  try {
    return new Route(host, uri.port, contactTransport(uri));
  } catch (error) {
    throw new BonjourError('argument', `no route to the contact ${uri.toString()}: ${(error as Error).message}`, { cause: error });
  }
}

/** What the incoming side reports. */
export type IncomingMessageReceiver = (request: SIPRequest, contentType: string) => void;

/**
 * Claims out-of-dialog MESSAGE requests whose Request-URI user is `username`; answers
 * them and hands accepted ones to `receive`. Returns the remover of the handler.
 */
export function serveMessages(engine: Engine, username: () => string, receive: IncomingMessageReceiver): () => void {
  const handle = (request: SIPRequest, transaction: ServerTransaction): boolean => {
    const uri = request.uri;
    if (request.to.tag !== undefined || uri.kind !== 'sip' || uri.user !== username()) return false;
    const contentType = answerMessage(engine, request, transaction, BONJOUR_MESSAGE_ACCEPT);
    if (contentType !== undefined) receive(request, contentType);
    return true;
  };
  return engine.addRequestHandler('MESSAGE', handle, { accept: [...BONJOUR_MESSAGE_ACCEPT] });
}
