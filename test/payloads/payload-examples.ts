/**
 * Access to the documents python-sipsimple produced
 * (`../shared/testdata/payload-examples/`, read in place, never copied in),
 * and the canonical comparison the payload tests share.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalXML } from '../helpers/xml-canonical.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/testdata/payload-examples');

/** The names of the example files of one application (`resource-lists`, `rls-services`, ...). */
export function exampleFiles(application: string): string[] {
  return readdirSync(EXAMPLES).filter((name) => name.startsWith(`${application}__`) && name.endsWith('.xml')).sort();
}

/** The text of one example file. */
export function readExample(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

/** Asserts that two XML texts are equal after canonicalization. */
export function assertSameXML(actual: string, expected: string): void {
  assert.equal(canonicalXML(actual), canonicalXML(expected));
}
