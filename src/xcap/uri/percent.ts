/**
 * Percent-encoding of XCAP URI parts (RFC 3986 §2.1, §3.3, §3.4; RFC 4825 §6):
 * one canonical encoding, so that building and parsing round-trip.
 */

const HEX = '0123456789ABCDEF';

/** `pchar` minus pct-encoded (RFC 3986 §3.3): unreserved, sub-delims, ":" and "@". */
function isPathChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e || // - . _ ~
    code === 0x21 || code === 0x24 || code === 0x26 || code === 0x27 || code === 0x28 || code === 0x29 || // ! $ & ' ( )
    code === 0x2a || code === 0x2b || code === 0x2c || code === 0x3b || code === 0x3d || // * + , ; =
    code === 0x3a || code === 0x40 // : @
  );
}

/**
 * Encodes one path segment (RFC 3986 §3.3): every character other than a
 * `pchar` becomes `%XX` of its UTF-8 bytes (upper-case hex). `extra` lists
 * further characters to encode, `keep` characters to leave as they are.
 */
export function encodeSegment(text: string, extra = '', keep = ''): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && ((isPathChar(code) && !extra.includes(text[i]!)) || keep.includes(text[i]!))) continue;
    out += text.slice(start, i);
    const cp = text.codePointAt(i)!;
    const char = String.fromCodePoint(cp);
    for (const byte of Buffer.from(char, 'utf8')) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    if (cp > 0xffff) i++;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * Decodes `%XX` escapes as UTF-8 (RFC 3986 §2.1). Returns the offset of the
 * first bad escape or invalid UTF-8 sequence as a number instead of text.
 */
export function decodePercent(text: string): string | number {
  const first = text.indexOf('%');
  if (first < 0) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return i;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const cp = text.codePointAt(i)!;
      for (const byte of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(byte);
      if (cp > 0xffff) i++;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return first;
  }
}

/** Encodes a query (RFC 3986 §3.4): `pchar`, "/" and "?" stay, everything else is escaped. */
export function encodeQuery(text: string): string {
  return encodeSegment(text, '', '/?');
}
