/**
 * How each typed header value is computed from a message's header fields
 * (RFC 3261 §20 and the extension RFCs named on each getter of SIPMessage),
 * and the cache slot it occupies.
 */
import { ParserError } from '../../errors.js';
import type { SIPMessage } from './sip-message.js';
import { parseAuthValue } from './headers/auth.js';
import { EventHeader } from './headers/event.js';
import { MediaType } from './headers/media-type.js';
import { Contact, NameAddress } from './headers/name-address.js';
import { parseReason } from './headers/reason.js';
import { parseReplaces } from './headers/replaces.js';
import { parseRetryAfter } from './headers/retry-after.js';
import { MAX_32, parseCSeq, parseCallId, parseNumber, parseToken } from './headers/scalars.js';
import { SubscriptionState } from './headers/subscription-state.js';
import { Via } from './headers/via.js';
import { parseWarning } from './headers/warning.js';

/** Computes a typed header value from a message; `slot` indexes the per-message cache. */
export interface Extract<T> {
  (message: SIPMessage): T;
  slot: number;
}

/** Cache slot of each typed header field, by header key (a key may feed several slots). */
export const SLOTS = new Map<string, number[]>();
/** Marks a cached `undefined`. */
export const NONE = Symbol('none');

function typedField<T>(key: string, compute: (message: SIPMessage) => T): Extract<T> {
  const extract = compute as Extract<T>;
  extract.slot = [...SLOTS.values()].reduce((n, slots) => n + slots.length, 0);
  SLOTS.set(key, [...(SLOTS.get(key) ?? []), extract.slot]);
  return extract;
}

/** The only value of a header field that may appear once, or `undefined`; more than one is an error. */
function singleValue(message: SIPMessage, key: string, element: string): string | undefined {
  let found: string | undefined;
  const fields = message.headerFields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.key !== key) continue;
    if (found !== undefined) throw new ParserError(`more than one ${element} header field`, { element });
    found = f.value;
  }
  return found;
}

function required<T>(key: string, element: string, parse: (value: string, element: string) => T): Extract<T> {
  return typedField(key, (message) => {
    const value = singleValue(message, key, element);
    if (value === undefined) throw new ParserError(`missing ${element} header field`, { element });
    return parse(value, element);
  });
}

function optional<T>(key: string, element: string, parse: (value: string, element: string) => T): Extract<T | undefined> {
  return typedField(key, (message) => {
    const value = singleValue(message, key, element);
    return value === undefined ? undefined : parse(value, element);
  });
}

function listOf<T>(key: string, element: string, parse: (value: string, element: string) => T): Extract<T[]> {
  return typedField(key, (message) => {
    const values = message.valuesOf(key);
    const out: T[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === '') throw new ParserError(`empty element in ${element} list`, { element });
      out[i] = parse(values[i]!, element);
    }
    return out;
  });
}

const text = (value: string): string => value;
const numberUpTo = (max: number) => (value: string, element: string) => parseNumber(value, element, max);
const VIA = listOf('via', 'Via', Via.parse);
const FROM = required('from', 'From', NameAddress.parse);
const TO = required('to', 'To', NameAddress.parse);
const CALL_ID = required('call-id', 'Call-ID', parseCallId);
const CSEQ = required('cseq', 'CSeq', parseCSeq);
const CONTACT = listOf('contact', 'Contact', Contact.parse);
const ROUTE = listOf('route', 'Route', NameAddress.parse);
const RECORD_ROUTE = listOf('record-route', 'Record-Route', NameAddress.parse);
const PATH = listOf('path', 'Path', NameAddress.parse);
const SERVICE_ROUTE = listOf('service-route', 'Service-Route', NameAddress.parse);
const MAX_FORWARDS = optional('max-forwards', 'Max-Forwards', numberUpTo(255));
const CONTENT_LENGTH = optional('content-length', 'Content-Length', numberUpTo(MAX_32));
const EXPIRES = optional('expires', 'Expires', numberUpTo(MAX_32));
const MIN_EXPIRES = optional('min-expires', 'Min-Expires', numberUpTo(MAX_32));
const CONTENT_TYPE = optional('content-type', 'Content-Type', MediaType.parse);
const EVENT = optional('event', 'Event', EventHeader.parse);
const ALLOW_EVENTS = listOf('allow-events', 'Allow-Events', parseToken);
const SUBSCRIPTION_STATE = optional('subscription-state', 'Subscription-State', SubscriptionState.parse);
const SUPPORTED = listOf('supported', 'Supported', parseToken);
const REQUIRE = listOf('require', 'Require', parseToken);
const ALLOW = listOf('allow', 'Allow', parseToken);
const ACCEPT = listOf('accept', 'Accept', MediaType.parse);
const WWW_AUTHENTICATE = listOf('www-authenticate', 'WWW-Authenticate', parseAuthValue);
const PROXY_AUTHENTICATE = listOf('proxy-authenticate', 'Proxy-Authenticate', parseAuthValue);
const AUTHORIZATION = listOf('authorization', 'Authorization', parseAuthValue);
const PROXY_AUTHORIZATION = listOf('proxy-authorization', 'Proxy-Authorization', parseAuthValue);
const SIP_ETAG = optional('sip-etag', 'SIP-ETag', parseToken);
const SIP_IF_MATCH = optional('sip-if-match', 'SIP-If-Match', parseToken);
const RETRY_AFTER = optional('retry-after', 'Retry-After', parseRetryAfter);
const REASON = listOf('reason', 'Reason', parseReason);
const REFER_TO = optional('refer-to', 'Refer-To', NameAddress.parse);
const REFERRED_BY = optional('referred-by', 'Referred-By', NameAddress.parse);
const REPLACES = optional('replaces', 'Replaces', parseReplaces);
const USER_AGENT = optional('user-agent', 'User-Agent', text);
const SERVER = optional('server', 'Server', text);
const WARNING = listOf('warning', 'Warning', parseWarning);

/** The extractor of every typed getter of SIPMessage, by header field. */
export const TYPED = {
  VIA,
  FROM,
  TO,
  CALL_ID,
  CSEQ,
  CONTACT,
  ROUTE,
  RECORD_ROUTE,
  PATH,
  SERVICE_ROUTE,
  MAX_FORWARDS,
  CONTENT_LENGTH,
  EXPIRES,
  MIN_EXPIRES,
  CONTENT_TYPE,
  EVENT,
  ALLOW_EVENTS,
  SUBSCRIPTION_STATE,
  SUPPORTED,
  REQUIRE,
  ALLOW,
  ACCEPT,
  WWW_AUTHENTICATE,
  PROXY_AUTHENTICATE,
  AUTHORIZATION,
  PROXY_AUTHORIZATION,
  SIP_ETAG,
  SIP_IF_MATCH,
  RETRY_AFTER,
  REASON,
  REFER_TO,
  REFERRED_BY,
  REPLACES,
  USER_AGENT,
  SERVER,
  WARNING,
} as const;
