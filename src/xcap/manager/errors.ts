/** Errors of the XCAPManager; all derive from the XCAP layer's {@link XCAPError}. */
import { XCAPError } from '../errors.js';

/** Misuse of the manager: `start()` before `load()`, an invalid icon MIME type, unbalanced transactions, a bad operation. */
export class XCAPManagerError extends XCAPError {}

/** A journal or cache entry in storage that cannot be read back (corrupt JSON or an unknown operation). */
export class XCAPManagerStorageError extends XCAPError {
  constructor(message: string, readonly entry: string, options?: { cause?: unknown }) {
    super(`${entry}: ${message}`, undefined, options);
  }
}
