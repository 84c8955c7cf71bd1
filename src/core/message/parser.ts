/**
 * The SIP message parser (RFC 3261 §7, grammar §25): one pass over the bytes to
 * find the start line, the header lines and the body; the header section is
 * decoded once and header values are kept as strings, parsed on access.
 */
import { ParserError } from '../../errors.js';
import { TOKEN } from '../uri/char-class.js';
import type { HeaderField } from './header-field.js';
import { headerKey, knownName } from './header-names.js';
import { SIPRequest } from './sip-request.js';
import { SIPResponse } from './sip-response.js';

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

function fail(what: string, line: number, element: string, offset?: number): never {
  throw new ParserError(`${what} (line ${line})`, { line, element, offset });
}

/**
 * Parses one SIP message. Throws {@link ParserError} when the bytes are not a
 * SIP message at all (no start line, a header line without a colon, no empty
 * line after the header fields, a bad status code). Faults a UAS must answer
 * with an error response are left for {@link validateRequest}; header values are
 * checked when their typed getter is first used.
 *
 * CRLFs before the start line are ignored (§7.5); bytes after Content-Length
 * octets of body are discarded (§18.3, RFC 4475 §3.1.1.8).
 */
export function parseMessage(data: Buffer | string): SIPRequest | SIPResponse {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  if (start >= buf.length) throw new ParserError('empty message', { offset: 0, line: 1, element: 'start-line' });

  // End of the header section: the first empty line (CRLF CRLF, or bare LF LF).
  let headEnd = buf.indexOf(CRLFCRLF, start);
  let bodyStart = headEnd + 4;
  if (headEnd < 0) {
    const lf = buf.indexOf(LFLF, start);
    if (lf < 0) {
      throw new ParserError('no empty line after the header fields', {
        offset: buf.length,
        element: 'message-header',
      });
    }
    headEnd = buf[lf - 1] === 0x0d ? lf - 1 : lf;
    bodyStart = lf + 2;
  }
  const text = buf.toString('utf8', start, headEnd);

  // Start line.
  let eol = text.indexOf('\n');
  const firstEnd = eol < 0 ? text.length : eol;
  const startLine = text.charCodeAt(firstEnd - 1) === 0x0d ? text.slice(0, firstEnd - 1) : text.slice(0, firstEnd);
  const message = parseStartLine(startLine);

  // Header lines, with continuation lines folded into the previous value.
  const fields: HeaderField[] = [];
  let pos = eol < 0 ? text.length : eol + 1;
  let lineNo = 1;
  let current: HeaderField | undefined;
  let nextCR = -1;
  while (pos < text.length) {
    lineNo++;
    eol = text.indexOf('\n', pos);
    if (eol === pos) {
      // A bare-LF empty line comes before the first CRLF CRLF: the headers end there.
      bodyStart = buf.indexOf(LFLF, start) + 2;
      break;
    }
    let end = eol < 0 ? text.length : eol;
    let next = eol < 0 ? text.length : eol + 1;
    if (text.charCodeAt(end - 1) === 0x0d) end--;
    if (nextCR < pos) nextCR = text.indexOf('\r', pos) >>> 0; // -1 becomes 2^32-1: none ahead
    if (nextCR < end) {
      if (eol < 0 || nextCR !== end - 1 || text.charCodeAt(eol + 1) !== 0x0a) fail('CR not followed by LF in a header line', lineNo, 'message-header', nextCR);
      // CR before a CR LF LF: the headers end after this line, its CR dropped.
      end--;
      bodyStart = buf.indexOf(LFLF, start) + 2;
      next = text.length;
    }
    const c0 = text.charCodeAt(pos);
    if (c0 === 0x20 || c0 === 0x09) {
      if (current === undefined) fail('continuation line before the first header field', lineNo, 'message-header', pos);
      const more = text.slice(pos, end).trim();
      if (more.length > 0) current.value = current.value.length > 0 ? current.value + ' ' + more : more;
      pos = next;
      continue;
    }
    const colon = text.indexOf(':', pos);
    if (colon < 0 || colon >= end) fail('header line without ":"', lineNo, 'message-header', pos);
    let nameEnd = colon;
    while (nameEnd > pos && (text.charCodeAt(nameEnd - 1) === 0x20 || text.charCodeAt(nameEnd - 1) === 0x09)) nameEnd--;
    if (nameEnd === pos) fail('empty header field name', lineNo, 'message-header', pos);
    const known = knownName(text, pos, nameEnd);
    if (known === undefined) {
      for (let i = pos; i < nameEnd; i++) {
        const c = text.charCodeAt(i);
        if (c >= 128 || TOKEN[c] !== 1) fail(`bad character in header field name "${text.slice(pos, nameEnd)}"`, lineNo, 'message-header', i);
      }
    }
    let vs = colon + 1;
    while (vs < end && (text.charCodeAt(vs) === 0x20 || text.charCodeAt(vs) === 0x09)) vs++;
    let ve = end;
    while (ve > vs && (text.charCodeAt(ve - 1) === 0x20 || text.charCodeAt(ve - 1) === 0x09)) ve--;
    if (known !== undefined) {
      current = { name: known.name, key: known.key, value: text.slice(vs, ve) };
    } else {
      const name = text.slice(pos, nameEnd);
      current = { name, key: headerKey(name), value: text.slice(vs, ve) };
    }
    fields.push(current);
    pos = next;
  }

  // Body: Content-Length octets when the header is valid and they are all there, else the rest.
  let bodyEnd = buf.length;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.key !== 'content-length') continue;
    const n = digits(f.value, 10);
    if (n >= 0 && bodyStart + n <= buf.length) bodyEnd = bodyStart + n;
    break;
  }
  if (bodyStart > buf.length) bodyStart = buf.length;
  message.initParsed(fields, buf, start, bodyStart, bodyEnd);
  return message;
}

/** The value of `text` when it is 1 to `max` decimal digits, else -1. */
function digits(text: string, max: number): number {
  if (text.length === 0 || text.length > max) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** `SIP-Version` of RFC 3261 §25.1 (`SIP/2.0` checked first). */
function isSIPVersion(version: string): boolean {
  return version === 'SIP/2.0' || /^SIP\/[0-9]+\.[0-9]+$/i.test(version);
}

function parseStartLine(line: string): SIPRequest | SIPResponse {
  if (line.startsWith('SIP/') || line.startsWith('sip/')) {
    const sp1 = line.indexOf(' ');
    if (sp1 < 0) fail('status line without status code', 1, 'Status-Line', 0);
    const version = line.slice(0, sp1);
    let sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0) sp2 = line.length;
    const code = line.slice(sp1 + 1, sp2);
    const status = digits(code, 3);
    if (code.length !== 3 || status < 100 || status >= 700) fail(`bad status code "${code}"`, 1, 'Status-Line', sp1 + 1);
    if (!isSIPVersion(version)) fail(`bad SIP version "${version}"`, 1, 'Status-Line', 0);
    const response = new SIPResponse(status, line.slice(sp2 + 1));
    response.version = version;
    return response;
  }
  const sp1 = line.indexOf(' ');
  if (sp1 <= 0) fail('request line without Request-URI', 1, 'Request-Line', 0);
  const method = line.slice(0, sp1);
  for (let i = 0; i < method.length; i++) {
    const c = method.charCodeAt(i);
    if (c >= 128 || TOKEN[c] !== 1) fail(`bad character in method "${method}"`, 1, 'Request-Line', i);
  }
  const trimmed = line.trimEnd();
  const sp2 = trimmed.lastIndexOf(' ');
  const version = trimmed.slice(sp2 + 1);
  const uri = trimmed.slice(sp1 + 1, sp2).trim();
  if (sp2 <= sp1 || uri.length === 0) fail('request line needs method, Request-URI and SIP-Version', 1, 'Request-Line', 0);
  if (!isSIPVersion(version)) fail(`bad SIP version "${version}"`, 1, 'Request-Line', sp2 + 1);
  const request = new SIPRequest(method, uri);
  request.version = version;
  request.rawStartLine = line;
  return request;
}
