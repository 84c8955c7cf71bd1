/**
 * OMA XCAP directory (OMA-TS-XDM_Core, "XCAP Directory"): the
 * `application/vnd.oma.xcap-directory+xml` document listing, per
 * application usage, the documents a user has on the XCAP server with
 * their entity tags.
 */
import {
  XMLDateTime, XMLElement, XMLListElement, XMLNonNegativeInteger, XMLRootListElement, XMLString, XMLURI,
  defineSchema, registerDocument, registerNamespace,
} from '../xml/index.js';

/** Namespace of the XCAP directory. */
export const XCAP_DIRECTORY_NAMESPACE = 'urn:oma:xml:xdm:xcap-directory';
const NS = XCAP_DIRECTORY_NAMESPACE;

/** `<entry uri=".." etag=".." last-modified=".." size="..">`: one document of the user (URI kept byte for byte). */
export class DirectoryEntry extends XMLElement {
  static readonly schema = defineSchema<DirectoryEntry>({
    namespace: NS, name: 'entry',
    attributes: {
      uri: { name: 'uri', type: XMLURI, required: true },
      etag: { name: 'etag', type: XMLString, required: true },
      lastModified: { name: 'last-modified', type: XMLDateTime },
      size: { name: 'size', type: XMLNonNegativeInteger },
    },
  });
  uri: string;
  etag: string;
  lastModified: Date | undefined;
  /** Size in bytes. */
  size: number | undefined;

  constructor(uri: string, etag: string, options: { lastModified?: Date; size?: number } = {}) {
    super();
    this.uri = uri;
    this.etag = etag;
    this.lastModified = options.lastModified;
    this.size = options.size;
  }
}

/**
 * `<folder auid="..">`: the documents of one application usage (the items,
 * looked up by URI), or the `errorCode` the server gave when it could not
 * list them.
 */
export class Folder extends XMLListElement<DirectoryEntry> {
  static override itemKey = 'uri';
  static readonly schema = defineSchema<Folder>({
    namespace: NS, name: 'folder', list: true,
    attributes: { auid: { name: 'auid', type: XMLString, required: true } },
    children: [
      { kind: 'items', element: DirectoryEntry },
      { kind: 'value', property: 'errorCode', namespace: NS, name: 'error-code', type: XMLString },
    ],
  });
  declare auid: string;
  declare errorCode: string | undefined;

  constructor(auid: string, entries: Iterable<DirectoryEntry> = [], errorCode?: string) {
    super(entries);
    this.auid = auid;
    this.errorCode = errorCode;
  }
}

/** The `<xcap-directory>` document: an array of folders, looked up by AUID with `get(auid)`. */
export class XCAPDirectory extends XMLRootListElement<Folder> {
  static override readonly contentType = 'application/vnd.oma.xcap-directory+xml';
  static override itemKey = 'auid';
  static readonly schema = defineSchema<XCAPDirectory>({
    namespace: NS, name: 'xcap-directory', list: true,
    children: [{ kind: 'items', element: Folder }],
  });
}
registerNamespace(XCAPDirectory, NS, '');
registerDocument(XCAPDirectory);
