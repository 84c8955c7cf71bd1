/**
 * The addressbook extension of resource-lists (AG Projects' extension that
 * python-sipsimple's XCAP manager stores its data in; see
 * spec/xcap-api.md section 2): contacts (a person with several URIs),
 * groups of contacts and per-URI policies, each with presence and dialog
 * handling and free-form attributes. The elements are extension items of a
 * resource-lists `<list>` (RFC 4826 section 3.2 allows elements of other
 * namespaces there); `<attributes>` may also extend an `<entry>`.
 */
import {
  XMLBoolean, XMLElement, XMLListElement, XMLString, XMLURI, defineSchema, enumeration, registerExtension, registerNamespace,
} from '../xml/index.js';
import { Entry, List, ResourceLists } from './resourcelists.js';

/** Namespace of the addressbook extension. */
export const ADDRESSBOOK_NAMESPACE = 'urn:ag-projects:xml:ns:addressbook';
const NS = ADDRESSBOOK_NAMESPACE;

/** `<attribute name="..">value</attribute>`: one free-form name/value pair. */
export class Attribute extends XMLElement {
  static readonly schema = defineSchema<Attribute>({
    namespace: NS, name: 'attribute',
    attributes: { name: { name: 'name', type: XMLString, required: true } },
    text: { property: 'value', type: XMLString, required: true },
  });
  name: string;
  value: string;

  constructor(name: string, value: string) {
    super();
    this.name = name;
    this.value = value;
  }
}

/** `<attributes>`: the name/value pairs the middleware or application stores about an element; `get(name)` finds one. */
export class Attributes extends XMLListElement<Attribute> {
  static override itemKey = 'name';
  static readonly schema = defineSchema<Attributes>({ namespace: NS, name: 'attributes', list: true, children: [{ kind: 'items', element: Attribute }] });

  /** Builds the element from a plain record. */
  static fromRecord(record: Readonly<Record<string, string>>): Attributes {
    return new Attributes(Object.entries(record).map(([name, value]) => new Attribute(name, value)));
  }

  /** The pairs as a plain record (a later duplicate wins). */
  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const attribute of this) record[attribute.name] = attribute.value;
    return record;
  }
}

/** Policies a contact or policy applies to an event (`default` defers to the default rule). */
export const HANDLING_POLICIES = ['default', 'allow', 'block', 'confirm'] as const;
/** One handling policy. */
export type HandlingPolicy = (typeof HANDLING_POLICIES)[number];

/** The policy for one event package plus whether to subscribe to it (the XCAP manager's `EventHandling`). */
abstract class EventHandling extends XMLElement {
  declare policy: HandlingPolicy;
  declare subscribe: boolean;

  constructor(policy: HandlingPolicy = 'default', subscribe = false) {
    super();
    this.policy = policy;
    this.subscribe = subscribe;
  }
}

const handlingAttributes = {
  policy: { name: 'policy', type: enumeration(HANDLING_POLICIES, 'policy'), required: true },
  subscribe: { name: 'subscribe', type: XMLBoolean, required: true },
} as const;

/** `<presence policy=".." subscribe="..">`: presence handling. */
export class PresenceHandling extends EventHandling {
  static readonly schema = defineSchema<PresenceHandling>({ namespace: NS, name: 'presence', attributes: handlingAttributes });
}

/** `<dialog policy=".." subscribe="..">`: dialog-info handling. */
export class DialogHandling extends EventHandling {
  static readonly schema = defineSchema<DialogHandling>({ namespace: NS, name: 'dialog', attributes: handlingAttributes });
}

/** `<uri id=".." uri=".." type="..">`: one URI of a contact, kept byte for byte. */
export class ContactURI extends XMLElement {
  static readonly schema = defineSchema<ContactURI>({
    namespace: NS, name: 'uri',
    attributes: { id: { name: 'id', type: XMLString, required: true }, uri: { name: 'uri', type: XMLURI, required: true }, type: { name: 'type', type: XMLString } },
    children: [{ kind: 'child', property: 'attributes', element: Attributes }],
  });
  id: string;
  uri: string;
  type: string | undefined;
  attributes: Attributes | undefined;

  constructor(id: string, uri: string, type?: string, attributes?: Attributes) {
    super();
    this.id = id;
    this.uri = uri;
    this.type = type;
    this.attributes = attributes;
  }
}

/** `<uris default="..">`: a contact's URIs, `get(id)`; `default` names the preferred one. */
export class ContactURIList extends XMLListElement<ContactURI> {
  static readonly schema = defineSchema<ContactURIList>({
    namespace: NS, name: 'uris', list: true,
    attributes: { default: { name: 'default', type: XMLString } },
    children: [{ kind: 'items', element: ContactURI }],
  });
  declare default: string | undefined;

  constructor(uris: Iterable<ContactURI> = [], defaultId?: string) {
    super(uris);
    this.default = defaultId;
  }
}

/** The parts shared by contacts and policies. */
interface HandlingParts {
  presence?: PresenceHandling;
  dialog?: DialogHandling;
  attributes?: Attributes;
}

/** `<contact id="..">`: a person with a name, URIs, presence and dialog handling and attributes (spec/xcap-api.md section 2.1). */
export class Contact extends XMLElement {
  static readonly schema = defineSchema<Contact>({
    namespace: NS, name: 'contact',
    attributes: { id: { name: 'id', type: XMLString, required: true } },
    children: [
      { kind: 'value', property: 'name', namespace: NS, name: 'name', type: XMLString, required: true },
      { kind: 'child', property: 'uris', element: ContactURIList, required: true },
      { kind: 'child', property: 'presence', element: PresenceHandling, required: true },
      { kind: 'child', property: 'dialog', element: DialogHandling, required: true },
      { kind: 'child', property: 'attributes', element: Attributes },
    ],
  });
  id: string;
  name: string;
  uris: ContactURIList;
  presence: PresenceHandling;
  dialog: DialogHandling;
  attributes: Attributes | undefined;

  /** Without handling, both events get the `default` policy and no subscription (spec/xcap-api.md section 2.1). */
  constructor(id: string, name: string, uris: ContactURIList | Iterable<ContactURI> = [], parts: HandlingParts = {}) {
    super();
    this.id = id;
    this.name = name;
    this.uris = uris instanceof ContactURIList ? uris : new ContactURIList(uris);
    this.presence = parts.presence ?? new PresenceHandling();
    this.dialog = parts.dialog ?? new DialogHandling();
    this.attributes = parts.attributes;
  }
}

/** `<policy id=".." uri="..">`: a policy for a single URI, shaped like a contact (spec/xcap-api.md section 2.2). */
export class Policy extends XMLElement {
  static readonly schema = defineSchema<Policy>({
    namespace: NS, name: 'policy',
    attributes: { id: { name: 'id', type: XMLString, required: true }, uri: { name: 'uri', type: XMLURI, required: true } },
    children: [
      { kind: 'value', property: 'name', namespace: NS, name: 'name', type: XMLString, required: true },
      { kind: 'child', property: 'presence', element: PresenceHandling, required: true },
      { kind: 'child', property: 'dialog', element: DialogHandling, required: true },
      { kind: 'child', property: 'attributes', element: Attributes },
    ],
  });
  id: string;
  uri: string;
  name: string;
  presence: PresenceHandling;
  dialog: DialogHandling;
  attributes: Attributes | undefined;

  constructor(id: string, name: string, uri: string, parts: HandlingParts = {}) {
    super();
    this.id = id;
    this.name = name;
    this.uri = uri;
    this.presence = parts.presence ?? new PresenceHandling();
    this.dialog = parts.dialog ?? new DialogHandling();
    this.attributes = parts.attributes;
  }
}

/** `<group id="..">`: a named set of contacts, by their ids (spec/xcap-api.md section 2.3). */
export class Group extends XMLElement {
  static readonly schema = defineSchema<Group>({
    namespace: NS, name: 'group',
    attributes: { id: { name: 'id', type: XMLString, required: true } },
    children: [
      { kind: 'value', property: 'name', namespace: NS, name: 'name', type: XMLString, required: true },
      { kind: 'values', property: 'contacts', namespace: NS, name: 'contact-id', type: XMLString },
      { kind: 'child', property: 'attributes', element: Attributes },
    ],
  });
  id: string;
  name: string;
  /** Ids of the member contacts. */
  contacts: string[];
  attributes: Attributes | undefined;

  constructor(id: string, name: string, contacts: Iterable<string> = [], attributes?: Attributes) {
    super();
    this.id = id;
    this.name = name;
    this.contacts = [...contacts];
    this.attributes = attributes;
  }
}

/** The contacts, groups and policies held in a resource-lists `<list>` (spec/xcap-api.md section 2.4). */
export class Addressbook {
  constructor(
    readonly contacts: Contact[] = [],
    readonly groups: Group[] = [],
    readonly policies: Policy[] = [],
  ) {}

  /** Collects the addressbook elements of `list` (other items are left alone). */
  static fromList(list: Iterable<unknown>): Addressbook {
    const book = new Addressbook();
    for (const item of list) {
      if (item instanceof Contact) book.contacts.push(item);
      else if (item instanceof Group) book.groups.push(item);
      else if (item instanceof Policy) book.policies.push(item);
    }
    return book;
  }

  /** A `<list name="..">` holding the groups, contacts and policies. */
  toList(name: string): List {
    return new List([...this.groups, ...this.contacts, ...this.policies], name);
  }

  /** The contact with id `id`. */
  contact(id: string): Contact | undefined {
    return this.contacts.find((contact) => contact.id === id);
  }

  /** The contacts of a group (ids that name no contact are skipped). */
  membersOf(group: Group): Contact[] {
    return group.contacts.map((id) => this.contact(id)).filter((contact): contact is Contact => contact !== undefined);
  }
}

registerExtension(List, Group);
registerExtension(List, Contact);
registerExtension(List, Policy);
registerExtension(Entry, Attributes);
registerNamespace(ResourceLists, NS, 'addressbook');
