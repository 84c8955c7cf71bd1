/**
 * XCAP diff (RFC 5874): the `application/xcap-diff+xml` documents that tell
 * which XCAP documents, elements or attributes changed (the body of the
 * `xcap-diff` event's NOTIFY, RFC 5875), with the old and new entity tags and
 * optionally the changes as XML patch operations (RFC 5261).
 */
import {
  XMLBoolean, XMLElement, XMLListElement, XMLRootListElement, XMLString, XMLURI,
  defineSchema, enumeration, registerDocument, registerNamespace,
} from '../xml/index.js';

/** Namespace of xcap-diff (RFC 5874 section 8.1). */
export const XCAP_DIFF_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-diff';
const NS = XCAP_DIFF_NAMESPACE;

/** `<body-not-changed/>`: only the entity tag changed (RFC 5874 section 4). */
export class BodyNotChanged extends XMLElement {
  static readonly schema = defineSchema<BodyNotChanged>({ namespace: NS, name: 'body-not-changed' });
}

/**
 * `<add sel=".." pos=".." type="..">` (RFC 5261 section 4.3): inserts its
 * content; `text` holds its text and `content` its elements (as
 * `RawElement`s or registered classes).
 */
export class Add extends XMLElement {
  static readonly schema = defineSchema<Add>({
    namespace: NS, name: 'add',
    attributes: {
      sel: { name: 'sel', type: XMLString, required: true },
      pos: { name: 'pos', type: enumeration(['before', 'after', 'prepend'], 'pos') },
      type: { name: 'type', type: XMLString },
    },
    text: { property: 'text', type: XMLString },
    children: [{ kind: 'extensions', property: 'content' }],
  });
  sel: string;
  pos: 'before' | 'after' | 'prepend' | undefined;
  type: string | undefined;
  text: string | undefined;
  content: object[];

  constructor(sel: string, content: { text?: string; elements?: object[]; pos?: 'before' | 'after' | 'prepend'; type?: string } = {}) {
    super();
    this.sel = sel;
    this.pos = content.pos;
    this.type = content.type;
    this.text = content.text;
    this.content = content.elements ?? [];
  }
}

/** `<replace sel="..">` (RFC 5261 section 4.4): replaces the selected node by its content. */
export class Replace extends XMLElement {
  static readonly schema = defineSchema<Replace>({
    namespace: NS, name: 'replace',
    attributes: { sel: { name: 'sel', type: XMLString, required: true } },
    text: { property: 'text', type: XMLString },
    children: [{ kind: 'extensions', property: 'content' }],
  });
  sel: string;
  text: string | undefined;
  content: object[];

  constructor(sel: string, content: { text?: string; elements?: object[] } = {}) {
    super();
    this.sel = sel;
    this.text = content.text;
    this.content = content.elements ?? [];
  }
}

/** `<remove sel=".." ws="..">` (RFC 5261 section 4.5). */
export class Remove extends XMLElement {
  static readonly schema = defineSchema<Remove>({
    namespace: NS, name: 'remove',
    attributes: {
      sel: { name: 'sel', type: XMLString, required: true },
      ws: { name: 'ws', type: enumeration(['before', 'after', 'both'], 'ws') },
    },
  });
  sel: string;
  ws: 'before' | 'after' | 'both' | undefined;

  constructor(sel: string, ws?: 'before' | 'after' | 'both') {
    super();
    this.sel = sel;
    this.ws = ws;
  }
}

/** A patch operation of a `<document>`. */
export type PatchOperation = Add | Replace | Remove;

/**
 * `<document sel=".." previous-etag=".." new-etag="..">` (RFC 5874 section
 * 4): one changed document, by its XCAP document selector. Without
 * `newEtag` the document was removed; without `previousEtag` it was
 * created. Its items are the patch operations in order.
 */
export class Document extends XMLListElement<PatchOperation | object> {
  static override itemKey = 'sel';
  static readonly schema = defineSchema<Document>({
    namespace: NS, name: 'document', list: true,
    attributes: {
      selector: { name: 'sel', type: XMLURI, required: true },
      previousEtag: { name: 'previous-etag', type: XMLString },
      newEtag: { name: 'new-etag', type: XMLString },
    },
    children: [
      { kind: 'child', property: 'bodyNotChangedElement', element: BodyNotChanged },
      { kind: 'items', element: [Add, Replace, Remove] },
      { kind: 'extensions' },
    ],
  });
  declare selector: string;
  declare previousEtag: string | undefined;
  declare newEtag: string | undefined;
  declare bodyNotChangedElement: BodyNotChanged | undefined;

  constructor(selector: string, etags: { previousEtag?: string; newEtag?: string; bodyNotChanged?: boolean } = {}, operations: Iterable<PatchOperation> = []) {
    super(operations);
    this.selector = selector;
    this.previousEtag = etags.previousEtag;
    this.newEtag = etags.newEtag;
    this.bodyNotChanged = etags.bodyNotChanged === true;
  }

  /** Whether only the entity tag changed (`<body-not-changed/>`). */
  get bodyNotChanged(): boolean {
    return this.bodyNotChangedElement !== undefined;
  }

  set bodyNotChanged(value: boolean) {
    this.bodyNotChangedElement = value ? new BodyNotChanged() : undefined;
  }

  /** Whether the document was removed (no new entity tag). */
  get removed(): boolean {
    return this.newEtag === undefined;
  }
}

/** `<element sel=".." exists="..">` (RFC 5874 section 4): the content of an element, or that it does not exist. */
export class Element extends XMLElement {
  static readonly schema = defineSchema<Element>({
    namespace: NS, name: 'element',
    attributes: { selector: { name: 'sel', type: XMLURI, required: true }, exists: { name: 'exists', type: XMLBoolean } },
    text: { property: 'text', type: XMLString },
    children: [{ kind: 'extensions', property: 'content' }],
  });
  selector: string;
  exists: boolean | undefined;
  text: string | undefined;
  content: object[];

  constructor(selector: string, options: { exists?: boolean; content?: object[] } = {}) {
    super();
    this.selector = selector;
    this.exists = options.exists;
    this.text = undefined;
    this.content = options.content ?? [];
  }
}

/** `<attribute sel=".." exists="..">value</attribute>` (RFC 5874 section 4): an attribute's value, or that it does not exist. */
export class Attribute extends XMLElement {
  static readonly schema = defineSchema<Attribute>({
    namespace: NS, name: 'attribute',
    attributes: { selector: { name: 'sel', type: XMLURI, required: true }, exists: { name: 'exists', type: XMLBoolean } },
    text: { property: 'value', type: XMLString },
  });
  selector: string;
  exists: boolean | undefined;
  value: string | undefined;

  constructor(selector: string, options: { exists?: boolean; value?: string } = {}) {
    super();
    this.selector = selector;
    this.exists = options.exists;
    this.value = options.value;
  }
}

/** The `<xcap-diff xcap-root="..">` document (RFC 5874 section 4): documents, elements and attributes that changed. */
export class XCAPDiff extends XMLRootListElement<Document | Element | Attribute | object> {
  static override readonly contentType = 'application/xcap-diff+xml';
  static override itemKey = 'selector';
  static readonly schema = defineSchema<XCAPDiff>({
    namespace: NS, name: 'xcap-diff', list: true,
    attributes: { xcapRoot: { name: 'xcap-root', type: XMLURI, required: true } },
    children: [{ kind: 'items', element: [Document, Element, Attribute] }, { kind: 'extensions' }],
  });
  declare xcapRoot: string;

  constructor(xcapRoot: string, items: Iterable<Document | Element | Attribute> = []) {
    super(items);
    this.xcapRoot = xcapRoot;
  }

  /** The `<document>` items. */
  get documents(): Document[] {
    return this.filter((item): item is Document => item instanceof Document);
  }
}
registerNamespace(XCAPDiff, NS, '');
registerDocument(XCAPDiff);
