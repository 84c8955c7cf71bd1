/**
 * Checks a UAS makes on a received request before processing it (RFC 3261 §8.2,
 * §16.3 syntax checks; RFC 4475 §3.1.2, §3.3), and the checks that make a UAC
 * discard a malformed response (RFC 3261 §8.1.3.1, RFC 4475 §3.1.2.5).
 */
import { ParserError } from '../../errors.js';
import type { SIPMessage } from './sip-message.js';
import type { SIPRequest } from './sip-request.js';
import type { SIPResponse } from './sip-response.js';

/** The error response a UAS must send instead of processing the request. */
export interface RequestFault {
  status: number;
  /** A reason phrase naming the fault. */
  reason: string;
  /** For 420: the option tags to list in Unsupported. */
  unsupported?: string[];
}

/** What the UAS supports; a check is skipped when its option is not given. */
export interface ValidateRequestOptions {
  /** Request-URI schemes served (default `sip`, `sips`, `tel`); others get 416. */
  uriSchemes?: readonly string[];
  /** Option tags supported; Require tags outside it get 420 (§8.2.2.3). */
  supportedExtensions?: readonly string[];
  /** Body media types understood (`type/subtype`); other bodies get 415 (§8.2.3). */
  acceptedContentTypes?: readonly string[];
}

/** Header fields that may appear at most once (RFC 3261 §7.3.1, Table 2). */
const SINGLE = [
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
  ['from', 'From'],
  ['to', 'To'],
  ['max-forwards', 'Max-Forwards'],
  ['content-length', 'Content-Length'],
  ['content-type', 'Content-Type'],
  ['expires', 'Expires'],
] as const;

/** Header fields every request carries (RFC 3261 §8.1.1); Max-Forwards is left out for RFC 2543 peers (RFC 4475 §3.4.1). */
const REQUIRED = [
  ['to', 'To'],
  ['from', 'From'],
  ['call-id', 'Call-ID'],
  ['cseq', 'CSeq'],
  ['via', 'Via'],
] as const;

/** Typed getters checked for syntax, in the order faults are reported. */
const SYNTAX: Array<[keyof SIPMessage, string]> = [
  ['cseq', 'CSeq'],
  ['callId', 'Call-ID'],
  ['from', 'From'],
  ['to', 'To'],
  ['via', 'Via'],
  ['maxForwards', 'Max-Forwards'],
  ['contentLength', 'Content-Length'],
  ['contentType', 'Content-Type'],
  ['contact', 'Contact'],
  ['expires', 'Expires'],
  ['route', 'Route'],
  ['recordRoute', 'Record-Route'],
  ['require', 'Require'],
  ['event', 'Event'],
  ['subscriptionState', 'Subscription-State'],
  ['referTo', 'Refer-To'],
  ['replaces', 'Replaces'],
];

const RFC1123_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$/;

function bad(reason: string): RequestFault {
  return { status: 400, reason };
}

/** Faults common to requests and responses, as a phrase; `undefined` when none. */
function messageFault(message: SIPMessage): string | undefined {
  for (const [key, name] of REQUIRED) if (!message.hasHeader(key)) return `Missing Required Header Field ${name}`;
  for (const [key, name] of SINGLE) {
    if (message.getHeaders(key).length > 1) return `Multiple Values in Single-Value Header Field ${name}`;
  }
  for (const [getter, name] of SYNTAX) {
    try {
      void message[getter];
    } catch (error) {
      if (error instanceof ParserError) return `Malformed ${name} Header Field`;
      throw error;
    }
  }
  const date = message.getHeader('date');
  if (date !== undefined && !RFC1123_DATE.test(date)) return 'Malformed Date Header Field';
  const length = message.contentLength;
  if (length !== undefined && length > message.body.length) return 'Content-Length Larger Than Message';
  return undefined;
}

/**
 * The error response a UAS must send for `request`, or `undefined` when it may
 * be processed: 505 for another SIP version, 400 with a Reason phrase naming the
 * fault for bad syntax, missing or repeated header fields, a CSeq method that is
 * not the request's, or a Content-Length beyond the datagram; 416 for an
 * unsupported Request-URI scheme; 420 and 415 when the options say what is
 * supported. A UAS answers Max-Forwards 0 normally (RFC 4475 §3.3.11), so no
 * 483 is returned here: that check belongs to proxies.
 */
export function validateRequest(request: SIPRequest, options: ValidateRequestOptions = {}): RequestFault | undefined {
  if (request.version.toUpperCase() !== 'SIP/2.0') return { status: 505, reason: 'Version Not Supported' };
  const line = request.rawStartLine;
  if (line !== undefined && line !== `${request.method} ${request.uriText} ${request.version}`) {
    return bad(/[ \t]$/.test(line) ? 'Malformed Request-Line (trailing whitespace)' : 'Malformed Request-Line (extra whitespace)');
  }
  let uri;
  try {
    uri = request.uri;
  } catch (error) {
    if (error instanceof ParserError) return bad('Malformed Request-URI');
    throw error;
  }
  if (uri.kind === 'sip' && uri.headers.size > 0) return bad('Headers Not Allowed in Request-URI');
  const fault = messageFault(request);
  if (fault !== undefined) return bad(fault);
  if (request.cseq.method !== request.method) return bad('CSeq Method Does Not Match Request Method');
  const schemes = options.uriSchemes ?? ['sip', 'sips', 'tel'];
  if (!schemes.includes(uri.scheme)) return { status: 416, reason: 'Unsupported URI Scheme' };
  if (options.supportedExtensions && request.method !== 'ACK' && request.method !== 'CANCEL') {
    const unsupported = request.require.filter((tag) => !options.supportedExtensions!.includes(tag));
    if (unsupported.length > 0) return { status: 420, reason: 'Bad Extension', unsupported };
  }
  const type = request.contentType;
  if (options.acceptedContentTypes && type !== undefined && request.body.length > 0) {
    if (!options.acceptedContentTypes.includes(type.essence)) return { status: 415, reason: 'Unsupported Media Type' };
  }
  return undefined;
}

/**
 * Why a received response must be discarded (RFC 3261 §8.1.3.1: malformed
 * responses are dropped), or `undefined` when it is well formed.
 */
export function validateResponse(response: SIPResponse): string | undefined {
  if (response.version.toUpperCase() !== 'SIP/2.0') return 'SIP Version Not Supported';
  const fault = messageFault(response);
  if (fault !== undefined) return fault;
  for (const [getter, name] of [
    ['warning', 'Warning'],
    ['retryAfter', 'Retry-After'],
    ['minExpires', 'Min-Expires'],
    ['wwwAuthenticate', 'WWW-Authenticate'],
    ['proxyAuthenticate', 'Proxy-Authenticate'],
  ] as Array<[keyof SIPResponse, string]>) {
    try {
      void response[getter];
    } catch (error) {
      if (error instanceof ParserError) return `Malformed ${name} Header Field`;
      throw error;
    }
  }
  return undefined;
}
