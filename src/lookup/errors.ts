import { SIPSimpleError } from '../errors.js';

/**
 * Why a DNS lookup failed:
 * - `not-found`: the name does not exist (NXDOMAIN);
 * - `no-data`: the name exists but has no record of the type asked for;
 * - `timeout`: no nameserver answered within `timeout`/`lifetime`;
 * - `server-failure`: the nameserver refused or failed (SERVFAIL, REFUSED, connection refused);
 * - `bad-answer`: the answer was malformed or useless (e.g. only records for unsupported transports);
 * - `bad-input`: the caller asked for something impossible (e.g. `sips` with transport=udp);
 * - `cancelled`: the caller aborted the lookup.
 */
export type DNSLookupErrorKind =
  | 'not-found'
  | 'no-data'
  | 'timeout'
  | 'server-failure'
  | 'bad-answer'
  | 'bad-input'
  | 'cancelled';

/** A DNS lookup that found no usable result (middleware spec §21, `DNSLookupDidFail`). */
export class DNSLookupError extends SIPSimpleError {
  readonly kind: DNSLookupErrorKind;
  /** The record type of the query that failed, when one query is to blame. */
  readonly queryType: string | undefined;
  /** The name that was queried, when one query is to blame. */
  readonly queryName: string | undefined;
  /** The resolver's error code (`ENOTFOUND`, `ETIMEOUT`, ...), when there was one. */
  readonly code: string | undefined;

  constructor(
    message: string,
    kind: DNSLookupErrorKind,
    details: { queryType?: string; queryName?: string; code?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.queryType = details.queryType;
    this.queryName = details.queryName;
    this.code = details.code;
  }
}

/** Maps a resolver error code (Node's `dns` module, c-ares) to a {@link DNSLookupErrorKind}. */
export function errorKindOfCode(code: string | undefined): DNSLookupErrorKind {
  switch (code) {
    case 'ENOTFOUND':
      return 'not-found';
    case 'ENODATA':
      return 'no-data';
    case 'ETIMEOUT':
      return 'timeout';
    case 'ECANCELLED':
      return 'cancelled';
    case 'EBADRESP':
    case 'EFORMERR':
    case 'EBADNAME':
    case 'EBADQUERY':
    case 'EBADFAMILY':
      return 'bad-answer';
    default:
      return 'server-failure';
  }
}
