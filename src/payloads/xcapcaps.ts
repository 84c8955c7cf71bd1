/**
 * XCAP server capabilities (RFC 4825 section 12): the
 * `application/xcap-caps+xml` document of the `xcap-caps` application usage,
 * which lists the application usages (AUIDs), extensions and namespaces an
 * XCAP server supports.
 */
import { XMLElement, XMLRootElement, XMLToken, XMLURI, defineSchema, registerDocument, registerNamespace } from '../xml/index.js';

/** Namespace of xcap-caps (RFC 4825 section 12.2). */
export const XCAP_CAPS_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-caps';
const NS = XCAP_CAPS_NAMESPACE;

/** `<auids>`: the application usages the server supports (RFC 4825 section 12.2). */
export class AUIDs extends XMLElement {
  static readonly schema = defineSchema<AUIDs>({
    namespace: NS, name: 'auids',
    children: [{ kind: 'values', property: 'values', namespace: NS, name: 'auid', type: XMLToken }],
  });
  values: string[];

  constructor(values: Iterable<string> = []) {
    super();
    this.values = [...values];
  }
}

/** `<extensions>`: the XCAP extensions the server supports (RFC 4825 section 12.2). */
export class Extensions extends XMLElement {
  static readonly schema = defineSchema<Extensions>({
    namespace: NS, name: 'extensions',
    children: [{ kind: 'values', property: 'values', namespace: NS, name: 'extension', type: XMLToken }],
  });
  values: string[];

  constructor(values: Iterable<string> = []) {
    super();
    this.values = [...values];
  }
}

/** `<namespaces>`: the namespaces the server understands (RFC 4825 section 12.2). */
export class Namespaces extends XMLElement {
  static readonly schema = defineSchema<Namespaces>({
    namespace: NS, name: 'namespaces',
    children: [{ kind: 'values', property: 'values', namespace: NS, name: 'namespace', type: XMLURI }],
  });
  values: string[];

  constructor(values: Iterable<string> = []) {
    super();
    this.values = [...values];
  }
}

/** The `<xcap-caps>` document (RFC 4825 section 12). */
export class XCAPCapabilities extends XMLRootElement {
  static override readonly contentType = 'application/xcap-caps+xml';
  static readonly schema = defineSchema<XCAPCapabilities>({
    namespace: NS, name: 'xcap-caps',
    children: [
      { kind: 'child', property: 'auids', element: AUIDs, required: true },
      { kind: 'child', property: 'extensions', element: Extensions },
      { kind: 'child', property: 'namespaces', element: Namespaces, required: true },
      { kind: 'extensions', property: 'others' },
    ],
  });
  auids: AUIDs;
  extensions: Extensions | undefined;
  namespaces: Namespaces;
  /** Elements of other namespaces. */
  others: object[];

  constructor(capabilities: { auids?: Iterable<string>; extensions?: Iterable<string>; namespaces?: Iterable<string> } = {}) {
    super();
    this.auids = new AUIDs(capabilities.auids);
    this.extensions = capabilities.extensions === undefined ? undefined : new Extensions(capabilities.extensions);
    this.namespaces = new Namespaces(capabilities.namespaces);
    this.others = [];
  }

  /** Whether the server supports the application usage `auid`. */
  supports(auid: string): boolean {
    return this.auids.values.includes(auid);
  }
}
registerNamespace(XCAPCapabilities, NS, '');
registerDocument(XCAPCapabilities);
