/** Percent escapes of RFC 3261 §25.1 (`escaped = "%" HEXDIG HEXDIG`) in URIs. */

/**
 * Decodes `%XX` escapes (as UTF-8 octets) and leaves any `%` that does not start
 * a valid escape as it is (RFC 4475 §3.1.1.5 shows such text in quoted strings).
 */
export function unescape(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    // Escapes that are not UTF-8 (such as %FF): decode octet by octet as latin1.
    return text.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/**
 * Escapes every character of `text` that is not in `allowed` (a character-class
 * table) as `%XX` of its UTF-8 octets.
 */
export function escape(text: string, allowed: Uint8Array): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && allowed[c] === 1 && c !== 0x25) continue;
    out += text.slice(start, i);
    const cp = text.codePointAt(i)!;
    const octets = Buffer.from(String.fromCodePoint(cp), 'utf8');
    for (const o of octets) out += '%' + (o < 16 ? '0' : '') + o.toString(16).toUpperCase();
    if (cp > 0xffff) i++;
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}
