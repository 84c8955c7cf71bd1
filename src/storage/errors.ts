import { SIPSimpleError } from '../errors.js';

/**
 * A storage operation failed: a file could not be read, written or parsed.
 * The message names the file (or the in-memory store) and what went wrong;
 * the underlying system error, if any, is the `cause`.
 */
export class StorageError extends SIPSimpleError {
  /** The file or directory concerned, when the storage is file based. */
  readonly path: string | undefined;

  constructor(message: string, path?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}
