/**
 * Resource List Meta-Information (RFC 4662 section 5): the
 * `application/rlmi+xml` root part of an RLS NOTIFY body, which names the
 * list and, for each resource, its subscription instances and the
 * Content-IDs of the body parts holding their state.
 */
import {
  XMLBoolean, XMLElement, XMLListElement, XMLRootListElement, XMLString, XMLToken, XMLURI,
  defineSchema, enumeration, integerType, localizedTextElement, registerDocument, registerNamespace,
} from '../xml/index.js';

/** Namespace of RLMI (RFC 4662 section 5.1). */
export const RLMI_NAMESPACE = 'urn:ietf:params:xml:ns:rlmi';
const NS = RLMI_NAMESPACE;

/** `<name xml:lang="..">` of a list or resource (RFC 4662 section 5.4). */
export class Name extends localizedTextElement(NS, 'name', XMLString) {}

/** States of a subscription instance (RFC 4662 section 5.5). */
export const INSTANCE_STATES = ['active', 'pending', 'terminated'] as const;
/** One instance state. */
export type InstanceState = (typeof INSTANCE_STATES)[number];

/**
 * `<instance id=".." state=".." reason=".." cid="..">` (RFC 4662 section
 * 5.5): one subscription to a resource; `cid` is the Content-ID (without
 * angle brackets) of the body part holding its state.
 */
export class Instance extends XMLElement {
  static readonly schema = defineSchema<Instance>({
    namespace: NS, name: 'instance',
    attributes: {
      id: { name: 'id', type: XMLString, required: true },
      state: { name: 'state', type: enumeration(INSTANCE_STATES, 'state'), required: true },
      reason: { name: 'reason', type: XMLToken },
      cid: { name: 'cid', type: XMLString },
    },
    children: [{ kind: 'extensions', property: 'extensions' }],
  });
  id: string;
  state: InstanceState;
  reason: string | undefined;
  cid: string | undefined;
  extensions: object[];

  constructor(id: string, state: InstanceState, options: { reason?: string; cid?: string } = {}) {
    super();
    this.id = id;
    this.state = state;
    this.reason = options.reason;
    this.cid = options.cid;
    this.extensions = [];
  }
}

/** `<resource uri="..">` (RFC 4662 section 5.3): a list member with its names and instances (the items). */
export class Resource extends XMLListElement<Instance> {
  static readonly schema = defineSchema<Resource>({
    namespace: NS, name: 'resource', list: true,
    attributes: { uri: { name: 'uri', type: XMLURI, required: true } },
    children: [
      { kind: 'list', property: 'names', element: Name },
      { kind: 'items', element: Instance },
    ],
  });
  declare uri: string;
  declare names: Name[];

  constructor(uri: string, instances: Iterable<Instance> = [], names: Iterable<Name> = []) {
    super(instances);
    this.uri = uri;
    this.names = [...names];
  }
}

/** `unsignedInt` of XML Schema. */
const UnsignedInt = integerType(0, 4294967295, 'unsignedInt');

/**
 * The RLMI `<list uri=".." version=".." fullState=".." cid="..">` document
 * (RFC 4662 section 5.2): an array of resources, looked up by URI with
 * `get(uri)`. `fullState` false means a partial notification whose
 * resources update the previous state.
 */
export class RLMIList extends XMLRootListElement<Resource> {
  static override readonly contentType = 'application/rlmi+xml';
  static override itemKey = 'uri';
  static readonly schema = defineSchema<RLMIList>({
    namespace: NS, name: 'list', list: true,
    attributes: {
      uri: { name: 'uri', type: XMLURI, required: true },
      version: { name: 'version', type: UnsignedInt, required: true },
      fullState: { name: 'fullState', type: XMLBoolean, required: true },
      cid: { name: 'cid', type: XMLString },
    },
    children: [
      { kind: 'list', property: 'names', element: Name },
      { kind: 'items', element: Resource },
    ],
  });
  declare uri: string;
  declare version: number;
  declare fullState: boolean;
  declare cid: string | undefined;
  declare names: Name[];

  constructor(uri: string, version: number, fullState: boolean, resources: Iterable<Resource> = [], names: Iterable<Name> = []) {
    super(resources);
    this.uri = uri;
    this.version = version;
    this.fullState = fullState;
    this.cid = undefined;
    this.names = [...names];
  }
}
registerNamespace(RLMIList, NS, '');
registerDocument(RLMIList);
