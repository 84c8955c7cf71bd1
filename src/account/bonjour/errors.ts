/** Errors of the Bonjour account (middleware spec §25) and its mDNS / DNS-SD parts (RFC 6762, RFC 6763). */
import { SIPSimpleError } from '../../errors.js';

/** What went wrong, for code that tells failures apart. */
export type BonjourErrorCode =
  /** The mDNS socket could not be opened (port in use, no such interface). */
  | 'socket'
  /** Every instance name tried is held by another host (RFC 6762 §9). */
  | 'conflict'
  /** A TXT record string would be longer than 255 bytes (RFC 6763 §6.1). */
  | 'txt-too-long'
  /** A neighbour's records could not be resolved in time. */
  | 'resolve-timeout'
  /** The account or an mDNS part was used in the wrong state. */
  | 'state'
  /** An argument could not be used (no contact for a transport, unknown neighbour). */
  | 'argument';

/** An error of the Bonjour account or of its mDNS advertiser and browser. */
export class BonjourError extends SIPSimpleError {
  constructor(
    readonly code: BonjourErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
