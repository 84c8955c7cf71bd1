/**
 * Watcher information (RFC 3857 event package, RFC 3858 document format):
 * `application/watcherinfo+xml`, the NOTIFY body of `presence.winfo`.
 * {@link WatcherInfoDocument} is the document; {@link WatcherInfo} keeps the
 * state across NOTIFYs (full and partial updates, RFC 3858 section 4).
 */
import { SIPSimpleError } from '../errors.js';
import {
  defineSchema,
  enumeration,
  registerDocument,
  registerNamespace,
  XMLElement,
  XMLListElement,
  XMLNonNegativeInteger,
  XMLRootListElement,
  XMLString,
  XMLToken,
  XMLURI,
  XML_NAMESPACE,
  type XMLParseOptions,
} from '../xml/index.js';

/** The watcherinfo namespace (RFC 3858 section 5). */
export const WATCHERINFO_NAMESPACE = 'urn:ietf:params:xml:ns:watcherinfo';

/** Subscription status of a watcher (RFC 3858 section 4.3, RFC 3857 section 3.2). */
export type WatcherStatus = 'pending' | 'active' | 'waiting' | 'terminated';
/** The event that caused the last status change (RFC 3857 section 3.2). */
export type WatcherEvent = 'subscribe' | 'approved' | 'deactivated' | 'probation' | 'rejected' | 'timeout' | 'giveup' | 'noresource';

/** Options of a {@link Watcher}. */
export interface WatcherOptions {
  displayName?: string;
  expiration?: number;
  durationSubscribed?: number;
  lang?: string;
}

/** `<watcher>`: one watcher of a resource; its content is the watcher's URI, kept byte for byte (RFC 3858 section 4.3). */
export class Watcher extends XMLElement {
  static readonly schema = defineSchema<Watcher>({
    namespace: WATCHERINFO_NAMESPACE,
    name: 'watcher',
    attributes: {
      displayName: { name: 'display-name', type: XMLString },
      status: { name: 'status', type: enumeration(['pending', 'active', 'waiting', 'terminated'] as const, 'status'), required: true },
      event: {
        name: 'event',
        type: enumeration(['subscribe', 'approved', 'deactivated', 'probation', 'rejected', 'timeout', 'giveup', 'noresource'] as const, 'event'),
        required: true,
      },
      expiration: { name: 'expiration', type: XMLNonNegativeInteger },
      id: { name: 'id', type: XMLString, required: true },
      durationSubscribed: { name: 'duration-subscribed', type: XMLNonNegativeInteger },
      lang: { name: 'lang', namespace: XML_NAMESPACE, type: XMLToken },
    },
    text: { property: 'uri', type: XMLURI, required: true },
  });
  uri: string;
  id: string;
  status: WatcherStatus;
  event: WatcherEvent;
  displayName: string | undefined;
  /** Seconds until the subscription expires. */
  expiration: number | undefined;
  /** Seconds the watcher has been subscribed. */
  durationSubscribed: number | undefined;
  lang: string | undefined;
  constructor(uri: string, id: string, status: WatcherStatus, event: WatcherEvent, options: WatcherOptions = {}) {
    super();
    this.uri = uri;
    this.id = id;
    this.status = status;
    this.event = event;
    this.displayName = options.displayName;
    this.expiration = options.expiration;
    this.durationSubscribed = options.durationSubscribed;
    this.lang = options.lang;
  }

  /** `"Display Name" <uri>`, or the URI alone. */
  override toString(): string {
    return this.displayName === undefined ? this.uri : `"${this.displayName}" <${this.uri}>`;
  }
}

/** `<watcher-list resource=".." package="..">`: the watchers of one resource and event package (RFC 3858 section 4.2). */
export class WatcherList extends XMLListElement<Watcher | object> {
  static readonly schema = defineSchema<WatcherList>({
    namespace: WATCHERINFO_NAMESPACE,
    name: 'watcher-list',
    list: true,
    attributes: { resource: { name: 'resource', type: XMLURI, required: true }, package: { name: 'package', type: XMLToken, required: true } },
    children: [{ kind: 'items', element: Watcher }, { kind: 'extensions' }],
  });
  resource: string;
  package: string;
  constructor(resource: string, eventPackage: string, watchers: Iterable<Watcher> = []) {
    super(watchers);
    this.resource = resource;
    this.package = eventPackage;
  }

  /** The watchers (without extension elements). */
  get watchers(): Watcher[] {
    return this.filter((item): item is Watcher => item instanceof Watcher);
  }
  /** Watchers whose subscription is active. */
  get active(): Watcher[] {
    return this.watchers.filter((watcher) => watcher.status === 'active');
  }
  /** Watchers awaiting authorization (`pending` or `waiting`). */
  get pending(): Watcher[] {
    return this.watchers.filter((watcher) => watcher.status === 'pending' || watcher.status === 'waiting');
  }
  /** Watchers whose subscription ended. */
  get terminated(): Watcher[] {
    return this.watchers.filter((watcher) => watcher.status === 'terminated');
  }
}

/** `<watcherinfo version=".." state="full|partial">`: the document (RFC 3858 section 4.1). */
export class WatcherInfoDocument extends XMLRootListElement<WatcherList | object> {
  static override readonly contentType = 'application/watcherinfo+xml';
  static override itemKey = 'resource';
  static readonly schema = defineSchema<WatcherInfoDocument>({
    namespace: WATCHERINFO_NAMESPACE,
    name: 'watcherinfo',
    list: true,
    attributes: {
      version: { name: 'version', type: XMLNonNegativeInteger, required: true },
      state: { name: 'state', type: enumeration(['full', 'partial'] as const, 'state'), required: true },
    },
    children: [{ kind: 'items', element: WatcherList }, { kind: 'extensions' }],
  });
  version: number;
  state: 'full' | 'partial';
  constructor(version: number, state: 'full' | 'partial', lists: Iterable<WatcherList> = []) {
    super(lists);
    this.version = version;
    this.state = state;
  }

  /** The watcher lists (without extension elements). */
  get lists(): WatcherList[] {
    return this.filter((item): item is WatcherList => item instanceof WatcherList);
  }
}

registerNamespace(WatcherInfoDocument, WATCHERINFO_NAMESPACE, '');
registerDocument(WatcherInfoDocument);

/** A partial watcherinfo document that does not follow the last version seen: the subscriber should refresh its subscription to get full state (RFC 3858 section 4.4). */
export class WatcherInfoVersionError extends SIPSimpleError {
  constructor(
    readonly expected: number | undefined,
    readonly received: number,
  ) {
    super(`partial watcherinfo version ${received} does not follow ${expected === undefined ? 'a full state' : expected}; refresh the subscription`);
  }
}

/** A map keyed by {@link WatcherList} that can also be read by the list's resource URI. */
export class WatcherListMap<T> extends Map<WatcherList, T> {
  /** The value for a watcher list, or for the list of that resource URI. */
  override get(key: WatcherList | string): T | undefined {
    if (typeof key !== 'string') return super.get(key);
    for (const [list, value] of this) if (list.resource === key) return value;
    return undefined;
  }
  override has(key: WatcherList | string): boolean {
    return this.get(key) !== undefined;
  }
}

/**
 * The state of our watchers, kept across `presence.winfo` NOTIFYs: a full
 * document replaces it, a partial one (version + 1) updates watchers by id,
 * an old version is ignored (RFC 3858 section 4.4).
 */
export class WatcherInfo {
  /** Version of the last document applied. */
  version: number | undefined;
  private readonly lists: WatcherList[] = [];

  /** The watcher lists, one per resource and package. */
  get wlists(): WatcherList[] {
    return [...this.lists];
  }

  /** Active watchers per list. */
  get active(): WatcherListMap<Watcher[]> {
    return this.view((list) => list.active);
  }
  /** Watchers awaiting authorization (`pending` or `waiting`) per list. */
  get pending(): WatcherListMap<Watcher[]> {
    return this.view((list) => list.pending);
  }
  /** Terminated watchers per list. */
  get terminated(): WatcherListMap<Watcher[]> {
    return this.view((list) => list.terminated);
  }

  private view(select: (list: WatcherList) => Watcher[]): WatcherListMap<Watcher[]> {
    const map = new WatcherListMap<Watcher[]>();
    for (const list of this.lists) map.set(list, select(list));
    return map;
  }

  /**
   * Applies a watcherinfo document (text, bytes or parsed). Returns the
   * watchers that changed, per list; an old or repeated version changes
   * nothing. Throws `ParserError`/`ValidationError` for a bad document and
   * {@link WatcherInfoVersionError} for a partial document out of sequence.
   */
  update(document: string | Uint8Array | WatcherInfoDocument, options?: XMLParseOptions): WatcherListMap<Watcher[]> {
    const doc = document instanceof WatcherInfoDocument ? document : WatcherInfoDocument.parse(document, options);
    const updated = new WatcherListMap<Watcher[]>();
    if (this.version !== undefined && doc.version <= this.version) return updated;
    if (doc.state === 'partial' && (this.version === undefined || doc.version !== this.version + 1)) {
      throw new WatcherInfoVersionError(this.version === undefined ? undefined : this.version + 1, doc.version);
    }
    if (doc.state === 'full') {
      this.lists.length = 0;
      for (const list of doc.lists) {
        this.lists.push(list);
        updated.set(list, list.watchers);
      }
    } else {
      for (const incoming of doc.lists) {
        let list = this.lists.find((known) => known.resource === incoming.resource && known.package === incoming.package);
        if (list === undefined) {
          list = new WatcherList(incoming.resource, incoming.package);
          this.lists.push(list);
        }
        for (const watcher of incoming.watchers) {
          const index = list.findIndex((known) => known instanceof Watcher && known.id === watcher.id);
          if (index === -1) list.push(watcher);
          else list[index] = watcher;
        }
        updated.set(list, incoming.watchers);
      }
    }
    this.version = doc.version;
    return updated;
  }
}
