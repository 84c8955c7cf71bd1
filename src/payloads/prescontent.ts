/**
 * OMA presence content (OMA-TS-Presence_SIMPLE_Content_XDM): the
 * `application/vnd.oma.pres-content+xml` document that the
 * `org.openmobilealliance.pres-content` XCAP application stores, such as a
 * user's status icon, as base64 data with its MIME type.
 */
import { ParserError, XMLRootElement, XMLString, XMLToken, defineSchema, localizedTextElement, registerDocument, registerNamespace } from '../xml/index.js';

/** Namespace of OMA pres-content. */
export const PRES_CONTENT_NAMESPACE = 'urn:oma:xml:prs:pres-content';
const NS = PRES_CONTENT_NAMESPACE;

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** `<description xml:lang="..">` of the content. */
export class Description extends localizedTextElement(NS, 'description', XMLString) {}

/** The `<content>` document: MIME type, encoding, descriptions and the data itself (its text as stored). */
export class PresenceContent extends XMLRootElement {
  static override readonly contentType = 'application/vnd.oma.pres-content+xml';
  static readonly schema = defineSchema<PresenceContent>({
    namespace: NS, name: 'content',
    children: [
      { kind: 'value', property: 'mimeType', namespace: NS, name: 'mime-type', type: XMLToken },
      { kind: 'value', property: 'encoding', namespace: NS, name: 'encoding', type: XMLToken },
      { kind: 'list', property: 'descriptions', element: Description },
      { kind: 'value', property: 'data', namespace: NS, name: 'data', type: XMLString, required: true },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  /** MIME type of the data (`image/png`, ...). */
  mimeType: string | undefined;
  /** Transfer encoding of `data` (`base64`). */
  encoding: string | undefined;
  descriptions: Description[];
  /** The data as stored (base64 text when `encoding` is `base64`). */
  data: string;
  extensions: object[];

  constructor(data: string, options: { mimeType?: string; encoding?: string; description?: string } = {}) {
    super();
    this.data = data;
    this.mimeType = options.mimeType;
    this.encoding = options.encoding;
    this.descriptions = options.description === undefined ? [] : [new Description(options.description)];
    this.extensions = [];
  }

  /** Content holding `bytes` base64-encoded (how a status icon is stored). */
  static fromBytes(bytes: Uint8Array, mimeType: string, description?: string): PresenceContent {
    return new PresenceContent(Buffer.from(bytes).toString('base64'), { mimeType, encoding: 'base64', description });
  }

  /** The decoded data: base64 is decoded (invalid base64 raises `ParserError`), other encodings give the text's UTF-8 bytes. */
  get bytes(): Buffer {
    if (this.encoding?.toLowerCase() !== 'base64') return Buffer.from(this.data, 'utf8');
    if (!BASE64.test(this.data)) throw new ParserError('pres-content <data> is not valid base64', { element: `{${NS}}data` });
    return Buffer.from(this.data, 'base64');
  }
}
registerNamespace(PresenceContent, NS, '');
registerDocument(PresenceContent);
