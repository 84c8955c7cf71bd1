/**
 * Resource lists (RFC 4826 section 3): the `application/resource-lists+xml`
 * documents that hold buddy lists on an XCAP server. A document is a list
 * of `<list>` elements; a list holds entries, references to entries, external
 * lists and nested lists, in the order they were written.
 */
import {
  XMLElement, XMLListElement, XMLRootListElement, XMLString, XMLURI,
  defineSchema, localizedTextElement, registerDocument, registerNamespace, type ElementSchema,
} from '../xml/index.js';

/** Namespace of resource lists (RFC 4826 section 3.2). */
export const RESOURCE_LISTS_NAMESPACE = 'urn:ietf:params:xml:ns:resource-lists';
const NS = RESOURCE_LISTS_NAMESPACE;

/** `<display-name xml:lang="..">` of a list, entry, entry-ref or external (RFC 4826 section 3.2). */
export class DisplayName extends localizedTextElement(NS, 'display-name', XMLString) {}

/** A display name given as text or as an element. */
export type DisplayNameInput = string | DisplayName | undefined;

/** A {@link DisplayName} from text (or the element itself). */
export function toDisplayName(value: DisplayNameInput): DisplayName | undefined {
  return typeof value === 'string' ? new DisplayName(value) : value;
}

/** `<entry uri="..">`: one resource (RFC 4826 section 3.2). The URI is kept byte for byte. */
export class Entry extends XMLElement {
  static readonly schema = defineSchema<Entry>({
    namespace: NS, name: 'entry',
    attributes: { uri: { name: 'uri', type: XMLURI, required: true } },
    children: [
      { kind: 'child', property: 'displayName', element: DisplayName },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  uri: string;
  displayName: DisplayName | undefined;
  /** Elements of other namespaces (the addressbook's entry attributes, unknown ones as `RawElement`). */
  extensions: object[];

  constructor(uri: string, name?: DisplayNameInput) {
    super();
    this.uri = uri;
    this.displayName = toDisplayName(name);
    this.extensions = [];
  }

  /** `"Display Name" <uri>`, or the bare URI without a display name. */
  override toString(): string {
    return this.displayName === undefined ? this.uri : `"${this.displayName.value}" <${this.uri}>`;
  }
}

/** `<entry-ref ref="..">`: a reference to an entry of another list, relative to the XCAP root (RFC 4826 section 3.2). */
export class EntryRef extends XMLElement {
  static readonly schema = defineSchema<EntryRef>({
    namespace: NS, name: 'entry-ref',
    attributes: { ref: { name: 'ref', type: XMLURI, required: true } },
    children: [
      { kind: 'child', property: 'displayName', element: DisplayName },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  ref: string;
  displayName: DisplayName | undefined;
  extensions: object[];

  constructor(ref: string, name?: DisplayNameInput) {
    super();
    this.ref = ref;
    this.displayName = toDisplayName(name);
    this.extensions = [];
  }

  override toString(): string {
    return this.ref;
  }
}

/** `<external anchor="..">`: a whole list held elsewhere, by its absolute HTTP URI (RFC 4826 section 3.2). */
export class External extends XMLElement {
  static readonly schema = defineSchema<External>({
    namespace: NS, name: 'external',
    attributes: { anchor: { name: 'anchor', type: XMLURI } },
    children: [
      { kind: 'child', property: 'displayName', element: DisplayName },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  anchor: string | undefined;
  displayName: DisplayName | undefined;
  extensions: object[];

  constructor(anchor?: string, name?: DisplayNameInput) {
    super();
    this.anchor = anchor;
    this.displayName = toDisplayName(name);
    this.extensions = [];
  }

  override toString(): string {
    return this.anchor ?? '';
  }
}

/** What a `<list>` holds: entries, entry references, external lists, nested lists, and extension elements of other namespaces. */
export type ListItem = Entry | EntryRef | External | List | object;

/**
 * Declares a `<list name="..">` element of `namespace` with the content of
 * RFC 4826's `list` type (section 3.2): a display name, then entries, entry
 * references, external lists and nested resource-lists `<list>`s as items,
 * then extension elements. rls-services' `<list>` (section 4.1) has the
 * same content in its own namespace.
 */
export function resourceListElement(namespace: string) {
  /** A `<list>` of `namespace`. */
  class ListElement extends XMLListElement<ListItem> {
    static override itemKey = 'uri';
    static readonly schema: ElementSchema = defineSchema<ListElement>({
      namespace, name: 'list', list: true,
      attributes: { name: { name: 'name', type: XMLString } },
      children: [
        { kind: 'child', property: 'displayName', element: DisplayName },
        { kind: 'items', element: [() => List, External, Entry, EntryRef] },
        { kind: 'extensions' },
      ],
    });
    declare name: string | undefined;
    declare displayName: DisplayName | undefined;

    constructor(items: Iterable<ListItem> = [], name?: string, displayNameValue?: DisplayNameInput) {
      super(items);
      this.name = name;
      this.displayName = toDisplayName(displayNameValue);
    }
  }
  return ListElement;
}

/**
 * `<list name="..">` (RFC 4826 section 3.2): an array of its items in
 * document order. `get(uri)` finds an entry by URI; {@link list} finds a
 * nested list by name. Extension elements (the addressbook's groups,
 * contacts and policies, unknown ones as `RawElement`) are items too and
 * are written after the standard items, as the schema orders them.
 */
export class List extends resourceListElement(NS) {
  /** The nested list called `name`. */
  list(name: string): List | undefined {
    for (const item of this) if (item instanceof List && item.name === name) return item;
    return undefined;
  }

  /** The `<entry>` items of this list (not those of nested lists). */
  get entryElements(): Entry[] {
    return this.filter((item): item is Entry => item instanceof Entry);
  }
}

/** The `<resource-lists>` document (RFC 4826 section 3): an array of lists, looked up by name with `get(name)`. */
export class ResourceLists extends XMLRootListElement<List> {
  static override readonly contentType = 'application/resource-lists+xml';
  static override itemKey = 'name';
  static readonly schema = defineSchema<ResourceLists>({
    namespace: NS, name: 'resource-lists', list: true,
    children: [{ kind: 'items', element: List }],
  });
}
registerNamespace(ResourceLists, NS, 'rl');
registerDocument(ResourceLists);
