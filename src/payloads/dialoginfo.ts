/**
 * Dialog information (RFC 4235): the `application/dialog-info+xml`
 * documents of the `dialog` event package, which describe the dialogs of a
 * user agent: their state, duration, participants and targets.
 */
import {
  XMLElement, XMLListElement, XMLNonNegativeInteger, XMLPositiveInteger, XMLRootListElement, XMLString, XMLURI,
  defineSchema, enumeration, registerDocument, registerNamespace,
} from '../xml/index.js';

/** Namespace of dialog-info (RFC 4235 section 4). */
export const DIALOG_INFO_NAMESPACE = 'urn:ietf:params:xml:ns:dialog-info';
const NS = DIALOG_INFO_NAMESPACE;

/** Dialog states (RFC 4235 section 3.7.1). */
export const DIALOG_STATES = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'] as const;
/** One dialog state. */
export type DialogStateValue = (typeof DIALOG_STATES)[number];
/** Events that end or move a dialog (RFC 4235 section 4.1.2). */
export const DIALOG_STATE_EVENTS = ['cancelled', 'rejected', 'replaced', 'local-bye', 'remote-bye', 'error', 'timeout'] as const;
/** One dialog state event. */
export type DialogStateEvent = (typeof DIALOG_STATE_EVENTS)[number];

/** `<state event=".." code="..">` of a dialog (RFC 4235 section 4.1.2). */
export class DialogState extends XMLElement {
  static readonly schema = defineSchema<DialogState>({
    namespace: NS, name: 'state',
    attributes: {
      event: { name: 'event', type: enumeration(DIALOG_STATE_EVENTS, 'event') },
      code: { name: 'code', type: XMLPositiveInteger },
    },
    text: { property: 'value', type: enumeration(DIALOG_STATES, 'dialog state'), required: true },
  });
  value: DialogStateValue;
  event: DialogStateEvent | undefined;
  code: number | undefined;

  constructor(value: DialogStateValue, options: { event?: DialogStateEvent; code?: number } = {}) {
    super();
    this.value = value;
    this.event = options.event;
    this.code = options.code;
  }

  override toString(): string {
    return this.value;
  }
}

/** `<replaces call-id=".." local-tag=".." remote-tag=".."/>`: the dialog this one replaces (RFC 4235 section 4.1.4). */
export class Replaces extends XMLElement {
  static readonly schema = defineSchema<Replaces>({
    namespace: NS, name: 'replaces',
    attributes: {
      callId: { name: 'call-id', type: XMLString, required: true },
      localTag: { name: 'local-tag', type: XMLString, required: true },
      remoteTag: { name: 'remote-tag', type: XMLString, required: true },
    },
  });
  callId: string;
  localTag: string;
  remoteTag: string;

  constructor(callId: string, localTag: string, remoteTag: string) {
    super();
    this.callId = callId;
    this.localTag = localTag;
    this.remoteTag = remoteTag;
  }
}

/** Declares a name-address element `<name display="..">uri</name>`: a URI (kept byte for byte) with an optional display name (RFC 4235 section 4.1). */
function nameAddressElement(name: string) {
  /** A dialog-info name-address element. */
  class NameAddress extends XMLElement {
    static readonly schema = defineSchema<NameAddress>({
      namespace: NS, name,
      attributes: { display: { name: 'display', type: XMLString } },
      text: { property: 'uri', type: XMLURI, required: true },
    });
    uri: string;
    display: string | undefined;

    constructor(uri: string, display?: string) {
      super();
      this.uri = uri;
      this.display = display;
    }

    override toString(): string {
      return this.display === undefined ? this.uri : `"${this.display}" <${this.uri}>`;
    }
  }
  return NameAddress;
}

/** `<referred-by display="..">uri</referred-by>` (RFC 4235 section 4.1.5). */
export class ReferredBy extends nameAddressElement('referred-by') {}

/** `<identity display="..">uri</identity>` of a participant (RFC 4235 section 4.1.6.1). */
export class ParticipantIdentity extends nameAddressElement('identity') {}

/** `<param pname=".." pval=".."/>`: a feature parameter of a target (RFC 4235 section 4.1.6.2). */
export class TargetParam extends XMLElement {
  static readonly schema = defineSchema<TargetParam>({
    namespace: NS, name: 'param',
    attributes: { name: { name: 'pname', type: XMLString, required: true }, value: { name: 'pval', type: XMLString, required: true } },
  });
  name: string;
  value: string;

  constructor(name: string, value: string) {
    super();
    this.name = name;
    this.value = value;
  }
}

/** `<target uri="..">`: the participant's contact, with its feature parameters as items (RFC 4235 section 4.1.6.2). */
export class ParticipantTarget extends XMLListElement<TargetParam> {
  static override itemKey = 'name';
  static readonly schema = defineSchema<ParticipantTarget>({
    namespace: NS, name: 'target', list: true,
    attributes: { uri: { name: 'uri', type: XMLURI, required: true } },
    children: [{ kind: 'items', element: TargetParam }],
  });
  declare uri: string;

  constructor(uri: string, params: Iterable<TargetParam> = []) {
    super(params);
    this.uri = uri;
  }
}

/** `<session-description type="..">` of a participant (RFC 4235 section 4.1.6.3). */
export class SessionDescription extends XMLElement {
  static readonly schema = defineSchema<SessionDescription>({
    namespace: NS, name: 'session-description',
    attributes: { type: { name: 'type', type: XMLString, required: true } },
    text: { property: 'value', type: XMLString, required: true },
  });
  type: string;
  value: string;

  constructor(value: string, type = 'application/sdp') {
    super();
    this.value = value;
    this.type = type;
  }
}

/** The content of `<local>` and `<remote>` (RFC 4235 section 4.1.6). */
abstract class Participant extends XMLElement {
  declare identity: ParticipantIdentity | undefined;
  declare target: ParticipantTarget | undefined;
  declare sessionDescription: SessionDescription | undefined;
  declare cseq: number | undefined;
  declare extensions: object[];

  constructor(parts: { identity?: ParticipantIdentity; target?: ParticipantTarget; sessionDescription?: SessionDescription; cseq?: number } = {}) {
    super();
    this.identity = parts.identity;
    this.target = parts.target;
    this.sessionDescription = parts.sessionDescription;
    this.cseq = parts.cseq;
    this.extensions = [];
  }
}

const participantChildren = [
  { kind: 'child', property: 'identity', element: ParticipantIdentity },
  { kind: 'child', property: 'target', element: ParticipantTarget },
  { kind: 'child', property: 'sessionDescription', element: SessionDescription },
  { kind: 'value', property: 'cseq', namespace: NS, name: 'cseq', type: XMLNonNegativeInteger },
  { kind: 'extensions', property: 'extensions' },
] as const;

/** `<local>`: this side of the dialog (RFC 4235 section 4.1.6). */
export class Local extends Participant {
  static readonly schema = defineSchema<Local>({ namespace: NS, name: 'local', children: participantChildren });
}

/** `<remote>`: the other side of the dialog (RFC 4235 section 4.1.6). */
export class Remote extends Participant {
  static readonly schema = defineSchema<Remote>({ namespace: NS, name: 'remote', children: participantChildren });
}

/** `<route-set>`: the dialog's route set, hop URIs in order (RFC 4235 section 4.1.7). */
export class RouteSet extends XMLElement {
  static readonly schema = defineSchema<RouteSet>({
    namespace: NS, name: 'route-set',
    children: [{ kind: 'values', property: 'hops', namespace: NS, name: 'hop', type: XMLURI }],
  });
  hops: string[];

  constructor(hops: Iterable<string> = []) {
    super();
    this.hops = [...hops];
  }
}

/** `<dialog id=".." call-id=".." local-tag=".." remote-tag=".." direction="..">` (RFC 4235 section 4.1). */
export class Dialog extends XMLElement {
  static readonly schema = defineSchema<Dialog>({
    namespace: NS, name: 'dialog',
    attributes: {
      id: { name: 'id', type: XMLString, required: true },
      callId: { name: 'call-id', type: XMLString },
      localTag: { name: 'local-tag', type: XMLString },
      remoteTag: { name: 'remote-tag', type: XMLString },
      direction: { name: 'direction', type: enumeration(['initiator', 'recipient'], 'direction') },
    },
    children: [
      { kind: 'child', property: 'state', element: DialogState, required: true },
      { kind: 'value', property: 'duration', namespace: NS, name: 'duration', type: XMLNonNegativeInteger },
      { kind: 'child', property: 'replaces', element: Replaces },
      { kind: 'child', property: 'referredBy', element: ReferredBy },
      { kind: 'child', property: 'routeSet', element: RouteSet },
      { kind: 'child', property: 'local', element: Local },
      { kind: 'child', property: 'remote', element: Remote },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  id: string;
  callId: string | undefined;
  localTag: string | undefined;
  remoteTag: string | undefined;
  direction: 'initiator' | 'recipient' | undefined;
  state: DialogState;
  /** Seconds since the dialog was created. */
  duration: number | undefined;
  replaces: Replaces | undefined;
  referredBy: ReferredBy | undefined;
  routeSet: RouteSet | undefined;
  local: Local | undefined;
  remote: Remote | undefined;
  extensions: object[];

  constructor(id: string, state: DialogState | DialogStateValue, options: {
    callId?: string; localTag?: string; remoteTag?: string; direction?: 'initiator' | 'recipient'; duration?: number;
    replaces?: Replaces; referredBy?: ReferredBy; routeSet?: RouteSet; local?: Local; remote?: Remote;
  } = {}) {
    super();
    this.id = id;
    this.state = typeof state === 'string' ? new DialogState(state) : state;
    this.callId = options.callId;
    this.localTag = options.localTag;
    this.remoteTag = options.remoteTag;
    this.direction = options.direction;
    this.duration = options.duration;
    this.replaces = options.replaces;
    this.referredBy = options.referredBy;
    this.routeSet = options.routeSet;
    this.local = options.local;
    this.remote = options.remote;
    this.extensions = [];
  }
}

/** The `<dialog-info version=".." state=".." entity="..">` document (RFC 4235 section 4.1): an array of dialogs, `get(id)`. */
export class DialogInfo extends XMLRootListElement<Dialog | object> {
  static override readonly contentType = 'application/dialog-info+xml';
  static readonly schema = defineSchema<DialogInfo>({
    namespace: NS, name: 'dialog-info', list: true,
    attributes: {
      version: { name: 'version', type: XMLNonNegativeInteger, required: true },
      state: { name: 'state', type: enumeration(['full', 'partial'], 'state'), required: true },
      entity: { name: 'entity', type: XMLURI, required: true },
    },
    children: [{ kind: 'items', element: Dialog }, { kind: 'extensions' }],
  });
  declare version: number;
  declare state: 'full' | 'partial';
  declare entity: string;

  constructor(entity: string, version = 0, state: 'full' | 'partial' = 'full', dialogs: Iterable<Dialog> = []) {
    super(dialogs);
    this.entity = entity;
    this.version = version;
    this.state = state;
  }

  /** The `<dialog>` items. */
  get dialogs(): Dialog[] {
    return this.filter((item): item is Dialog => item instanceof Dialog);
  }
}
registerNamespace(DialogInfo, NS, '');
registerDocument(DialogInfo);
