/**
 * A password given on the command line as `-` is read from standard input instead (its
 * first line), so that it shows neither in the shell history nor in the process list:
 * `printf '%s\n' "$PASSWORD" | sipsimple account password alice@example.com -`.
 */
import { UsageError } from './usage-error.js';

/** Longest password read from standard input, in bytes. */
const MAX_PASSWORD_BYTES = 4096;

/** `text` itself, or for `-` the first line of standard input. */
export async function passwordArgument(text: string, input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (text !== '-') return text;
  let data = '';
  for await (const chunk of input) {
    data += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (data.includes('\n') || data.length > MAX_PASSWORD_BYTES) break;
  }
  const line = data.split(/\r?\n/, 1)[0] ?? '';
  if (line.length > MAX_PASSWORD_BYTES) throw new UsageError(`the password read from standard input is longer than ${MAX_PASSWORD_BYTES} bytes`);
  if (line === '') throw new UsageError('PASSWORD "-" reads the password from standard input, which gave none');
  return line;
}
