/**
 * A minimal MIME multipart splitter and writer (RFC 2046 section 5.1) for
 * the multipart/related bodies of RLS NOTIFY requests (RFC 4662 section 5).
 * The payloads layer sits below core, so it has its own: bodies are bytes,
 * parts are bytes, the number of parts is bounded.
 */
import { randomBytes } from 'node:crypto';
import { ParserError } from '../../errors.js';

/** One body part: its header fields (names as received) and its content, transfer encoding undone. */
export class MIMEPart {
  constructor(
    readonly headers: ReadonlyArray<readonly [string, string]>,
    readonly body: Buffer,
  ) {}

  /** The first value of a header field (name case-insensitive). */
  header(name: string): string | undefined {
    const key = name.toLowerCase();
    for (const [n, v] of this.headers) if (n.toLowerCase() === key) return v;
    return undefined;
  }

  /** The Content-ID without its angle brackets. */
  get contentID(): string | undefined {
    const value = this.header('content-id');
    return value === undefined ? undefined : stripAngles(value);
  }
}

/** `<id@host>` → `id@host` (Content-IDs and the `start` parameter are written in angle brackets, `cid` attributes without). */
export function stripAngles(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
}

/** Limits of {@link splitMultipart}. */
export interface MultipartLimits {
  /** Most parts accepted (default 10,000). */
  maxParts?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Splits a multipart body into its parts; throws {@link ParserError} naming the fault and its offset. */
export function splitMultipart(data: Uint8Array, boundary: string, limits: MultipartLimits = {}): MIMEPart[] {
  const maxParts = limits.maxParts ?? 10_000;
  if (boundary === '' || boundary.length > 70) throw new ParserError(`multipart boundary '${boundary}' is not 1 to 70 characters (RFC 2046 section 5.1.1)`, { element: 'boundary' });
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  const delimiter = Buffer.from(`\n--${boundary}`, 'latin1');
  const fail = (reason: string, offset: number): never => {
    throw new ParserError(`multipart body: ${reason} (offset ${offset})`, { offset, element: 'multipart' });
  };
  let position = buffer.subarray(0, dash.length).equals(dash) ? 0 : buffer.indexOf(delimiter) + 1;
  if (position === 0 && !buffer.subarray(0, dash.length).equals(dash)) fail(`no delimiter --${boundary}`, 0);
  const parts: MIMEPart[] = [];
  for (;;) {
    const after = position + dash.length;
    if (buffer[after] === 0x2d && buffer[after + 1] === 0x2d) return parts;
    const endOfLine = buffer.indexOf(LF, after);
    if (endOfLine === -1) fail('delimiter line without a line end', after);
    for (let i = after; i < endOfLine; i++) {
      const c = buffer[i];
      if (c !== 0x20 && c !== 0x09 && c !== CR) fail('text after a delimiter', i);
    }
    const start = endOfLine + 1;
    const next = buffer.indexOf(delimiter, start - 1);
    if (next === -1) fail(`missing close delimiter --${boundary}--`, start);
    let end = next;
    if (end > start && buffer[end - 1] === CR) end--;
    if (parts.length === maxParts) fail(`more than ${maxParts} parts`, start);
    parts.push(parsePart(buffer.subarray(start, Math.max(start, end)), start, fail));
    position = next + 1;
  }
}

function parsePart(part: Buffer, offset: number, fail: (reason: string, offset: number) => never): MIMEPart {
  let headerEnd: number;
  let bodyStart: number;
  if (part[0] === LF || (part[0] === CR && part[1] === LF)) {
    headerEnd = 0;
    bodyStart = part[0] === LF ? 1 : 2;
  } else {
    const crlf = part.indexOf('\r\n\r\n');
    const lf = part.indexOf('\n\n');
    if (crlf === -1 && lf === -1) fail('part without an empty line after its header fields', offset);
    if (lf !== -1 && (crlf === -1 || lf < crlf)) (headerEnd = lf), (bodyStart = lf + 2);
    else (headerEnd = crlf), (bodyStart = crlf + 4);
  }
  const headers: Array<[string, string]> = [];
  for (const line of part.subarray(0, headerEnd).toString('utf8').split(/\r?\n/)) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && headers.length > 0) {
      headers[headers.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) fail(`malformed header field '${line.slice(0, 40)}'`, offset);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const raw = part.subarray(bodyStart);
  const encoding = headers.find(([name]) => name.toLowerCase() === 'content-transfer-encoding')?.[1].toLowerCase();
  let body: Buffer;
  if (encoding === undefined || encoding === 'binary' || encoding === '8bit' || encoding === '7bit') body = raw;
  else if (encoding === 'base64') body = Buffer.from(raw.toString('latin1'), 'base64');
  else return fail(`unsupported Content-Transfer-Encoding '${encoding}'`, offset);
  return new MIMEPart(headers, body);
}

/** A fresh random boundary. */
export function newBoundary(): string {
  return randomBytes(12).toString('base64url');
}

/** Writes parts as a multipart body with `boundary` (CRLF line ends, binary content). */
export function joinMultipart(parts: Iterable<{ headers: Iterable<readonly [string, string]>; body: Uint8Array | string }>, boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\n`;
    for (const [name, value] of part.headers) head += `${name}: ${value}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : Buffer.from(part.body), Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}
