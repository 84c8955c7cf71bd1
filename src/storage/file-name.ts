import { StorageError } from './errors.js';

/**
 * Turns an arbitrary non-empty name (an account id, an XCAP application id)
 * into a single safe file name: letters, digits, `-`, `_` and `.` are kept and
 * every other byte is percent-encoded, as is a leading `.`, so the result can
 * never be `.`, `..`, a hidden file, or contain a path separator. Distinct
 * names give distinct file names.
 */
export function encodeFileName(name: string): string {
  if (name.length === 0) throw new StorageError('storage entry names must not be empty');
  let encoded = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    const safe = /[A-Za-z0-9_-]/.test(char) || (char === '.' && encoded.length > 0);
    encoded += safe ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
