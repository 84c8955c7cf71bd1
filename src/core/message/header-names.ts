/**
 * Header field names: case-insensitive matching, compact forms (RFC 3261 §7.3.3,
 * RFC 3265 §7.2, RFC 3515, RFC 3892, RFC 4028, RFC 3841) and which header fields
 * are comma-separated lists (RFC 3261 §7.3.1).
 */

/** Compact form letter to the lower-case full header name. */
const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/**
 * The key under which a header field is stored and looked up: the full name in
 * lower case, with compact forms expanded.
 */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  return lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
}

/** Header fields whose value is a comma-separated list of elements (RFC 3261 §7.3.1). */
const LIST_HEADERS = new Set([
  'accept',
  'accept-contact',
  'accept-encoding',
  'accept-language',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'history-info',
  'in-reply-to',
  'p-asserted-identity',
  'p-associated-uri',
  'p-preferred-identity',
  'path',
  'proxy-require',
  'reason',
  'record-route',
  'reject-contact',
  'request-disposition',
  'require',
  'route',
  'security-client',
  'security-server',
  'security-verify',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

/** Header fields holding challenges or credentials, separated by commas (RFC 3261 §20.7, §20.27, §20.28, §20.44). */
const AUTH_HEADERS = new Set(['www-authenticate', 'proxy-authenticate', 'authorization', 'proxy-authorization']);

/** Whether the header field with this key is a comma-separated list. */
export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key);
}

/** Whether the header field with this key holds challenges or credentials. */
export function isAuthHeader(key: string): boolean {
  return AUTH_HEADERS.has(key);
}

/** A header field name as commonly spelled, with its key; shared by every parsed message. */
export interface KnownName {
  readonly name: string;
  readonly key: string;
}

const COMMON_SPELLINGS = [
  'Via', 'From', 'To', 'Call-ID', 'Call-Id', 'CSeq', 'Contact', 'Max-Forwards', 'Content-Type', 'Content-Length',
  'Route', 'Record-Route', 'User-Agent', 'Server', 'Allow', 'Supported', 'Require', 'Expires', 'Min-Expires',
  'Event', 'Allow-Events', 'Subscription-State', 'Authorization', 'WWW-Authenticate', 'Proxy-Authenticate',
  'Proxy-Authorization', 'Accept', 'Date', 'SIP-ETag', 'SIP-If-Match', 'Session-Expires', 'Timestamp', 'Path',
  'Service-Route', 'Refer-To', 'Referred-By', 'Replaces', 'Reason', 'Warning', 'Retry-After', 'Subject',
  'Organization', 'Unsupported', 'Proxy-Require', 'Accept-Encoding', 'Accept-Language', 'Content-Encoding',
  'Content-Disposition', 'Privacy', 'P-Asserted-Identity', 'P-Preferred-Identity',
  ...Object.keys(COMPACT),
];

/**
 * `key` as an internalized string (property names are), so that comparing a
 * parsed field's key with a key literal is a pointer comparison.
 */
function interned(key: string): string {
  return Object.keys({ [key]: 0 })[0]!;
}

/** Longest common spelling matched by {@link knownName}. */
const MAX_KNOWN = 31;

/**
 * Common spellings bucketed by length and first character (index
 * `length << 7 | first`), to be matched in place without slicing.
 */
const KNOWN: Array<KnownName[] | undefined> = new Array((MAX_KNOWN + 1) << 7).fill(undefined);
for (const name of COMMON_SPELLINGS) {
  const bucket = (name.length << 7) | name.charCodeAt(0);
  (KNOWN[bucket] ??= []).push({ name, key: interned(headerKey(name)) });
}

/**
 * The shared {@link KnownName} when `text` holds exactly a common spelling
 * between `start` and `end`, so that the parser allocates no strings for it.
 */
export function knownName(text: string, start: number, end: number): KnownName | undefined {
  const length = end - start;
  const first = text.charCodeAt(start);
  if (length > MAX_KNOWN || first >= 128) return undefined;
  const bucket = KNOWN[(length << 7) | first];
  if (bucket === undefined) return undefined;
  for (let b = 0; b < bucket.length; b++) {
    const known = bucket[b]!;
    const name = known.name;
    let i = 1;
    while (i < length && text.charCodeAt(start + i) === name.charCodeAt(i)) i++;
    if (i === length) return known;
  }
  return undefined;
}
