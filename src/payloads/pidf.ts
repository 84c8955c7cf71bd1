/**
 * PIDF, the Presence Information Data Format (RFC 3863), with RFC 3379
 * timestamps: `application/pidf+xml`. RPID, CIPID, caps and the data model
 * plug into it through `registerExtension` (see rpid.ts, cipid.ts, caps.ts,
 * datamodel.ts); an application registers its own elements the same way.
 */
import {
  defineSchema,
  enumeration,
  localizedTextElement,
  QValue,
  registerDocument,
  registerNamespace,
  XMLDateTime,
  XMLElement,
  XMLRootListElement,
  XMLToken,
  XMLURI,
} from '../xml/index.js';

/** The PIDF namespace (RFC 3863 section 4.1.1). */
export const PIDF_NAMESPACE = 'urn:ietf:params:xml:ns:pidf';

/** Values of `<basic>` (RFC 3863 section 4.1.4). */
export type BasicValue = 'open' | 'closed';

/** `<basic>open</basic>`: the basic availability of a tuple (RFC 3863 section 4.1.4). */
export class Basic extends XMLElement {
  static readonly schema = defineSchema<Basic>({
    namespace: PIDF_NAMESPACE,
    name: 'basic',
    text: { property: 'value', type: enumeration(['open', 'closed'] as const, 'basic'), required: true },
  });
  value: BasicValue;
  constructor(value: BasicValue) {
    super();
    this.value = value;
  }
  override toString(): string {
    return this.value;
  }
}

/** `<status>`: the basic status and status extensions of a tuple (RFC 3863 section 4.1.4). */
export class Status extends XMLElement {
  static readonly schema = defineSchema<Status>({
    namespace: PIDF_NAMESPACE,
    name: 'status',
    children: [
      { kind: 'child', property: 'basic', element: Basic },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  basic: Basic | undefined;
  /** Status extensions (elements of other namespaces). */
  extensions: object[];
  constructor(basic?: Basic | BasicValue, extensions: object[] = []) {
    super();
    this.basic = typeof basic === 'string' ? new Basic(basic) : basic;
    this.extensions = extensions;
  }
}

/** `<contact priority="0.8">`: a contact URI of a tuple, kept byte for byte (RFC 3863 section 4.1.5). */
export class Contact extends XMLElement {
  static readonly schema = defineSchema<Contact>({
    namespace: PIDF_NAMESPACE,
    name: 'contact',
    attributes: { priority: { name: 'priority', type: QValue } },
    text: { property: 'value', type: XMLURI, required: true },
  });
  value: string;
  /** Relative priority, 0 to 1. */
  priority: number | undefined;
  constructor(value: string, priority?: number) {
    super();
    this.value = value;
    this.priority = priority;
  }
  override toString(): string {
    return this.value;
  }
}

/** `<note xml:lang="fr">`: a human-readable note of a presence document or tuple (RFC 3863 section 4.1.6). */
export class Note extends localizedTextElement(PIDF_NAMESPACE, 'note') {}

/** The seed's name for a note inside a tuple: the same `<note>` element. */
export const ServiceNote = Note;

/** `<timestamp>`: when the tuple last changed, an RFC 3339 date-time (RFC 3863 section 4.1.7). */
export class Timestamp extends XMLElement {
  static readonly schema = defineSchema<Timestamp>({
    namespace: PIDF_NAMESPACE,
    name: 'timestamp',
    text: { property: 'value', type: XMLDateTime, required: true },
  });
  value: Date;
  constructor(value: Date = new Date()) {
    super();
    this.value = value;
  }
  override toString(): string {
    return XMLDateTime.format(this.value);
  }
}

/** Options of a {@link Tuple}. */
export interface TupleOptions {
  status?: Status;
  contact?: Contact;
  notes?: Note[];
  timestamp?: Timestamp;
  extensions?: object[];
}

/**
 * `<tuple id="...">`: one presence tuple (RFC 3863 section 4.1.3), which the
 * data model of RFC 4479 and the seed call a service (the name `Service` is
 * left to RFC 4826's rls-services). Extensions (caps' servcaps, the
 * data model's deviceID, RPID elements) sit between status and contact.
 */
export class Tuple extends XMLElement {
  static readonly schema = defineSchema<Tuple>({
    namespace: PIDF_NAMESPACE,
    name: 'tuple',
    attributes: { id: { name: 'id', type: XMLToken, required: true } },
    children: [
      { kind: 'child', property: 'status', element: Status, required: true },
      { kind: 'extensions', property: 'extensions' },
      { kind: 'child', property: 'contact', element: Contact },
      { kind: 'list', property: 'notes', element: Note },
      { kind: 'child', property: 'timestamp', element: Timestamp },
    ],
  });
  id: string;
  status: Status;
  extensions: object[];
  contact: Contact | undefined;
  notes: Note[];
  timestamp: Timestamp | undefined;
  constructor(id: string, options: TupleOptions = {}) {
    super();
    this.id = id;
    this.status = options.status ?? new Status();
    this.extensions = options.extensions ?? [];
    this.contact = options.contact;
    this.notes = options.notes ?? [];
    this.timestamp = options.timestamp;
  }
}

/**
 * `<presence entity="...">`: a PIDF document (RFC 3863 section 4.1.2). It is
 * a list of its tuples and of its extension elements (the data model's
 * persons and devices, ...); document-level notes are in `notes`.
 */
export class PIDF extends XMLRootListElement<Tuple | object> {
  static override readonly contentType = 'application/pidf+xml';
  static readonly schema = defineSchema<PIDF>({
    namespace: PIDF_NAMESPACE,
    name: 'presence',
    list: true,
    attributes: { entity: { name: 'entity', type: XMLURI, required: true } },
    children: [
      { kind: 'items', element: Tuple },
      { kind: 'list', property: 'notes', element: Note },
      { kind: 'extensions' },
    ],
  });
  /** The presentity's URI. */
  entity: string;
  notes: Note[];
  constructor(entity: string, items: Iterable<Tuple | object> = [], notes: Note[] = []) {
    super(items);
    this.entity = entity;
    this.notes = notes;
  }

  /** The tuples, in document order. */
  get tuples(): Tuple[] {
    return this.filter((item): item is Tuple => item instanceof Tuple);
  }

  /** Items of class `type` (e.g. `pidf.itemsOf(Person)`). */
  itemsOf<T>(type: abstract new (...args: never[]) => T): T[] {
    return this.filter((item): item is T & object => item instanceof type);
  }
}

registerNamespace(PIDF, PIDF_NAMESPACE, '');
registerDocument(PIDF);
