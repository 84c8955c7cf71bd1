/**
 * Character classes of the RFC 3261 §25.1 grammar as lookup tables indexed by
 * UTF-16 code unit (values above 0x7f are never members).
 */

function table(chars: string, ranges: Array<[number, number]> = []): Uint8Array {
  const t = new Uint8Array(128);
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) t[c] = 1;
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const ALNUM: Array<[number, number]> = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
];

/** `token` characters (RFC 3261 §25.1): alphanum and `-.!%*_+\`'~`. */
export const TOKEN = table("-.!%*_+`'~", ALNUM);
/** `word` characters (RFC 3261 §25.1, used by Call-ID): token plus `()<>:\\"/[]?{}`. */
export const WORD = table("-.!%*_+`'~()<>:\\\"/[]?{}", ALNUM);
/** Characters of `user` (unreserved, user-unreserved and `%` of escapes; RFC 3261 §25.1). */
export const USER = table("-_.!~*'()&=+$,;?/%", ALNUM);
/** Characters of `password` (RFC 3261 §25.1). */
export const PASSWORD = table("-_.!~*'()&=+$,%", ALNUM);
/** Characters of `paramchar` (RFC 3261 §25.1). */
export const PARAM_CHAR = table("[]/:&+$-_.!~*'()%", ALNUM);
/** Characters of `hname` / `hvalue` (RFC 3261 §25.1). */
export const HEADER_CHAR = table("[]/?:+$-_.!~*'()%", ALNUM);
/** Characters of a host name or IPv4 address. */
export const HOST_CHAR = table('-.', ALNUM);
/** Characters of an IPv6 reference body. */
export const IPV6_CHAR = table(':.', [
  [0x30, 0x39],
  [0x41, 0x46],
  [0x61, 0x66],
]);
/** Characters allowed after the first in a URI scheme (RFC 3986 §3.1). */
export const SCHEME_CHAR = table('+-.', ALNUM);
/** Hex digits. */
export const HEX = table('', [
  [0x30, 0x39],
  [0x41, 0x46],
  [0x61, 0x66],
]);

/** Whether `code` is a member of `set`. */
export function inClass(set: Uint8Array, code: number): boolean {
  return code < 128 && set[code] === 1;
}

/** Whether every character of `text` is a member of `set` and `text` is non-empty. */
export function allInClass(set: Uint8Array, text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || set[c] !== 1) return false;
  }
  return true;
}

/** Whether `text` is a non-empty RFC 3261 `token`. */
export function isToken(text: string): boolean {
  return allInClass(TOKEN, text);
}

/**
 * Whether `text` is a non-empty run of `set` characters in which every `%`
 * starts a valid `escaped` (`%` HEXDIG HEXDIG).
 */
export function isEscapedRun(set: Uint8Array, text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || set[c] !== 1) return false;
    if (c === 0x25) {
      const h1 = text.charCodeAt(i + 1);
      const h2 = text.charCodeAt(i + 2);
      if (!(h1 < 128 && HEX[h1] === 1 && h2 < 128 && HEX[h2] === 1)) return false;
      i += 2;
    }
  }
  return true;
}

/** A regular expression character class (`[...]`) matching exactly the members of `set`. */
export function regexClass(set: Uint8Array): string {
  let out = '';
  for (let c = 0; c < 128; c++) if (set[c] === 1) out += '\\x' + c.toString(16).padStart(2, '0');
  return '[' + out + ']';
}
