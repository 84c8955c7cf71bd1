/**
 * Conference information (RFC 4575): the `application/conference-info+xml`
 * documents of the `conference` event package, which describe a
 * conference, its host, state, users, their endpoints and media, and its
 * sidebars. Every element of the `state`-carrying kinds (`users`, `user`,
 * `endpoint`, URI lists) can be `full`, `partial` or `deleted` in partial
 * notifications (RFC 4575 section 4.1).
 */
import {
  XMLBoolean, XMLDateTime, XMLElement, XMLListElement, XMLString, XMLToken, XMLURI,
  defineSchema, enumeration, integerType, parseDocument, registerDocument, registerNamespace, serializeDocument,
  type ElementSchema, type InvalidElement, type ValueType, type XMLParseOptions, type XMLWriteOptions,
} from '../xml/index.js';

/** Namespace of conference-info (RFC 4575 section 5). */
export const CONFERENCE_INFO_NAMESPACE = 'urn:ietf:params:xml:ns:conference-info';
const NS = CONFERENCE_INFO_NAMESPACE;

/** The `state` attribute of partial notifications (RFC 4575 section 4.1). */
export type ElementState = 'full' | 'partial' | 'deleted';
const State = enumeration<ElementState>(['full', 'partial', 'deleted'], 'state');
const UnsignedInt = integerType(0, 4294967295, 'unsignedInt');

/** A whitespace-separated list of tokens (`xs:list`), as `<keywords>` and `<languages>` hold. */
const TokenList: ValueType<string[]> = {
  name: 'list',
  parse: (text) => text.split(/\s+/).filter((token) => token !== ''),
  format: (value) => {
    if (!Array.isArray(value) || value.some((token) => typeof token !== 'string' || token === '' || /\s/.test(token))) throw new Error('expected tokens without whitespace');
    return value.join(' ');
  },
};


/** An execution record (`<when>`, `<reason>`, `<by>`; RFC 4575 section 5.1, `execution-type`). */
export abstract class Execution extends XMLElement {
  declare when: Date | undefined;
  declare reason: string | undefined;
  declare by: string | undefined;

  constructor(options: { when?: Date; reason?: string; by?: string } = {}) {
    super();
    this.when = options.when;
    this.reason = options.reason;
    this.by = options.by;
  }
}

function executionSchema(name: string): ElementSchema {
  return {
    namespace: NS, name,
    children: [
      { kind: 'value', property: 'when', namespace: NS, name: 'when', type: XMLDateTime },
      { kind: 'value', property: 'reason', namespace: NS, name: 'reason', type: XMLString },
      { kind: 'value', property: 'by', namespace: NS, name: 'by', type: XMLURI },
    ],
  };
}

/** `<modified>` of a URI entry. */
export class Modified extends Execution { static readonly schema = executionSchema('modified'); }
/** `<referred>`: who referred the endpoint (RFC 4575 section 5.7.2). */
export class Referred extends Execution { static readonly schema = executionSchema('referred'); }
/** `<joining-info>` (RFC 4575 section 5.7.5). */
export class JoiningInfo extends Execution { static readonly schema = executionSchema('joining-info'); }
/** `<disconnection-info>` (RFC 4575 section 5.7.7). */
export class DisconnectionInfo extends Execution { static readonly schema = executionSchema('disconnection-info'); }

/** `<entry>` of a URI list: a URI with its display text and purpose (RFC 4575 section 5.3.1, `uri-type`). */
export class URIEntry extends XMLElement {
  static readonly schema = defineSchema<URIEntry>({
    namespace: NS, name: 'entry',
    children: [
      { kind: 'value', property: 'uri', namespace: NS, name: 'uri', type: XMLURI, required: true },
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'purpose', namespace: NS, name: 'purpose', type: XMLToken },
      { kind: 'child', property: 'modified', element: Modified },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  uri: string;
  displayText: string | undefined;
  /** `participation`, `streaming`, `web-page`, `recording`, `event`, ... (RFC 4575 section 5.3.1). */
  purpose: string | undefined;
  modified: Modified | undefined;
  extensions: object[];

  constructor(uri: string, options: { displayText?: string; purpose?: string } = {}) {
    super();
    this.uri = uri;
    this.displayText = options.displayText;
    this.purpose = options.purpose;
    this.modified = undefined;
    this.extensions = [];
  }
}

/** A list of URI entries (`uris-type`), looked up by URI with `get(uri)`. */
export abstract class URIs extends XMLListElement<URIEntry> {
  static override itemKey = 'uri';
  declare state: ElementState | undefined;

  constructor(entries: Iterable<URIEntry> = [], state?: ElementState) {
    super(entries);
    this.state = state;
  }
}

function urisSchema(name: string): ElementSchema {
  return {
    namespace: NS, name, list: true,
    attributes: { state: { name: 'state', type: State } },
    children: [{ kind: 'items', element: URIEntry }, { kind: 'extensions' }],
  };
}

/** `<conf-uris>`: URIs to join the conference (RFC 4575 section 5.3.1). */
export class ConfURIs extends URIs { static readonly schema = urisSchema('conf-uris'); }
/** `<service-uris>`: auxiliary services (RFC 4575 section 5.3.2). */
export class ServiceURIs extends URIs { static readonly schema = urisSchema('service-uris'); }
/** `<uris>` of the host (RFC 4575 section 5.4). */
export class HostURIs extends URIs { static readonly schema = urisSchema('uris'); }
/** `<associated-aors>` of a user (RFC 4575 section 5.6.2). */
export class AssociatedAORs extends URIs { static readonly schema = urisSchema('associated-aors'); }
/** `<sidebars-by-ref>` (RFC 4575 section 5.9.1). */
export class SidebarsByRef extends URIs { static readonly schema = urisSchema('sidebars-by-ref'); }

/** Media statuses (RFC 4575 section 5.7.8). */
export type MediaStatus = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const MediaStatusType = enumeration<MediaStatus>(['sendrecv', 'sendonly', 'recvonly', 'inactive'], 'media status');

/** `<entry label="..">` of `<available-media>` (RFC 4575 section 5.3.4). */
export class AvailableMediaEntry extends XMLElement {
  static readonly schema = defineSchema<AvailableMediaEntry>({
    namespace: NS, name: 'entry',
    attributes: { label: { name: 'label', type: XMLString, required: true } },
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'type', namespace: NS, name: 'type', type: XMLToken, required: true },
      { kind: 'value', property: 'status', namespace: NS, name: 'status', type: MediaStatusType },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  label: string;
  displayText: string | undefined;
  type: string;
  status: MediaStatus | undefined;
  extensions: object[];

  constructor(label: string, type: string, options: { displayText?: string; status?: MediaStatus } = {}) {
    super();
    this.label = label;
    this.type = type;
    this.displayText = options.displayText;
    this.status = options.status;
    this.extensions = [];
  }
}

/** `<available-media>`: the conference's media streams, by label (RFC 4575 section 5.3.4). */
export class AvailableMedia extends XMLListElement<AvailableMediaEntry> {
  static override itemKey = 'label';
  static readonly schema = defineSchema<AvailableMedia>({
    namespace: NS, name: 'available-media', list: true,
    children: [{ kind: 'items', element: AvailableMediaEntry }, { kind: 'extensions' }],
  });
}

/** `<conference-description>` (RFC 4575 section 5.3). */
export class ConferenceDescription extends XMLElement {
  static readonly schema = defineSchema<ConferenceDescription>({
    namespace: NS, name: 'conference-description',
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'subject', namespace: NS, name: 'subject', type: XMLString },
      { kind: 'value', property: 'freeText', namespace: NS, name: 'free-text', type: XMLString },
      { kind: 'value', property: 'keywords', namespace: NS, name: 'keywords', type: TokenList },
      { kind: 'child', property: 'confUris', element: ConfURIs },
      { kind: 'child', property: 'serviceUris', element: ServiceURIs },
      { kind: 'value', property: 'maximumUserCount', namespace: NS, name: 'maximum-user-count', type: UnsignedInt },
      { kind: 'child', property: 'availableMedia', element: AvailableMedia },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  displayText: string | undefined;
  subject: string | undefined;
  freeText: string | undefined;
  keywords: string[] | undefined;
  confUris: ConfURIs | undefined;
  serviceUris: ServiceURIs | undefined;
  maximumUserCount: number | undefined;
  availableMedia: AvailableMedia | undefined;
  extensions: object[];

  constructor(parts: Partial<Pick<ConferenceDescription, 'displayText' | 'subject' | 'freeText' | 'keywords' | 'confUris' | 'serviceUris' | 'maximumUserCount' | 'availableMedia'>> = {}) {
    super();
    this.displayText = parts.displayText;
    this.subject = parts.subject;
    this.freeText = parts.freeText;
    this.keywords = parts.keywords;
    this.confUris = parts.confUris;
    this.serviceUris = parts.serviceUris;
    this.maximumUserCount = parts.maximumUserCount;
    this.availableMedia = parts.availableMedia;
    this.extensions = [];
  }
}

/** `<host-info>` (RFC 4575 section 5.4). */
export class HostInfo extends XMLElement {
  static readonly schema = defineSchema<HostInfo>({
    namespace: NS, name: 'host-info',
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'webPage', namespace: NS, name: 'web-page', type: XMLURI },
      { kind: 'child', property: 'uris', element: HostURIs },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  displayText: string | undefined;
  webPage: string | undefined;
  uris: HostURIs | undefined;
  extensions: object[];

  constructor(parts: { displayText?: string; webPage?: string; uris?: HostURIs } = {}) {
    super();
    this.displayText = parts.displayText;
    this.webPage = parts.webPage;
    this.uris = parts.uris;
    this.extensions = [];
  }
}

/** `<conference-state>` (RFC 4575 section 5.5). */
export class ConferenceState extends XMLElement {
  static readonly schema = defineSchema<ConferenceState>({
    namespace: NS, name: 'conference-state',
    children: [
      { kind: 'value', property: 'userCount', namespace: NS, name: 'user-count', type: UnsignedInt },
      { kind: 'value', property: 'active', namespace: NS, name: 'active', type: XMLBoolean },
      { kind: 'value', property: 'locked', namespace: NS, name: 'locked', type: XMLBoolean },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  userCount: number | undefined;
  active: boolean | undefined;
  locked: boolean | undefined;
  extensions: object[];

  constructor(parts: { userCount?: number; active?: boolean; locked?: boolean } = {}) {
    super();
    this.userCount = parts.userCount;
    this.active = parts.active;
    this.locked = parts.locked;
    this.extensions = [];
  }
}

/** `<media id="..">` of an endpoint (RFC 4575 section 5.7.8). */
export class Media extends XMLElement {
  static readonly schema = defineSchema<Media>({
    namespace: NS, name: 'media',
    attributes: { id: { name: 'id', type: XMLString, required: true } },
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'type', namespace: NS, name: 'type', type: XMLToken },
      { kind: 'value', property: 'label', namespace: NS, name: 'label', type: XMLString },
      { kind: 'value', property: 'srcId', namespace: NS, name: 'src-id', type: XMLString },
      { kind: 'value', property: 'status', namespace: NS, name: 'status', type: MediaStatusType },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  id: string;
  displayText: string | undefined;
  type: string | undefined;
  label: string | undefined;
  srcId: string | undefined;
  status: MediaStatus | undefined;
  extensions: object[];

  constructor(id: string, parts: { displayText?: string; type?: string; label?: string; srcId?: string; status?: MediaStatus } = {}) {
    super();
    this.id = id;
    this.displayText = parts.displayText;
    this.type = parts.type;
    this.label = parts.label;
    this.srcId = parts.srcId;
    this.status = parts.status;
    this.extensions = [];
  }
}

/** `<sip>` of `<call-info>`: the SIP dialog of the endpoint (RFC 4575 section 5.7.9). */
export class SIPDialogID extends XMLElement {
  static readonly schema = defineSchema<SIPDialogID>({
    namespace: NS, name: 'sip',
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'value', property: 'callId', namespace: NS, name: 'call-id', type: XMLString, required: true },
      { kind: 'value', property: 'fromTag', namespace: NS, name: 'from-tag', type: XMLString, required: true },
      { kind: 'value', property: 'toTag', namespace: NS, name: 'to-tag', type: XMLString, required: true },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  displayText: string | undefined;
  callId: string;
  fromTag: string;
  toTag: string;
  extensions: object[];

  constructor(callId: string, fromTag: string, toTag: string) {
    super();
    this.displayText = undefined;
    this.callId = callId;
    this.fromTag = fromTag;
    this.toTag = toTag;
    this.extensions = [];
  }
}

/** `<call-info>` (RFC 4575 section 5.7.9). */
export class CallInfo extends XMLElement {
  static readonly schema = defineSchema<CallInfo>({
    namespace: NS, name: 'call-info',
    children: [{ kind: 'child', property: 'sip', element: SIPDialogID }, { kind: 'extensions', property: 'extensions' }],
  });
  sip: SIPDialogID | undefined;
  extensions: object[];

  constructor(sip?: SIPDialogID) {
    super();
    this.sip = sip;
    this.extensions = [];
  }
}

/** Endpoint statuses (RFC 4575 section 5.7.3). */
export type EndpointStatus = 'pending' | 'dialing-out' | 'dialing-in' | 'alerting' | 'on-hold' | 'connected' | 'muted-via-focus' | 'disconnecting' | 'disconnected';
const EndpointStatusType = enumeration<EndpointStatus>(
  ['pending', 'dialing-out', 'dialing-in', 'alerting', 'on-hold', 'connected', 'muted-via-focus', 'disconnecting', 'disconnected'], 'endpoint status');

/** `<endpoint entity=".." state="..">` of a user, with its media as items (RFC 4575 section 5.7). */
export class Endpoint extends XMLListElement<Media | object> {
  static readonly schema = defineSchema<Endpoint>({
    namespace: NS, name: 'endpoint', list: true,
    attributes: { entity: { name: 'entity', type: XMLURI }, state: { name: 'state', type: State } },
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'child', property: 'referred', element: Referred },
      { kind: 'value', property: 'status', namespace: NS, name: 'status', type: EndpointStatusType },
      { kind: 'value', property: 'joiningMethod', namespace: NS, name: 'joining-method', type: enumeration(['dialed-in', 'dialed-out', 'focus-owner'], 'joining-method') },
      { kind: 'child', property: 'joiningInfo', element: JoiningInfo },
      { kind: 'value', property: 'disconnectionMethod', namespace: NS, name: 'disconnection-method', type: enumeration(['departed', 'booted', 'failed', 'busy'], 'disconnection-method') },
      { kind: 'child', property: 'disconnectionInfo', element: DisconnectionInfo },
      { kind: 'items', element: Media },
      { kind: 'child', property: 'callInfo', element: CallInfo },
      { kind: 'extensions' },
    ],
  });
  declare entity: string | undefined;
  declare state: ElementState | undefined;
  declare displayText: string | undefined;
  declare referred: Referred | undefined;
  declare status: EndpointStatus | undefined;
  declare joiningMethod: 'dialed-in' | 'dialed-out' | 'focus-owner' | undefined;
  declare joiningInfo: JoiningInfo | undefined;
  declare disconnectionMethod: 'departed' | 'booted' | 'failed' | 'busy' | undefined;
  declare disconnectionInfo: DisconnectionInfo | undefined;
  declare callInfo: CallInfo | undefined;

  constructor(entity?: string, media: Iterable<Media> = [], parts: { state?: ElementState; displayText?: string; status?: EndpointStatus } = {}) {
    super(media);
    this.entity = entity;
    this.state = parts.state;
    this.displayText = parts.displayText;
    this.status = parts.status;
  }
}

/** `<user entity=".." state="..">` with its endpoints as items (RFC 4575 section 5.6). */
export class User extends XMLListElement<Endpoint | object> {
  static override itemKey = 'entity';
  static readonly schema = defineSchema<User>({
    namespace: NS, name: 'user', list: true,
    attributes: { entity: { name: 'entity', type: XMLURI }, state: { name: 'state', type: State } },
    children: [
      { kind: 'value', property: 'displayText', namespace: NS, name: 'display-text', type: XMLString },
      { kind: 'child', property: 'associatedAors', element: AssociatedAORs },
      { kind: 'child', property: 'roles', element: () => Roles },
      { kind: 'value', property: 'languages', namespace: NS, name: 'languages', type: TokenList },
      { kind: 'value', property: 'cascadedFocus', namespace: NS, name: 'cascaded-focus', type: XMLURI },
      { kind: 'items', element: Endpoint },
      { kind: 'extensions' },
    ],
  });
  declare entity: string | undefined;
  declare state: ElementState | undefined;
  declare displayText: string | undefined;
  declare associatedAors: AssociatedAORs | undefined;
  declare roles: Roles | undefined;
  declare languages: string[] | undefined;
  declare cascadedFocus: string | undefined;

  constructor(entity?: string, endpoints: Iterable<Endpoint> = [], parts: { state?: ElementState; displayText?: string } = {}) {
    super(endpoints);
    this.entity = entity;
    this.state = parts.state;
    this.displayText = parts.displayText;
  }
}

/** `<roles>`: the user's roles (RFC 4575 section 5.6.3). */
export class Roles extends XMLElement {
  static readonly schema = defineSchema<Roles>({
    namespace: NS, name: 'roles',
    children: [{ kind: 'values', property: 'values', namespace: NS, name: 'entry', type: XMLString }],
  });
  values: string[];

  constructor(values: Iterable<string> = []) {
    super();
    this.values = [...values];
  }
}

/** `<users state="..">`: the users, looked up by entity with `get(entity)` (RFC 4575 section 5.6). */
export class Users extends XMLListElement<User | object> {
  static override itemKey = 'entity';
  static readonly schema = defineSchema<Users>({
    namespace: NS, name: 'users', list: true,
    attributes: { state: { name: 'state', type: State } },
    children: [{ kind: 'items', element: User }, { kind: 'extensions' }],
  });
  declare state: ElementState | undefined;

  constructor(users: Iterable<User> = [], state?: ElementState) {
    super(users);
    this.state = state;
  }
}

/** The content shared by `<conference-info>` and a sidebar `<entry>` (`conference-type`, RFC 4575 section 5.1). */
export abstract class Conference extends XMLElement {
  declare entity: string;
  declare state: ElementState | undefined;
  declare version: number | undefined;
  declare conferenceDescription: ConferenceDescription | undefined;
  declare hostInfo: HostInfo | undefined;
  declare conferenceState: ConferenceState | undefined;
  declare users: Users | undefined;
  declare sidebarsByRef: SidebarsByRef | undefined;
  declare sidebarsByVal: SidebarsByVal | undefined;
  declare extensions: object[];

  constructor(entity: string, parts: {
    state?: ElementState; version?: number; conferenceDescription?: ConferenceDescription; hostInfo?: HostInfo;
    conferenceState?: ConferenceState; users?: Users; sidebarsByRef?: SidebarsByRef; sidebarsByVal?: SidebarsByVal;
  } = {}) {
    super();
    this.entity = entity;
    this.state = parts.state;
    this.version = parts.version;
    this.conferenceDescription = parts.conferenceDescription;
    this.hostInfo = parts.hostInfo;
    this.conferenceState = parts.conferenceState;
    this.users = parts.users;
    this.sidebarsByRef = parts.sidebarsByRef;
    this.sidebarsByVal = parts.sidebarsByVal;
    this.extensions = [];
  }
}

function conferenceSchema(name: string): ElementSchema {
  return {
    namespace: NS, name,
    attributes: {
      entity: { name: 'entity', type: XMLURI, required: true },
      state: { name: 'state', type: State },
      version: { name: 'version', type: UnsignedInt },
    },
    children: [
      { kind: 'child', property: 'conferenceDescription', element: ConferenceDescription },
      { kind: 'child', property: 'hostInfo', element: HostInfo },
      { kind: 'child', property: 'conferenceState', element: ConferenceState },
      { kind: 'child', property: 'users', element: Users },
      { kind: 'child', property: 'sidebarsByRef', element: SidebarsByRef },
      { kind: 'child', property: 'sidebarsByVal', element: () => SidebarsByVal },
      { kind: 'extensions', property: 'extensions' },
    ],
  };
}

/** A sidebar given by value: an `<entry>` with the content of a conference (RFC 4575 section 5.9.2). */
export class Sidebar extends Conference {
  static readonly schema = conferenceSchema('entry');
}

/** `<sidebars-by-val state="..">` (RFC 4575 section 5.9.2). */
export class SidebarsByVal extends XMLListElement<Sidebar | object> {
  static override itemKey = 'entity';
  static readonly schema: ElementSchema = defineSchema<SidebarsByVal>({
    namespace: NS, name: 'sidebars-by-val', list: true,
    attributes: { state: { name: 'state', type: State } },
    children: [{ kind: 'items', element: Sidebar }, { kind: 'extensions' }],
  });
  declare state: ElementState | undefined;

  constructor(sidebars: Iterable<Sidebar> = [], state?: ElementState) {
    super(sidebars);
    this.state = state;
  }
}

/** The `<conference-info entity=".." state=".." version="..">` document (RFC 4575 section 5.1). */
export class ConferenceInfo extends Conference {
  static readonly contentType = 'application/conference-info+xml';
  static readonly schema = conferenceSchema('conference-info');

  /** Extension elements that failed validation, kept as raw elements (see docs/xml-binding.md). */
  declare invalid: InvalidElement[];

  /** Parses a document; throws `ParserError` or `ValidationError`. */
  static parse(data: string | Uint8Array, options?: XMLParseOptions): ConferenceInfo {
    return parseDocument(ConferenceInfo, data, options);
  }

  /** The document's MIME type. */
  get contentType(): string {
    return ConferenceInfo.contentType;
  }

  /** Serializes the document; throws `BuilderError` when it cannot be written as it stands. */
  toXML(options?: XMLWriteOptions): string {
    return serializeDocument(this, options);
  }
}
registerNamespace(ConferenceInfo, NS, '');
registerDocument(ConferenceInfo);
