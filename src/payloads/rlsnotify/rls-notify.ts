/**
 * The body of an RLS NOTIFY (RFC 4662 section 5): a multipart/related
 * body whose root part (the `start` parameter, else the first part) is the
 * RLMI document and whose other parts hold the state of each resource
 * instance, referenced by Content-ID. Parts are parsed with the document
 * class registered for their Content-Type (`documentClassFor`), so PIDF,
 * dialog-info or any registered application is handled; a nested list is a
 * nested multipart/related part.
 */
import { ParserError } from '../../errors.js';
import { documentClassFor, type DocumentClass } from '../../xml/index.js';
import { RLMIList, type Instance, type Resource } from '../rlmi.js';
import { formatMediaType, parseMediaType, type MediaType } from './media-type.js';
import { MIMEPart, joinMultipart, newBoundary, splitMultipart, stripAngles, type MultipartLimits } from './multipart.js';

/** Limits of {@link RLSNotify.parse}. */
export interface RLSNotifyLimits extends MultipartLimits {
  /** Deepest nesting of lists in lists (default 8). */
  maxDepth?: number;
}

/** One body part of the notification with what was made of it. */
export interface RLSPart {
  readonly part: MIMEPart;
  readonly contentID: string | undefined;
  readonly contentType: MediaType | undefined;
  /** The parsed document when a document class is registered for the part's type. */
  readonly document: object | undefined;
  /** The nested notification when the part is itself multipart/related (a list in the list). */
  readonly nested: RLSNotify | undefined;
  /** Why the part could not be parsed (the part is still here, with its bytes). */
  readonly error: ParserError | undefined;
}

/** The state of one instance of a resource: the RLMI instance and the part it points at (if any). */
export interface ResourceInstance {
  readonly resource: Resource;
  readonly instance: Instance;
  readonly part: RLSPart | undefined;
}

/** A parsed (or built) RLS NOTIFY body (RFC 4662 section 5). */
export class RLSNotify {
  /** MIME type of the body. */
  static readonly contentType = 'multipart/related';

  constructor(
    /** The RLMI document of the root part. */
    readonly list: RLMIList,
    /** Every part other than the root, in body order. */
    readonly parts: readonly RLSPart[],
  ) {}

  /** Parts that failed to parse, with the reason (the notification itself is still usable). */
  get invalid(): RLSPart[] {
    const result = this.parts.filter((part) => part.error !== undefined);
    for (const part of this.parts) if (part.nested !== undefined) result.push(...part.nested.invalid);
    return result;
  }

  /** The part whose Content-ID is `cid` (with or without angle brackets). */
  part(cid: string): RLSPart | undefined {
    const id = stripAngles(cid);
    return this.parts.find((part) => part.contentID === id);
  }

  /** The instances of every resource (or of the resource `uri`) with the part holding their state. */
  instances(uri?: string): ResourceInstance[] {
    const result: ResourceInstance[] = [];
    for (const resource of this.list) {
      if (uri !== undefined && resource.uri !== uri) continue;
      for (const instance of resource) result.push({ resource, instance, part: instance.cid === undefined ? undefined : this.part(instance.cid) });
    }
    return result;
  }

  /** The parsed documents of the resource `uri` (one per instance that carries state). */
  documents(uri: string): object[] {
    const result: object[] = [];
    for (const { part } of this.instances(uri)) if (part?.document !== undefined) result.push(part.document);
    return result;
  }

  /**
   * Parses a body given its Content-Type header value; throws
   * {@link ParserError} when the body is not multipart/related, the root
   * part is missing or is not a valid RLMI document.
   */
  static parse(body: Uint8Array | string, contentType: string, limits: RLSNotifyLimits = {}): RLSNotify {
    return parseRelated(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, parseMediaType(contentType), limits, limits.maxDepth ?? 8);
  }

  /**
   * Builds a body: the RLMI list as the root part, then one part per
   * document, each with the Content-ID its instance's `cid` names.
   * Returns the Content-Type header value and the body bytes.
   */
  static encode(list: RLMIList, documents: Iterable<{ cid: string; document: { toXML(): string; contentType: string } }>, boundary = newBoundary()): { contentType: string; body: Buffer } {
    const rootID = list.cid ?? `rlmi-${boundary}@rls`;
    const parts = [{ headers: partHeaders(rootID, RLMIList.contentType), body: list.toXML() }];
    for (const { cid, document } of documents) parts.push({ headers: partHeaders(stripAngles(cid), document.contentType), body: document.toXML() });
    const contentType = formatMediaType(RLSNotify.contentType, [['type', RLMIList.contentType], ['start', `<${rootID}>`], ['boundary', boundary]]);
    return { contentType, body: joinMultipart(parts, boundary) };
  }
}

function partHeaders(cid: string, contentType: string): Array<[string, string]> {
  return [['Content-Transfer-Encoding', 'binary'], ['Content-ID', `<${cid}>`], ['Content-Type', `${contentType};charset="UTF-8"`]];
}

function parseRelated(body: Uint8Array, type: MediaType, limits: RLSNotifyLimits, depth: number): RLSNotify {
  if (type.type !== 'multipart/related') throw new ParserError(`RLS NOTIFY body is ${type.type}, not multipart/related`, { element: 'Content-Type' });
  const boundary = type.parameters.get('boundary');
  if (boundary === undefined) throw new ParserError('multipart/related without a boundary parameter', { element: 'Content-Type' });
  const parts = splitMultipart(body, boundary, limits);
  const start = type.parameters.get('start');
  const rootIndex = start === undefined ? 0 : parts.findIndex((part) => part.contentID === stripAngles(start));
  const root = parts[rootIndex];
  if (root === undefined) throw new ParserError(start === undefined ? 'multipart/related without parts' : `no part has the start Content-ID ${start}`, { element: 'multipart/related' });
  const rootType = root.header('content-type');
  if (rootType === undefined || parseMediaType(rootType).type !== RLMIList.contentType) {
    throw new ParserError(`the root part is ${rootType ?? 'untyped'}, not ${RLMIList.contentType} (RFC 4662 section 5)`, { element: 'multipart/related' });
  }
  const list = RLMIList.parse(root.body);
  const others: RLSPart[] = [];
  parts.forEach((part, index) => {
    if (index !== rootIndex) others.push(readPart(part, limits, depth));
  });
  return new RLSNotify(list, others);
}

function readPart(part: MIMEPart, limits: RLSNotifyLimits, depth: number): RLSPart {
  const base = { part, contentID: part.contentID };
  let contentType: MediaType | undefined;
  try {
    const header = part.header('content-type');
    contentType = header === undefined ? undefined : parseMediaType(header);
    if (contentType?.type === 'multipart/related') {
      if (depth <= 1) throw new ParserError('lists nested too deeply', { element: 'multipart/related' });
      return { ...base, contentType, document: undefined, nested: parseRelated(part.body, contentType, limits, depth - 1), error: undefined };
    }
    const documentClass = contentType === undefined ? undefined : (documentClassFor(contentType.type) as (DocumentClass & { parse(data: Uint8Array): object }) | undefined);
    const document = documentClass?.parse(part.body);
    return { ...base, contentType, document, nested: undefined, error: undefined };
  } catch (error) {
    if (!(error instanceof ParserError)) throw error;
    return { ...base, contentType, document: undefined, nested: undefined, error };
  }
}
