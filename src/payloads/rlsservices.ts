/**
 * RLS services (RFC 4826 section 4): the `application/rls-services+xml`
 * documents that define resource list server URIs, each with its list of
 * resources (inline, or a reference to a resource-lists document) and the
 * event packages it serves.
 */
import { XMLElement, XMLRootListElement, XMLToken, XMLURI, defineSchema, registerDocument, registerNamespace } from '../xml/index.js';
import { RESOURCE_LISTS_NAMESPACE, resourceListElement } from './resourcelists.js';

/** Namespace of rls-services (RFC 4826 section 4.2). */
export const RLS_SERVICES_NAMESPACE = 'urn:ietf:params:xml:ns:rls-services';
const NS = RLS_SERVICES_NAMESPACE;

/** `<resource-list>`: the HTTP URI of a resource-lists `<list>` the service uses (RFC 4826 section 4.1), kept byte for byte. */
export class ResourceListURI extends XMLElement {
  static readonly schema = defineSchema<ResourceListURI>({
    namespace: NS, name: 'resource-list',
    text: { property: 'value', type: XMLURI, required: true },
  });
  value: string;

  constructor(value: string) {
    super();
    this.value = value;
  }

  override toString(): string {
    return this.value;
  }
}

/** `<list>` of rls-services: an inline resource list (RFC 4826 section 4.1), with the content of a resource-lists `<list>`. */
export class RLSList extends resourceListElement(NS) {}

/** `<packages>`: the event packages a service serves (RFC 4826 section 4.1); absent means every package. */
export class Packages extends XMLElement {
  static readonly schema = defineSchema<Packages>({
    namespace: NS, name: 'packages',
    children: [
      { kind: 'values', property: 'names', namespace: NS, name: 'package', type: XMLToken },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  /** Event package names (`presence`, `dialog`, ...). */
  names: string[];
  extensions: object[];

  constructor(names: Iterable<string> = []) {
    super();
    this.names = [...names];
    this.extensions = [];
  }
}

/** The resource list of a service: a reference by URI or an inline list. */
export type ServiceList = ResourceListURI | RLSList;

/**
 * `<service uri="..">` (RFC 4826 section 4.1). `list` is a
 * {@link ResourceListURI} or an {@link RLSList} (a string assigned to it
 * becomes a `ResourceListURI`); `packages` lists the event packages
 * (`undefined` when the service serves all of them).
 */
export class Service extends XMLElement {
  static readonly schema = defineSchema<Service>({
    namespace: NS, name: 'service',
    attributes: { uri: { name: 'uri', type: XMLURI, required: true } },
    children: [
      { kind: 'child', property: 'list', element: [ResourceListURI, RLSList], required: true },
      { kind: 'child', property: 'packagesElement', element: Packages },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  uri: string;
  /** The `<packages>` element; {@link packages} is the convenient view of it. */
  packagesElement: Packages | undefined;
  extensions: object[];
  private listValue: ServiceList | undefined;

  constructor(uri: string, list?: string | ServiceList, packages?: Iterable<string>) {
    super();
    this.uri = uri;
    this.list = list;
    this.packagesElement = packages === undefined ? undefined : new Packages(packages);
    this.extensions = [];
  }

  /** The service's resource list (required when the document is written). */
  get list(): ServiceList | undefined {
    return this.listValue;
  }

  set list(value: string | ServiceList | undefined) {
    this.listValue = typeof value === 'string' ? new ResourceListURI(value) : value;
  }

  /** Names of the event packages served, or `undefined` for all packages. The array is live; assign to replace it. */
  get packages(): string[] | undefined {
    return this.packagesElement?.names;
  }

  set packages(value: Iterable<string> | undefined) {
    if (value === undefined) this.packagesElement = undefined;
    else if (this.packagesElement === undefined) this.packagesElement = new Packages(value);
    else this.packagesElement.names = [...value];
  }
}

/** The `<rls-services>` document (RFC 4826 section 4): an array of services, looked up by URI with `get(uri)`. */
export class RLSServices extends XMLRootListElement<Service> {
  static override readonly contentType = 'application/rls-services+xml';
  static override itemKey = 'uri';
  static readonly schema = defineSchema<RLSServices>({
    namespace: NS, name: 'rls-services', list: true,
    children: [{ kind: 'items', element: Service }],
  });
}
registerNamespace(RLSServices, NS, '');
registerNamespace(RLSServices, RESOURCE_LISTS_NAMESPACE, 'rl');
registerDocument(RLSServices);
