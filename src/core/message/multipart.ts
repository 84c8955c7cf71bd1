/**
 * multipart/* bodies (RFC 2046 §5.1), as used by multipart/mixed SIP bodies
 * (RFC 5621) and multipart/related RLS NOTIFY bodies (RFC 4662 §5).
 */
import { randomBytes } from 'node:crypto';
import { ParserError } from '../../errors.js';
import { headerKey } from './header-names.js';
import { MediaType } from './headers/media-type.js';

/** One body part: its MIME header fields and its content. */
export class MultipartPart {
  constructor(
    /** Header fields in order, names as received. */
    readonly headers: Array<[string, string]>,
    readonly body: Buffer,
  ) {}

  /** The first value of a header field, name case-insensitive. */
  getHeader(name: string): string | undefined {
    const key = headerKey(name);
    for (const [n, v] of this.headers) if (headerKey(n) === key) return v;
    return undefined;
  }

  /** The part's Content-Type (RFC 2045 §5; absent means text/plain). */
  get contentType(): MediaType | undefined {
    const v = this.getHeader('content-type');
    return v === undefined ? undefined : MediaType.parse(v);
  }

  /** The Content-ID without angle brackets (RFC 2392), as used by RLMI `cid` references. */
  get contentId(): string | undefined {
    const v = this.getHeader('content-id');
    return v === undefined ? undefined : v.replace(/^<(.*)>$/, '$1');
  }
}

function fail(what: string, offset?: number): never {
  throw new ParserError(`multipart body: ${what}`, { offset, element: 'multipart' });
}

/** Index of the next delimiter line `--boundary` at `from` or after a line break. */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): { start: number; end: number } | undefined {
  let at = body.indexOf(delimiter, from);
  while (at >= 0) {
    if (at === 0) return { start: 0, end: delimiter.length };
    if (body[at - 1] === 0x0a) return { start: body[at - 2] === 0x0d ? at - 2 : at - 1, end: at + delimiter.length };
    at = body.indexOf(delimiter, at + 1);
  }
  return undefined;
}

function parsePartHeaders(text: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (headers.length === 0) fail('continuation line before the first part header');
      headers[headers.length - 1]![1] += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) fail(`part header line without ":" ("${line}")`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/**
 * Splits a multipart body into its parts; `contentType` is the message's
 * Content-Type (its `boundary` parameter is required). Throws {@link ParserError}.
 */
export function parseMultipart(body: Buffer, contentType: MediaType | string): MultipartPart[] {
  const type = typeof contentType === 'string' ? MediaType.parse(contentType) : contentType;
  if (type.type !== 'multipart') fail(`not a multipart type: ${type.essence}`);
  const boundary = type.param('boundary');
  if (boundary === undefined || boundary === '' || boundary.length > 70) fail('missing or bad boundary parameter');
  const delimiter = Buffer.from('--' + boundary, 'utf8');
  let d = findDelimiter(body, delimiter, 0);
  if (d === undefined) fail(`no delimiter "--${boundary}" found`);
  const parts: MultipartPart[] = [];
  for (;;) {
    let pos = d.end;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    const eol = body.indexOf(0x0a, pos);
    if (eol < 0) fail('delimiter line without line end', pos);
    pos = eol + 1;
    const next = findDelimiter(body, delimiter, pos);
    if (next === undefined) fail('missing close delimiter', pos);
    const part = body.subarray(pos, Math.max(pos, next.start));
    let headEnd: number;
    let contentStart: number;
    if (part[0] === 0x0a || (part[0] === 0x0d && part[1] === 0x0a)) {
      headEnd = 0;
      contentStart = part[0] === 0x0a ? 1 : 2;
    } else {
      const crlf = part.indexOf('\r\n\r\n');
      const lf = part.indexOf('\n\n');
      if (crlf < 0 && lf < 0) fail('part without empty line after its headers', pos);
      if (crlf >= 0 && (lf < 0 || crlf < lf)) {
        headEnd = crlf;
        contentStart = crlf + 4;
      } else {
        headEnd = lf;
        contentStart = lf + 2;
      }
    }
    parts.push(new MultipartPart(parsePartHeaders(part.toString('utf8', 0, headEnd)), part.subarray(contentStart)));
    d = next;
  }
}

/** A random boundary of token characters (RFC 2046 §5.1.1). */
export function generateBoundary(): string {
  return randomBytes(18).toString('base64url');
}

/** Serializes parts with `boundary` into a multipart body (RFC 2046 §5.1.1). */
export function formatMultipart(parts: ReadonlyArray<MultipartPart>, boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\n`;
    for (const [name, value] of part.headers) head += `${name}: ${value}\r\n`;
    chunks.push(Buffer.from(head + '\r\n', 'utf8'), part.body, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return Buffer.concat(chunks);
}
