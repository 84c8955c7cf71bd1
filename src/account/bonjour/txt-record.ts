/**
 * The TXT record of a SIP contact advertised over DNS-SD (RFC 6763 §6): `key=value`
 * strings of at most 255 bytes each. The keys are python-sipsimple's: `txtvers=1`,
 * `name` (display name), `contact` (`<sip:...>`), `instance_id`, and the presence
 * `state` and `note` when presence is on.
 */
import { ParserError } from '../../errors.js';
import { BonjourError } from './errors.js';

/** Version of the TXT record layout (RFC 6763 §6.7). */
export const TXT_VERSION = '1';

/** Longest string of a TXT record, in bytes (RFC 6763 §6.1). */
export const MAX_TXT_STRING = 255;

/** What a Bonjour account publishes in its TXT record. */
export interface BonjourTXTData {
  /** The contact URI, without angle brackets. */
  contact: string;
  /** The display name, if any. */
  displayName?: string | undefined;
  /** The instance id of the SIP user agent (a UUID). */
  instanceId?: string | undefined;
  /** The presence state (`available`, `away`, `busy`, `offline`, ...). */
  state?: string | undefined;
  /** The presence note. */
  note?: string | undefined;
}

/** The value of a TXT key: text, or `true` for a key present without `=` (RFC 6763 §6.4). */
export type TXTValue = string | true;

function entry(key: string, value: string): Buffer {
  const text = Buffer.from(`${key}=${value}`, 'utf8');
  if (text.length > MAX_TXT_STRING) {
    throw new BonjourError('txt-too-long', `the TXT string ${key} is ${text.length} bytes; at most ${MAX_TXT_STRING} fit (RFC 6763 §6.1)`);
  }
  return text;
}

/**
 * Builds the TXT record strings; `txtvers` first (RFC 6763 §6.7). Throws
 * {@link BonjourError} `txt-too-long` when a value does not fit in 255 bytes.
 */
export function buildTXTRecord(data: BonjourTXTData): Buffer[] {
  const strings = [entry('txtvers', TXT_VERSION), entry('contact', `<${data.contact}>`)];
  if (data.displayName !== undefined) strings.push(entry('name', data.displayName));
  if (data.instanceId !== undefined) strings.push(entry('instance_id', data.instanceId));
  if (data.state !== undefined) strings.push(entry('state', data.state));
  if (data.note !== undefined) strings.push(entry('note', data.note));
  return strings;
}

/**
 * Reads TXT record strings into keys and values (RFC 6763 §6.3-§6.5): keys compare
 * case-insensitively and are returned lower-case, the first occurrence of a key wins,
 * strings that start with `=` or are empty are ignored, a key without `=` has the
 * value `true`. Values are read as UTF-8.
 */
export function parseTXTStrings(strings: readonly Uint8Array[]): Map<string, TXTValue> {
  const entries = new Map<string, TXTValue>();
  for (const bytes of strings) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const equals = text.indexOf('=');
    const key = (equals < 0 ? text : text.slice(0, equals)).toLowerCase();
    if (key.length === 0 || entries.has(key)) continue;
    entries.set(key, equals < 0 ? true : text.slice(equals + 1));
  }
  return entries;
}

function text(entries: Map<string, TXTValue>, key: string): string | undefined {
  const value = entries.get(key);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a Bonjour account's TXT record. Throws {@link ParserError} (element `TXT`)
 * when there is no `contact` or the `txtvers` is not one this reader knows.
 */
export function parseTXTRecord(strings: readonly Uint8Array[]): BonjourTXTData {
  const entries = parseTXTStrings(strings);
  const version = text(entries, 'txtvers');
  if (version !== undefined && version !== TXT_VERSION) {
    throw new ParserError(`unknown TXT record version ${JSON.stringify(version)}`, { element: 'TXT' });
  }
  const raw = text(entries, 'contact');
  if (raw === undefined || raw.trim().length === 0) throw new ParserError('the TXT record has no contact', { element: 'TXT' });
  const trimmed = raw.trim();
  const contact = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1).trim() : trimmed;
  return {
    contact,
    displayName: text(entries, 'name'),
    instanceId: text(entries, 'instance_id'),
    state: text(entries, 'state'),
    note: text(entries, 'note'),
  };
}
