/**
 * The RFC 4475 torture test messages of ../shared/testdata/rfc4475/: the index (one row a
 * message file, with its RFC 4475 section, title and kind) and the files' bytes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the torture messages. */
const DIR = fileURLToPath(new URL('../../../shared/testdata/rfc4475/', import.meta.url));

/** One row of index.tsv. */
export interface TortureMessage {
  /** The file name in the folder, e.g. `wsinv.dat`. */
  readonly file: string;
  /** The RFC 4475 section of the message, e.g. `3.1.1.1`. */
  readonly section: string;
  readonly title: string;
  /** Whether the message is valid or invalid, as index.tsv says. */
  readonly kind: string;
}

/** The rows of index.tsv, in order (RFC 4475 §3). */
export const RFC4475_INDEX: readonly TortureMessage[] = readFileSync(DIR + 'index.tsv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, , section, title, kind] = line.split('\t');
    return { file: file!, section: section!, title: title!, kind: kind! };
  });

/** The bytes of the torture message file `file`. */
export function readTortureMessage(file: string): Buffer {
  return readFileSync(DIR + file);
}
