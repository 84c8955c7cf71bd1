/**
 * User-agent capabilities in presence (RFC 5196), in the
 * `urn:ietf:params:xml:ns:pidf:caps` namespace: `<caps:servcaps>` in a
 * tuple, `<caps:devcaps>` in a data-model device. Importing this module
 * registers both.
 *
 * Feature sets (`<caps:methods><caps:supported><caps:INVITE/>...`) are
 * exposed as `supported` / `notSupported` lists whose `values` hold the
 * token names; elements of other namespaces inside them are kept in
 * `extensions`.
 */
import {
  defineSchema,
  localizedTextElement,
  registerExtension,
  registerNamespace,
  XMLBoolean,
  XMLElement,
  XMLInteger,
  XMLToken,
  type ElementClass,
  type ElementSchema,
} from '../xml/index.js';
import { Device } from './datamodel.js';
import { PIDF, Tuple } from './pidf.js';

/** The caps namespace (RFC 5196 section 8). */
export const CAPS_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:caps';

/** `<caps:actor>` values (RFC 5196 section 3.2.7). */
export const ACTORS = ['attendant', 'information', 'msg-taker', 'principal'] as const;
/** `<caps:class>` values (RFC 5196 section 3.2.6). */
export const CAPS_CLASSES = ['business', 'personal'] as const;
/** `<caps:duplex>` values (RFC 5196 section 3.2.3). */
export const DUPLEX_MODES = ['full', 'half', 'receive-only', 'send-only'] as const;
/** `<caps:event-packages>` values (RFC 5196 section 3.2.4). */
export const EVENT_PACKAGES = [
  'conference', 'dialog', 'kpml', 'message-summary', 'poc-settings', 'presence', 'reg', 'refer', 'Siemens-RTP-Stats',
  'spirits-INDPs', 'spirits-user-prof', 'winfo',
] as const;
/** `<caps:extensions>` values: SIP option tags (RFC 5196 section 3.2.10). */
export const SIP_EXTENSIONS = [
  'rel100', 'early-session', 'eventlist', 'from-change', 'gruu', 'hist-info', 'join', 'norefersub', 'path', 'precondition',
  'pref', 'privacy', 'recipient-list-invite', 'recipient-list-subscribe', 'replaces', 'resource-priority', 'sdp-anat',
  'sec-agree', 'tdialog', 'timer',
] as const;
/** `<caps:methods>` values (RFC 5196 section 3.2.5). */
export const METHODS = [
  'ACK', 'BYE', 'CANCEL', 'INFO', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'PRACK', 'PUBLISH', 'REFER', 'REGISTER',
  'SUBSCRIBE', 'UPDATE',
] as const;
/** `<caps:mobility>` values (RFC 5196 section 3.3.1). */
export const MOBILITY_MODES = ['fixed', 'mobile'] as const;

/** A `<caps:supported>` or `<caps:notsupported>` list of tokens. */
export interface FeatureList<V extends string> extends XMLElement {
  values: V[];
  extensions: object[];
}

/** A feature element with its supported and not-supported lists. */
export interface Feature<V extends string> extends XMLElement {
  supported: FeatureList<V> | undefined;
  notSupported: FeatureList<V> | undefined;
}

/** Constructor of a feature element: `new Methods({ supported: ['INVITE'], notSupported: ['REFER'] })`. */
export interface FeatureClass<V extends string> {
  new (options?: { supported?: V[]; notSupported?: V[] }): Feature<V>;
  readonly schema: ReturnType<typeof defineSchema>;
}

/** The class of a `<caps:supported>` or `<caps:notsupported>` list built from its items. */
type FeatureListClass<I, L extends object> = (new (items: I[]) => L) & ElementClass<L>;

/**
 * Declares the caps feature element `<name>` (RFC 5196 section 3.2): an
 * optional `<caps:supported>` and an optional `<caps:notsupported>` list,
 * built by `new Feature({ supported: [...], notSupported: [...] })`.
 */
function featureElement<I, L extends object>(name: string, Supported: FeatureListClass<I, L>, NotSupported: FeatureListClass<I, L>) {
  /** A caps feature element. */
  class FeatureElement extends XMLElement {
    static readonly schema: ElementSchema = {
      namespace: CAPS_NAMESPACE,
      name,
      children: [
        { kind: 'child', property: 'supported', element: Supported },
        { kind: 'child', property: 'notSupported', element: NotSupported },
      ],
    };
    supported: L | undefined;
    notSupported: L | undefined;
    constructor(options: { supported?: I[]; notSupported?: I[] } = {}) {
      super();
      this.supported = options.supported === undefined ? undefined : new Supported(options.supported);
      this.notSupported = options.notSupported === undefined ? undefined : new NotSupported(options.notSupported);
    }
  }
  return FeatureElement;
}

function tokenFeature<V extends string>(name: string, tokens: readonly V[]): FeatureClass<V> {
  const listClass = (listName: string) =>
    class TokenList extends XMLElement implements FeatureList<V> {
      static readonly schema = defineSchema<TokenList>({
        namespace: CAPS_NAMESPACE,
        name: listName,
        children: [
          { kind: 'tokens', property: 'values', namespace: CAPS_NAMESPACE, names: tokens },
          { kind: 'extensions', property: 'extensions' },
        ],
      });
      values: V[];
      extensions: object[];
      constructor(values: V[] = []) {
        super();
        this.values = values;
        this.extensions = [];
      }
    };
  return featureElement(name, listClass('supported'), listClass('notsupported'));
}

/** `<caps:actor>` (RFC 5196 section 3.2.7). */
export const Actor = tokenFeature('actor', ACTORS);
/** `<caps:class>` (RFC 5196 section 3.2.6). */
export const CapsClass = tokenFeature('class', CAPS_CLASSES);
/** `<caps:duplex>` (RFC 5196 section 3.2.3). */
export const Duplex = tokenFeature('duplex', DUPLEX_MODES);
/** `<caps:event-packages>` (RFC 5196 section 3.2.4). */
export const EventPackages = tokenFeature('event-packages', EVENT_PACKAGES);
/** `<caps:extensions>`: supported SIP option tags (RFC 5196 section 3.2.10). */
export const SIPExtensions = tokenFeature('extensions', SIP_EXTENSIONS);
/** `<caps:methods>` (RFC 5196 section 3.2.5). */
export const Methods = tokenFeature('methods', METHODS);
/** `<caps:mobility>` in devcaps (RFC 5196 section 3.3.1). */
export const Mobility = tokenFeature('mobility', MOBILITY_MODES);

/** A `<caps:supported>`/`<caps:notsupported>` list of text values (`<caps:l>en</caps:l>`, `<caps:s>sip</caps:s>`). */
export interface ValueList extends XMLElement {
  values: string[];
}

/** A feature with supported and not-supported lists of text values. */
export interface ValueFeature extends XMLElement {
  supported: ValueList | undefined;
  notSupported: ValueList | undefined;
}

/** Constructor of a value feature: `new Languages({ supported: ['en', 'fr'] })`. */
export interface ValueFeatureClass {
  new (options?: { supported?: string[]; notSupported?: string[] }): ValueFeature;
  readonly schema: ReturnType<typeof defineSchema>;
}

function valueFeature(name: string, valueName: string): ValueFeatureClass {
  const listClass = (listName: string) =>
    class ValueListElement extends XMLElement implements ValueList {
      static readonly schema = defineSchema<ValueListElement>({
        namespace: CAPS_NAMESPACE,
        name: listName,
        children: [{ kind: 'values', property: 'values', namespace: CAPS_NAMESPACE, name: valueName, type: XMLToken }],
      });
      values: string[];
      constructor(values: string[] = []) {
        super();
        this.values = values;
      }
    };
  return featureElement(name, listClass('supported'), listClass('notsupported'));
}

/** `<caps:languages>` with `<caps:l>` values (RFC 5196 section 3.2.14). */
export const Languages = valueFeature('languages', 'l');
/** `<caps:schemes>` with `<caps:s>` URI schemes (RFC 5196 section 3.2.9). */
export const Schemes = valueFeature('schemes', 's');

/** `<caps:equals value="n"/>` in `<caps:priority>` (RFC 5196 section 3.2.8). */
export class PriorityEquals extends XMLElement {
  static readonly schema = defineSchema<PriorityEquals>({ namespace: CAPS_NAMESPACE, name: 'equals', attributes: { value: { name: 'value', type: XMLInteger, required: true } } });
  constructor(public value: number) {
    super();
  }
}

/** `<caps:higherthan minvalue="n"/>` (RFC 5196 section 3.2.8). */
export class PriorityHigherThan extends XMLElement {
  static readonly schema = defineSchema<PriorityHigherThan>({ namespace: CAPS_NAMESPACE, name: 'higherthan', attributes: { minValue: { name: 'minvalue', type: XMLInteger, required: true } } });
  constructor(public minValue: number) {
    super();
  }
}

/** `<caps:lowerthan maxvalue="n"/>` (RFC 5196 section 3.2.8). */
export class PriorityLowerThan extends XMLElement {
  static readonly schema = defineSchema<PriorityLowerThan>({ namespace: CAPS_NAMESPACE, name: 'lowerthan', attributes: { maxValue: { name: 'maxvalue', type: XMLInteger, required: true } } });
  constructor(public maxValue: number) {
    super();
  }
}

/** `<caps:range minvalue="n" maxvalue="m"/>` (RFC 5196 section 3.2.8). */
export class PriorityRange extends XMLElement {
  static readonly schema = defineSchema<PriorityRange>({
    namespace: CAPS_NAMESPACE,
    name: 'range',
    attributes: { minValue: { name: 'minvalue', type: XMLInteger, required: true }, maxValue: { name: 'maxvalue', type: XMLInteger, required: true } },
  });
  constructor(public minValue: number, public maxValue: number) {
    super();
  }
}

/** One priority condition. */
export type PriorityCondition = PriorityEquals | PriorityHigherThan | PriorityLowerThan | PriorityRange;

function priorityList(listName: string) {
  return class PriorityList extends XMLElement {
    static readonly schema = defineSchema<PriorityList>({
      namespace: CAPS_NAMESPACE,
      name: listName,
      children: [
        { kind: 'list', property: 'conditions', element: [PriorityEquals, PriorityHigherThan, PriorityLowerThan, PriorityRange] },
        { kind: 'extensions', property: 'extensions' },
      ],
    });
    conditions: PriorityCondition[];
    extensions: object[];
    constructor(conditions: PriorityCondition[] = []) {
      super();
      this.conditions = conditions;
      this.extensions = [];
    }
  };
}

/** `<caps:supported>` of `<caps:priority>`. */
export const PrioritySupported = priorityList('supported');
/** `<caps:notsupported>` of `<caps:priority>`. */
export const PriorityNotSupported = priorityList('notsupported');

/** `<caps:priority>`: the SIP priorities handled (RFC 5196 section 3.2.8). */
export class Priority extends featureElement('priority', PrioritySupported, PriorityNotSupported) {}

/** `<caps:description xml:lang="..">` (RFC 5196 section 3.2.11). */
export class Description extends localizedTextElement(CAPS_NAMESPACE, 'description') {}

/** Options of {@link ServiceCapabilities}: every property is optional. */
export type ServiceCapabilitiesOptions = Partial<Omit<ServiceCapabilities, keyof XMLElement>>;

/** `<caps:servcaps>`: the capabilities of a service, in a tuple (RFC 5196 section 3.2). */
export class ServiceCapabilities extends XMLElement {
  static readonly schema = defineSchema<ServiceCapabilities>({
    namespace: CAPS_NAMESPACE,
    name: 'servcaps',
    children: [
      { kind: 'child', property: 'actor', element: Actor },
      { kind: 'value', property: 'application', namespace: CAPS_NAMESPACE, name: 'application', type: XMLBoolean },
      { kind: 'value', property: 'audio', namespace: CAPS_NAMESPACE, name: 'audio', type: XMLBoolean },
      { kind: 'value', property: 'automata', namespace: CAPS_NAMESPACE, name: 'automata', type: XMLBoolean },
      { kind: 'child', property: 'class', element: CapsClass },
      { kind: 'value', property: 'control', namespace: CAPS_NAMESPACE, name: 'control', type: XMLBoolean },
      { kind: 'value', property: 'data', namespace: CAPS_NAMESPACE, name: 'data', type: XMLBoolean },
      { kind: 'list', property: 'descriptions', element: Description },
      { kind: 'child', property: 'duplex', element: Duplex },
      { kind: 'child', property: 'eventPackages', element: EventPackages },
      { kind: 'child', property: 'sipExtensions', element: SIPExtensions },
      { kind: 'value', property: 'isFocus', namespace: CAPS_NAMESPACE, name: 'isfocus', type: XMLBoolean },
      { kind: 'value', property: 'message', namespace: CAPS_NAMESPACE, name: 'message', type: XMLBoolean },
      { kind: 'child', property: 'methods', element: Methods },
      { kind: 'child', property: 'languages', element: Languages },
      { kind: 'child', property: 'priority', element: Priority },
      { kind: 'child', property: 'schemes', element: Schemes },
      { kind: 'value', property: 'text', namespace: CAPS_NAMESPACE, name: 'text', type: XMLBoolean },
      { kind: 'values', property: 'types', namespace: CAPS_NAMESPACE, name: 'type', type: XMLToken },
      { kind: 'value', property: 'video', namespace: CAPS_NAMESPACE, name: 'video', type: XMLBoolean },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  actor: Feature<(typeof ACTORS)[number]> | undefined;
  application: boolean | undefined;
  audio: boolean | undefined;
  automata: boolean | undefined;
  class: Feature<(typeof CAPS_CLASSES)[number]> | undefined;
  control: boolean | undefined;
  data: boolean | undefined;
  descriptions: Description[];
  duplex: Feature<(typeof DUPLEX_MODES)[number]> | undefined;
  eventPackages: Feature<(typeof EVENT_PACKAGES)[number]> | undefined;
  /** `<caps:extensions>`: SIP option tags (not to be confused with `extensions`, the elements of other namespaces). */
  sipExtensions: Feature<(typeof SIP_EXTENSIONS)[number]> | undefined;
  isFocus: boolean | undefined;
  message: boolean | undefined;
  methods: Feature<(typeof METHODS)[number]> | undefined;
  languages: ValueFeature | undefined;
  priority: Priority | undefined;
  schemes: ValueFeature | undefined;
  text: boolean | undefined;
  /** MIME types (`<caps:type>`). */
  types: string[];
  video: boolean | undefined;
  extensions: object[];
  constructor(options: ServiceCapabilitiesOptions = {}) {
    super();
    this.actor = options.actor;
    this.application = options.application;
    this.audio = options.audio;
    this.automata = options.automata;
    this.class = options.class;
    this.control = options.control;
    this.data = options.data;
    this.descriptions = options.descriptions ?? [];
    this.duplex = options.duplex;
    this.eventPackages = options.eventPackages;
    this.sipExtensions = options.sipExtensions;
    this.isFocus = options.isFocus;
    this.message = options.message;
    this.methods = options.methods;
    this.languages = options.languages;
    this.priority = options.priority;
    this.schemes = options.schemes;
    this.text = options.text;
    this.types = options.types ?? [];
    this.video = options.video;
    this.extensions = options.extensions ?? [];
  }
}

/** `<caps:devcaps>`: the capabilities of a device, in a data-model device (RFC 5196 section 3.3). */
export class DeviceCapabilities extends XMLElement {
  static readonly schema = defineSchema<DeviceCapabilities>({
    namespace: CAPS_NAMESPACE,
    name: 'devcaps',
    children: [
      { kind: 'list', property: 'descriptions', element: Description },
      { kind: 'child', property: 'mobility', element: Mobility },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  descriptions: Description[];
  mobility: Feature<(typeof MOBILITY_MODES)[number]> | undefined;
  extensions: object[];
  constructor(options: { descriptions?: Description[]; mobility?: Feature<(typeof MOBILITY_MODES)[number]>; extensions?: object[] } = {}) {
    super();
    this.descriptions = options.descriptions ?? [];
    this.mobility = options.mobility;
    this.extensions = options.extensions ?? [];
  }
}

registerNamespace(PIDF, CAPS_NAMESPACE, 'caps');
registerExtension(Tuple, ServiceCapabilities);
registerExtension(Device, DeviceCapabilities);
