/**
 * Presence authorization rules (RFC 5025): common-policy rule sets with the
 * pres-rules action (`<sub-handling>`) and transformations (`<provide-*>`)
 * that decide who may subscribe and what of the presence document they see.
 * Stored over XCAP as `pres-rules` or OMA's `org.openmobilealliance.pres-rules`
 * (which adds the OMA common policy conditions of {@link ./omapolicy.ts}).
 */
import {
  XMLBoolean, XMLElement, XMLListElement, XMLString, XMLToken, XMLURI,
  defineSchema, enumeration, registerDocument, registerExtension,
  type ElementSchema, type ValueType,
} from '../xml/index.js';
import { RuleSet, Transformations, type SelfChecking } from './commonpolicy.js';
import { declareSubscriptionRules, subHandlingElement } from './subhandling.js';

/** Namespace of pres-rules (RFC 5025 section 5.1). */
export const PRES_RULES_NAMESPACE = 'urn:ietf:params:xml:ns:pres-rules';
const NS = PRES_RULES_NAMESPACE;

export { SUB_HANDLING_VALUES, type SubHandlingValue } from './subhandling.js';

/** `<sub-handling>`: what to do with a subscription (RFC 5025 section 3.2.1). */
export class SubHandling extends subHandlingElement(NS) {}

/** Declares a simple element `<name>` of pres-rules whose text is one typed value. */
function valueElement<T>(name: string, type: ValueType<T>) {
  /** A pres-rules element holding one typed value. */
  return class extends XMLElement {
    static readonly schema: ElementSchema = { namespace: NS, name, text: { property: 'value', type, required: true } };
    value: T;

    constructor(value: T) {
      super();
      this.value = value;
    }

    override toString(): string {
      return String(this.value);
    }
  };
}

/** `<class>`: a class of person, device or service (RFC 5025 section 3.3.1). */
export class Class extends valueElement('class', XMLToken) {}
/** `<deviceID>`: a device by its RFC 4479 device ID (RFC 5025 section 3.3.1). */
export class DeviceID extends valueElement('deviceID', XMLURI) {}
/** `<occurrence-id>`: an element by its `id` attribute (RFC 5025 section 3.3.1). */
export class OccurrenceID extends valueElement('occurrence-id', XMLToken) {}
/** `<service-uri>`: a service by its URI (RFC 5025 section 3.3.1), kept byte for byte. */
export class ServiceURI extends valueElement('service-uri', XMLURI) {}
/** `<service-uri-scheme>`: services whose contact URI has this scheme (RFC 5025 section 3.3.1). */
export class ServiceURIScheme extends valueElement('service-uri-scheme', XMLToken) {}

/** The empty `<all-devices/>` flag. */
export class AllDevices extends XMLElement {
  static readonly schema = defineSchema<AllDevices>({ namespace: NS, name: 'all-devices' });
}
/** The empty `<all-persons/>` flag. */
export class AllPersons extends XMLElement {
  static readonly schema = defineSchema<AllPersons>({ namespace: NS, name: 'all-persons' });
}
/** The empty `<all-services/>` flag. */
export class AllServices extends XMLElement {
  static readonly schema = defineSchema<AllServices>({ namespace: NS, name: 'all-services' });
}

/**
 * Base of `<provide-devices>`, `<provide-persons>` and `<provide-services>`
 * (RFC 5025 section 3.3.1): either the `all` flag, or a list of selectors
 * (and extension elements). Both at once is invalid.
 */
abstract class ProvideSelected<Flag extends object> extends XMLListElement<object> implements SelfChecking {
  declare allElement: Flag | undefined;
  protected abstract readonly flag: new () => Flag;

  /** Whether everything is provided (the `<all-...>` flag). */
  get all(): boolean {
    return this.allElement !== undefined;
  }

  set all(value: boolean) {
    this.allElement = value ? new this.flag() : undefined;
  }

  problem(): string | undefined {
    return this.allElement !== undefined && this.length > 0 ? 'the all flag excludes a list of selectors' : undefined;
  }
}

/** `<provide-devices>` (RFC 5025 section 3.3.1): all devices, or those of the listed classes, device IDs, occurrences. */
export class ProvideDevices extends ProvideSelected<AllDevices> {
  static readonly schema = defineSchema<ProvideDevices>({
    namespace: NS, name: 'provide-devices', list: true,
    children: [
      { kind: 'child', property: 'allElement', element: AllDevices },
      { kind: 'items', element: [Class, DeviceID, OccurrenceID] },
      { kind: 'extensions' },
    ],
  });
  protected get flag(): typeof AllDevices { return AllDevices; }

  constructor(options: { all?: boolean; provides?: Iterable<object> } = {}) {
    super(options.provides ?? []);
    this.all = options.all === true;
  }
}

/** `<provide-persons>` (RFC 5025 section 3.3.1): all persons, or those of the listed classes and occurrences. */
export class ProvidePersons extends ProvideSelected<AllPersons> {
  static readonly schema = defineSchema<ProvidePersons>({
    namespace: NS, name: 'provide-persons', list: true,
    children: [
      { kind: 'child', property: 'allElement', element: AllPersons },
      { kind: 'items', element: [Class, OccurrenceID] },
      { kind: 'extensions' },
    ],
  });
  protected get flag(): typeof AllPersons { return AllPersons; }

  constructor(options: { all?: boolean; provides?: Iterable<object> } = {}) {
    super(options.provides ?? []);
    this.all = options.all === true;
  }
}

/** `<provide-services>` (RFC 5025 section 3.3.1): all services, or those of the listed URIs, schemes, classes, occurrences. */
export class ProvideServices extends ProvideSelected<AllServices> {
  static readonly schema = defineSchema<ProvideServices>({
    namespace: NS, name: 'provide-services', list: true,
    children: [
      { kind: 'child', property: 'allElement', element: AllServices },
      { kind: 'items', element: [ServiceURI, ServiceURIScheme, Class, OccurrenceID] },
      { kind: 'extensions' },
    ],
  });
  protected get flag(): typeof AllServices { return AllServices; }

  constructor(options: { all?: boolean; provides?: Iterable<object> } = {}) {
    super(options.provides ?? []);
    this.all = options.all === true;
  }
}

/** `<provide-activities>` (RFC 5025 section 3.3.3). */
export class ProvideActivities extends valueElement('provide-activities', XMLBoolean) {}
/** `<provide-class>` (RFC 5025 section 3.3.4). */
export class ProvideClass extends valueElement('provide-class', XMLBoolean) {}
/** `<provide-deviceID>` (RFC 5025 section 3.3.5). */
export class ProvideDeviceID extends valueElement('provide-deviceID', XMLBoolean) {}
/** `<provide-mood>` (RFC 5025 section 3.3.6). */
export class ProvideMood extends valueElement('provide-mood', XMLBoolean) {}
/** `<provide-place-is>` (RFC 5025 section 3.3.7). */
export class ProvidePlaceIs extends valueElement('provide-place-is', XMLBoolean) {}
/** `<provide-place-type>` (RFC 5025 section 3.3.8). */
export class ProvidePlaceType extends valueElement('provide-place-type', XMLBoolean) {}
/** `<provide-privacy>` (RFC 5025 section 3.3.9). */
export class ProvidePrivacy extends valueElement('provide-privacy', XMLBoolean) {}
/** `<provide-relationship>` (RFC 5025 section 3.3.10). */
export class ProvideRelationship extends valueElement('provide-relationship', XMLBoolean) {}
/** `<provide-status-icon>` (RFC 5025 section 3.3.11). */
export class ProvideStatusIcon extends valueElement('provide-status-icon', XMLBoolean) {}
/** `<provide-sphere>` (RFC 5025 section 3.3.12). */
export class ProvideSphere extends valueElement('provide-sphere', XMLBoolean) {}
/** `<provide-time-offset>` (RFC 5025 section 3.3.13). */
export class ProvideTimeOffset extends valueElement('provide-time-offset', XMLBoolean) {}
/** `<provide-note>` (RFC 5025 section 3.3.15). */
export class ProvideNote extends valueElement('provide-note', XMLBoolean) {}

/** Values of `<provide-user-input>` (RFC 5025 section 3.3.14). */
export const PROVIDE_USER_INPUT_VALUES = ['false', 'bare', 'thresholds', 'full'] as const;
/** `<provide-user-input>` (RFC 5025 section 3.3.14). */
export class ProvideUserInput extends valueElement('provide-user-input', enumeration(PROVIDE_USER_INPUT_VALUES, 'provide-user-input')) {}

/** `<provide-unknown-attribute ns=".." name="..">` (RFC 5025 section 3.3.16): whether to pass an attribute this schema does not know. */
export class ProvideUnknownAttribute extends XMLElement {
  static readonly schema = defineSchema<ProvideUnknownAttribute>({
    namespace: NS, name: 'provide-unknown-attribute',
    attributes: { ns: { name: 'ns', type: XMLURI, required: true }, name: { name: 'name', type: XMLString, required: true } },
    text: { property: 'value', type: XMLBoolean, required: true },
  });
  ns: string;
  name: string;
  value: boolean;

  constructor(ns: string, name: string, value: boolean) {
    super();
    this.ns = ns;
    this.name = name;
    this.value = value;
  }
}

/** `<provide-all-attributes/>` (RFC 5025 section 3.3.17). */
export class ProvideAllAttributes extends XMLElement {
  static readonly schema = defineSchema<ProvideAllAttributes>({ namespace: NS, name: 'provide-all-attributes' });
}

/** A pres-rules document (RFC 5025): a common-policy {@link RuleSet} with the pres-rules and OMA namespaces declared. */
export class PresRules extends RuleSet {}
declareSubscriptionRules(PresRules, NS, 'pr', SubHandling);
registerDocument(PresRules);

for (const transformation of [
  ProvideDevices, ProvidePersons, ProvideServices, ProvideActivities, ProvideClass, ProvideDeviceID, ProvideMood,
  ProvidePlaceIs, ProvidePlaceType, ProvidePrivacy, ProvideRelationship, ProvideStatusIcon, ProvideSphere,
  ProvideTimeOffset, ProvideNote, ProvideUserInput, ProvideUnknownAttribute, ProvideAllAttributes,
]) registerExtension(Transformations, transformation);
