/** Splitting of comma-separated header values (RFC 3261 §7.3.1). */
import { TOKEN } from '../uri/char-class.js';

/**
 * Splits a list header value at commas that are outside quoted strings, angle
 * brackets and comments; elements are trimmed and empty elements kept as `''`
 * so that a validator can see extraneous separators (RFC 4475 §3.1.2.1).
 */
export function splitList(value: string): string[] {
  if (value.indexOf(',') < 0) return [value];
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  let comment = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c) i++;
      else if (c === 0x22) quoted = false;
    } else if (c === 0x22) quoted = true;
    else if (angle) {
      if (c === 0x3e) angle = false;
    } else if (c === 0x3c) angle = true;
    else if (c === 0x28) comment++;
    else if (c === 0x29 && comment > 0) comment--;
    else if (c === 0x2c && comment === 0) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out;
}

/** Whether `part` starts like a new challenge: `token` then whitespace then not `=`. */
function startsChallenge(part: string): boolean {
  let i = 0;
  while (i < part.length && part.charCodeAt(i) < 128 && TOKEN[part.charCodeAt(i)] === 1) i++;
  if (i === 0) return false;
  if (i === part.length) return true;
  const c = part.charCodeAt(i);
  if (c !== 0x20 && c !== 0x09) return false;
  while (i < part.length && (part.charCodeAt(i) === 0x20 || part.charCodeAt(i) === 0x09)) i++;
  // `Digest realm=...` starts a challenge; `realm = "x"` (token LWS "=") continues one.
  return part.charCodeAt(i) !== 0x3d;
}

/**
 * Splits a WWW-Authenticate / Authorization style value holding several
 * challenges or credentials (RFC 7235 §4.1): commas separate auth-params within
 * one challenge as well as challenges, so a new element starts only where a
 * scheme token followed by whitespace begins.
 */
export function splitChallenges(value: string): string[] {
  const parts = splitList(value);
  if (parts.length === 1) return parts;
  const out: string[] = [];
  for (const part of parts) {
    if (out.length === 0 || startsChallenge(part)) out.push(part);
    else out[out.length - 1] += ', ' + part;
  }
  return out;
}
