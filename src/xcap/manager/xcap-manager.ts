/**
 * `XCAPManager` (spec/xcap-api.md §2.7, middleware spec §43): keeps the user's
 * contact list, policies, status icon and offline status on an XCAP server
 * (RFC 4825), shared by all of the user's devices.
 *
 * - States: `stopped` → `initializing` (xcap-caps) → `fetching` (GET with
 *   If-None-Match: a 304 downloads nothing) → `updating` (journal applied, PUT or
 *   DELETE with If-Match: a remote change is never overwritten) → `insync`;
 *   `stopping` while the xcap-diff subscription ends. A 412 sends the manager back
 *   to `fetching`, and the journal is re-applied on the fresh documents. Any other
 *   failure is retried with exponential back-off (the documents are fetched again
 *   before the retry).
 * - The spec's `normalize` operation is implicit: every update renders the parts of
 *   the documents the manager owns (addressbook list, buddy list, RLS services,
 *   derived rules) from the model, so the first update after a fetch normalizes them.
 * - Operations are journaled (journal.ts) before they are applied, and leave the
 *   journal only when the update holding them is on the server: nothing is lost,
 *   and idempotent operations (operations.ts) make sure nothing is applied twice.
 * - Remote changes arrive through the xcap-diff subscription (xcap-diff-watcher.ts);
 *   while it fails, and when there is none, every document is fetched every
 *   `pollInterval` (2 minutes by default).
 *
 * The manager takes what it needs explicitly (an XCAPClient, storage, a factory of
 * xcap-diff subscriptions, a notification center), so an Account creates it and
 * tests run it alone.
 */
import { NotificationCenter, NotificationSender } from '../../notification/index.js';
import { ParserError } from '../../errors.js';
import type { XCAPClient } from '../client.js';
import { XCAPContentError, XCAPNotFoundError, XCAPPreconditionFailedError } from '../errors.js';
import { Addressbook } from './addressbook.js';
import { encodeIcon, encodeOfflineStatus, encodePolicy, encodePolicyChanges } from './codec.js';
import { type Contact, type ContactChanges, type ContactURI, generateId } from './contact.js';
import { emptyData, type XCAPData } from './data.js';
import { DocumentCache } from './document-cache.js';
import { ALL_AUIDS, selectDocuments, type DocumentKind } from './documents/index.js';
import { XCAPManagerError } from './errors.js';
import type { Group, GroupChanges } from './group.js';
import { ICON_MIME_TYPES, type Icon } from './icon.js';
import { Journal, type JournalEntry } from './journal.js';
import type { XCAPManagerStorage } from './manager-storage.js';
import type { XCAPManagerFailureData, XCAPManagerPhase } from './notifications.js';
import type { OfflineStatus } from './offline-status.js';
import { applyOperation, type ContactJSON, type Operation, type PolicyJSON } from './operations.js';
import type { Policy, PolicyChanges } from './policy.js';
import { Poller, DEFAULT_POLL_INTERVAL } from './poller.js';
import {
  OMA_STANDARD_POLICIES, type DialoginfoPolicy, type DialoginfoPolicyChanges, type PresencePolicy, type PresencePolicyChanges,
} from './presence-policy.js';
import { DialogRules, PresenceRules } from './rules-summary.js';
import { isTransitionAllowed, type XCAPManagerState } from './states.js';
import { XCAPDiffWatcher, type XCAPDiffSubscriptionFactory, type XCAPDocumentChange } from './xcap-diff-watcher.js';

/** Back-off of failed requests: the first delay, doubled after each failure up to `max` (milliseconds). */
export interface RetryDelay {
  readonly initial: number;
  readonly max: number;
}

/** What an {@link XCAPManager} works with. */
export interface XCAPManagerOptions {
  /** The account's address of record: the XUI of its documents and the xcap-diff resource. */
  readonly aor: string;
  /** The XCAP client for the account's root and credentials (its creator closes it). */
  readonly client: XCAPClient;
  /** The account's XCAP storage (journal and cache). */
  readonly storage: XCAPManagerStorage;
  /** Factory of xcap-diff subscriptions; without one the manager polls. */
  readonly xcapDiff?: XCAPDiffSubscriptionFactory | undefined;
  readonly notificationCenter?: NotificationCenter;
  /** Milliseconds between full fetches while xcap-diff fails. Default 120 000 (the spec's 2 minutes). */
  readonly pollInterval?: number;
  /** Milliseconds before a failed xcap-diff subscription is tried again. Default 60 000. */
  readonly subscriptionRetryInterval?: number;
  /** Back-off of failed requests. Default 1 s doubling up to 60 s. */
  readonly retryDelay?: RetryDelay;
}

/** What {@link XCAPManager.reconfigure} may change (the settings that control the manager, spec §2.7). */
export interface XCAPManagerSettingsChange {
  /** A client for a new XCAP root or new credentials: the manager goes back to `initializing`. */
  readonly client?: XCAPClient;
  /** New subscription settings: the xcap-diff subscription is ended and a new one made (`null`: no subscription, poll). */
  readonly xcapDiff?: XCAPDiffSubscriptionFactory | null;
}

const DEFAULT_RETRY: RetryDelay = { initial: 1000, max: 60_000 };

/** The delay before the next attempt after `failures` consecutive failures: `initial` doubled per failure, at most `max`. */
export function backOffDelay(retry: RetryDelay, failures: number): number {
  return Math.min(retry.max, retry.initial * 2 ** Math.min(Math.max(failures - 1, 0), 30));
}
const ALTERNATIVE_LOCATION_HEADERS = ['x-agp-alternative-location', 'x-alternative-location'];

/** The outcome of pushing the documents. */
type UpdateOutcome = 'done' | 'conflict' | 'refetch';

/** The XCAP manager; see the module comment. */
export class XCAPManager extends NotificationSender {
  readonly aor: string;
  private client: XCAPClient;
  private xcapDiffFactory: XCAPDiffSubscriptionFactory | undefined;
  private readonly journal: Journal;
  private readonly cache: DocumentCache;
  private readonly poller: Poller;
  private readonly retryDelay: RetryDelay;
  private readonly subscriptionRetryInterval: number;
  private current: XCAPManagerState = 'stopped';
  private loaded = false;
  private kinds: DocumentKind[] = [];
  private watcher: XCAPDiffWatcher | undefined;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private wake: (() => void) | undefined;
  private initializeRequested = false;
  private fetchRequested = false;
  private updateRequested = false;
  private fetchedOnce = false;
  private failures = 0;
  private failure: XCAPManagerFailureData | undefined;
  /** The AUID of the document whose request is in progress. */
  private document: string | undefined;
  private transactionDepth = 0;
  private queued: Operation[] = [];
  private lastData: XCAPData = emptyData();
  /** Counts changes of the cache, so that every change is reported once by `XCAPManagerDidReloadData`. */
  private cacheVersion = 0;
  private reportedVersion = -1;

  constructor(options: XCAPManagerOptions) {
    super(options.notificationCenter ?? NotificationCenter.default);
    this.aor = options.aor;
    this.client = options.client;
    this.xcapDiffFactory = options.xcapDiff;
    this.journal = new Journal(options.storage);
    this.cache = new DocumentCache(options.storage);
    this.poller = new Poller(options.pollInterval ?? DEFAULT_POLL_INTERVAL, () => this.requestFetch());
    this.retryDelay = options.retryDelay ?? DEFAULT_RETRY;
    this.subscriptionRetryInterval = options.subscriptionRetryInterval ?? 60_000;
  }

  /** The current state. */
  get state(): XCAPManagerState {
    return this.current;
  }

  /** The operations not yet known to be on the server, oldest first. */
  get pendingOperations(): readonly JournalEntry[] {
    return this.journal.pending;
  }

  /**
   * Drops a journaled operation that the server will never accept (one whose every
   * update is refused, e.g. a 409 that fetching and re-applying cannot fix); the next
   * update writes the documents without it. Resolves with whether the entry was pending.
   * The other entries keep their exactly-once guarantee (journal.ts); an update already
   * on its way with the entry may still land it, and then it is on the server once.
   */
  async discardPendingOperation(id: string): Promise<boolean> {
    if (!this.journal.pending.some((entry) => entry.id === id)) return false;
    await this.journal.remove([id]);
    if (this.running) {
      this.updateRequested = true;
      this.wake?.();
    }
    return true;
  }

  /** Consecutive failed attempts (requests that got no usable answer); 0 after a success. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The latest failure (what `XCAPManagerClientDidFail` carried) while failures go on; undefined after a success. */
  get lastError(): XCAPManagerFailureData | undefined {
    return this.failure;
  }

  /** The data as last synchronised (what the last `XCAPManagerDidReloadData` carried). */
  get addressbook(): Addressbook {
    return Addressbook.fromData(this.lastData);
  }

  /** Loads the journal and the cached documents (call once, before {@link start}). */
  async load(): Promise<void> {
    if (this.loaded) return;
    await this.journal.load();
    await this.cache.load(new Set([...ALL_AUIDS, 'pres-rules']));
    this.loaded = true;
  }

  /** The name [002] gives {@link load}. */
  init(): Promise<void> {
    return this.load();
  }

  /**
   * Starts the manager: server capabilities, the xcap-diff subscription, the fetch
   * and the journal. Resolves once the tasks are started (not when they succeed;
   * failing tasks are retried).
   */
  async start(): Promise<void> {
    if (!this.loaded) throw new XCAPManagerError('load() must be called before start()');
    if (this.current !== 'stopped') throw new XCAPManagerError(`start() while ${this.current}`);
    this.post('XCAPManagerWillStart');
    this.abort = new AbortController();
    this.initializeRequested = true;
    this.fetchedOnce = false;
    this.succeeded();
    this.setState('initializing');
    this.loop = this.run();
    this.post('XCAPManagerDidStart');
  }

  /** Stops every task and waits until the xcap-diff subscription, if any, has ended. */
  async stop(): Promise<void> {
    if (this.current === 'stopped' || this.current === 'stopping') return;
    this.post('XCAPManagerWillEnd');
    this.setState('stopping');
    this.abort.abort();
    this.wake?.();
    this.poller.stop();
    await this.loop;
    this.loop = undefined;
    await this.watcher?.stop();
    this.watcher = undefined;
    this.setState('stopped');
    this.post('XCAPManagerDidEnd');
  }

  /**
   * Applies new settings (spec §2.7): a new client (XCAP root, credentials) takes the
   * manager back to `initializing`; new subscription settings replace the xcap-diff
   * subscription.
   */
  async reconfigure(change: XCAPManagerSettingsChange): Promise<void> {
    if (change.client !== undefined) {
      this.client = change.client;
      if (this.running) {
        this.initializeRequested = true;
        this.wake?.();
      }
    }
    if (change.xcapDiff !== undefined) {
      this.xcapDiffFactory = change.xcapDiff ?? undefined;
      if (this.running) {
        await this.watcher?.stop();
        this.watcher = undefined;
        this.startWatcher();
      }
    }
  }

  /** Fetches every document now (conditional GETs: unchanged ones cost a 304), as a remote change notice does. */
  refresh(): void {
    if (this.running) this.requestFetch();
  }

  // ----- transactions -----

  /** Queues the following operations until the matching {@link commitTransaction}; there is no rollback. */
  startTransaction(): void {
    this.transactionDepth += 1;
  }

  /**
   * Ends a transaction; the outermost one journals every queued operation in one
   * write and applies them in one update. Without a transaction it does nothing.
   */
  async commitTransaction(): Promise<void> {
    if (this.transactionDepth === 0) return;
    this.transactionDepth -= 1;
    if (this.transactionDepth > 0) return;
    const operations = this.queued;
    this.queued = [];
    await this.enqueue(operations);
  }

  /** Runs `body` within a transaction (python-sipsimple's `XCAPTransaction`); commits even when it throws. */
  async transaction<T>(body: () => Promise<T> | T): Promise<T> {
    this.startTransaction();
    try {
      return await body();
    } finally {
      await this.commitTransaction();
    }
  }

  // ----- operations (spec/xcap-api.md §2.7) -----

  /** Adds a group (with its contacts as members). */
  addGroup(group: Group): Promise<void> {
    return this.submit({
      type: 'add-group',
      group: { id: group.id, name: group.name, contactIds: group.contacts.map((contact) => contact.id), attributes: { ...group.attributes } },
    });
  }

  /** Updates a group's name or attributes. */
  updateGroup(group: Group, changes: GroupChanges): Promise<void> {
    return this.submit({ type: 'update-group', id: group.id, changes: structuredClone(changes) });
  }

  /** Removes a group (its contacts stay in the addressbook). */
  removeGroup(group: Group): Promise<void> {
    return this.submit({ type: 'remove-group', id: group.id });
  }

  /** Adds a contact (replacing one with the same id: see operations.ts for why adds replace). */
  addContact(contact: Contact): Promise<void> {
    return this.submit({ type: 'add-contact', contact: toJSON<ContactJSON>(contact) });
  }

  /** Changes a contact's name, URIs, presence or dialog handling or attributes. */
  updateContact(contact: Contact, changes: ContactChanges): Promise<void> {
    return this.submit({ type: 'update-contact', id: contact.id, changes: toJSON(changes) });
  }

  /** Removes a contact (and its group memberships). */
  removeContact(contact: Contact): Promise<void> {
    return this.submit({ type: 'remove-contact', id: contact.id });
  }

  /** Adds a URI to a contact. */
  addContactURI(contact: Contact, uri: ContactURI): Promise<void> {
    return this.submit({ type: 'add-contact-uri', contactId: contact.id, uri: toJSON(uri) });
  }

  /** Changes a URI of a contact. */
  updateContactURI(contact: Contact, uri: ContactURI, changes: { uri?: string; type?: string | undefined; attributes?: Record<string, string> }): Promise<void> {
    return this.submit({ type: 'update-contact-uri', contactId: contact.id, uriId: uri.id, changes: { ...structuredClone(changes) } });
  }

  /** Removes a URI from a contact. */
  removeContactURI(contact: Contact, uri: ContactURI): Promise<void> {
    return this.submit({ type: 'remove-contact-uri', contactId: contact.id, uriId: uri.id });
  }

  /** Adds a contact to a group (a contact may be in several). */
  addGroupMember(group: Group, contact: Contact): Promise<void> {
    return this.submit({ type: 'add-group-member', groupId: group.id, contactId: contact.id });
  }

  /** Removes a contact from a group. */
  removeGroupMember(group: Group, contact: Contact): Promise<void> {
    return this.submit({ type: 'remove-group-member', groupId: group.id, contactId: contact.id });
  }

  /** Adds a per-URI policy. */
  addPolicy(policy: Policy): Promise<void> {
    return this.submit({ type: 'add-policy', policy: toJSON<PolicyJSON>(policy) });
  }

  /** Changes a per-URI policy. */
  updatePolicy(policy: Policy, changes: PolicyChanges): Promise<void> {
    return this.submit({ type: 'update-policy', id: policy.id, changes: toJSON(changes) });
  }

  /** Removes a per-URI policy. */
  removePolicy(policy: Policy): Promise<void> {
    return this.submit({ type: 'remove-policy', id: policy.id });
  }

  /**
   * Adds a presence rule (middleware spec §43). Without an id one is generated (and
   * set on `policy`); an OMA standard id combined with multi-identity conditions gets
   * a new id; identities are never added to the OMA reserved rules. A rule with the same
   * id is replaced (the spec says it is left alone; see operations.ts for why adds replace).
   */
  addPresencePolicy(policy: PresencePolicy): Promise<void> {
    if (policy.id === undefined || (OMA_STANDARD_POLICIES.includes(policy.id) && (policy.multiIdentityConditions?.length ?? 0) > 0)) {
      policy.id = generateId();
    }
    return this.submit({ type: 'add-presence-policy', policy: encodePolicy(policy) });
  }

  /** Changes a presence rule; adds it when missing and `changes` has an action. */
  updatePresencePolicy(policy: PresencePolicy, changes: PresencePolicyChanges): Promise<void> {
    if (policy.id === undefined) return Promise.resolve();
    return this.submit({ type: 'update-presence-policy', id: policy.id, changes: encodePolicyChanges(changes as Record<string, unknown>) });
  }

  /** Removes a presence rule; the OMA standard rules cannot be removed. */
  removePresencePolicy(policy: PresencePolicy): Promise<void> {
    if (policy.id === undefined) return Promise.resolve();
    return this.submit({ type: 'remove-presence-policy', id: policy.id });
  }

  /** Adds a dialog-info rule; without an id one is generated (and set on `policy`). */
  addDialoginfoPolicy(policy: DialoginfoPolicy): Promise<void> {
    policy.id ??= generateId();
    return this.submit({ type: 'add-dialoginfo-policy', policy: encodePolicy(policy) });
  }

  /** Changes a dialog-info rule; adds it when missing and `changes` has an action. */
  updateDialoginfoPolicy(policy: DialoginfoPolicy, changes: DialoginfoPolicyChanges): Promise<void> {
    if (policy.id === undefined) return Promise.resolve();
    return this.submit({ type: 'update-dialoginfo-policy', id: policy.id, changes: encodePolicyChanges(changes as Record<string, unknown>) });
  }

  /** Removes a dialog-info rule. */
  removeDialoginfoPolicy(policy: DialoginfoPolicy): Promise<void> {
    if (policy.id === undefined) return Promise.resolve();
    return this.submit({ type: 'remove-dialoginfo-policy', id: policy.id });
  }

  /** Sets the status icon (its `location` is ignored); `null` deletes it. The MIME type must be image/gif, image/png or image/jpeg. */
  setStatusIcon(icon: Icon | null): Promise<void> {
    if (icon !== null && !ICON_MIME_TYPES.includes(icon.mimeType)) {
      return Promise.reject(new XCAPManagerError(`status icon type ${icon.mimeType} is none of ${ICON_MIME_TYPES.join(', ')}`));
    }
    return this.submit({ type: 'set-status-icon', icon: icon === null ? null : encodeIcon(icon) });
  }

  /** Sets the offline status; `null` deletes the pidf-manipulation document. */
  setOfflineStatus(status: OfflineStatus | null): Promise<void> {
    return this.submit({ type: 'set-offline-status', pidf: status === null ? null : encodeOfflineStatus(status) });
  }

  // ----- journal -----

  private submit(operation: Operation): Promise<void> {
    if (this.transactionDepth > 0) {
      this.queued.push(operation);
      return Promise.resolve();
    }
    return this.enqueue([operation]);
  }

  /** Journals the operations (durably), then asks for an update. */
  private async enqueue(operations: Operation[]): Promise<void> {
    if (!this.loaded) throw new XCAPManagerError('load() must be called before operations are queued');
    if (operations.length === 0) return;
    await this.journal.append(operations);
    this.updateRequested = true;
    this.wake?.();
  }

  // ----- the state machine -----

  private get running(): boolean {
    return this.current !== 'stopped' && this.current !== 'stopping';
  }

  private setState(state: XCAPManagerState): void {
    const prevState = this.current;
    if (prevState === 'stopping' && state !== 'stopped') return;
    if (prevState === state && state !== 'updating') return;
    if (prevState !== state && !isTransitionAllowed(prevState, state)) {
      throw new XCAPManagerError(`no transition from ${prevState} to ${state}`);
    }
    this.current = state;
    this.post('XCAPManagerDidChangeState', { prevState, state });
  }

  private requestFetch(): void {
    this.fetchRequested = true;
    this.wake?.();
  }

  /** The main task: one step at a time until stopped. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (this.initializeRequested) await this.initialize();
        else if (this.fetchRequested) await this.fetch();
        else if (this.updateRequested) await this.update();
        else await this.idle();
      } catch (error) {
        if (!this.running) return;
        await this.backOff(error);
      }
    }
  }

  private async idle(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (!this.running || this.initializeRequested || this.fetchRequested || this.updateRequested) resolve();
    });
    this.wake = undefined;
  }

  /** A request got its answer: the count of consecutive failures starts again. */
  private succeeded(): void {
    this.failures = 0;
    this.failure = undefined;
  }

  /** Reports the failure with `XCAPManagerClientDidFail`, then waits before the next attempt (see {@link backOffDelay}). */
  private async backOff(error: unknown): Promise<void> {
    this.failures += 1;
    const delay = backOffDelay(this.retryDelay, this.failures);
    const phase: XCAPManagerPhase = this.current === 'initializing' ? 'initialize' : this.current === 'fetching' ? 'fetch' : 'update';
    this.failure = {
      timestamp: new Date(),
      error: error instanceof Error ? error : new XCAPManagerError(`non-error thrown: ${String(error)}`),
      phase,
      document: phase === 'initialize' ? 'xcap-caps' : this.document,
      failures: this.failures,
      retryDelay: delay,
    };
    this.post('XCAPManagerClientDidFail', this.failure);
    if (this.current === 'updating') this.setState('updating');
    const signal = this.abort.signal;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }

  private async initialize(): Promise<void> {
    if (this.current !== 'initializing') this.setState('initializing');
    let auids: string[];
    try {
      const capabilities = await this.client.getServerCapabilities({ signal: this.abort.signal });
      auids = [...capabilities.auids.values];
    } catch (error) {
      // No xcap-caps (404) or a broken one: assume every application, and let each GET tell.
      if (!(error instanceof XCAPNotFoundError) && !(error instanceof XCAPContentError)) throw error;
      auids = [...ALL_AUIDS];
    }
    const set = new Set(auids);
    this.kinds = selectDocuments(set);
    this.initializeRequested = false;
    this.succeeded();
    this.post('XCAPManagerDidDiscoverServerCapabilities', {
      auids,
      contactlistSupported: set.has('resource-lists') && set.has('rls-services'),
      presencePoliciesSupported: set.has('org.openmobilealliance.pres-rules') || set.has('pres-rules'),
      dialoginfoPoliciesSupported: set.has('org.openxcap.dialog-rules'),
      statusIconSupported: set.has('org.openmobilealliance.pres-content'),
      offlineStatusSupported: set.has('pidf-manipulation'),
    });
    if (this.watcher === undefined) this.startWatcher();
    this.fetchRequested = true;
    this.setState('fetching');
  }

  private startWatcher(): void {
    if (this.xcapDiffFactory === undefined) {
      this.poller.start();
      return;
    }
    this.poller.stop();
    const watcher = new XCAPDiffWatcher(
      this.xcapDiffFactory,
      {
        onChange: (changes) => this.remoteChanges(changes),
        onFailure: () => {
          this.requestFetch();
          this.poller.start();
        },
        onRecovery: () => {
          this.poller.stop();
          this.requestFetch();
        },
      },
      this.subscriptionRetryInterval,
    );
    this.watcher = watcher;
    void watcher.start();
  }

  private remoteChanges(changes: XCAPDocumentChange[]): void {
    const ours = new Map(this.kinds.map((kind) => [kind.auid, kind]));
    const stale = changes.some((change) => ours.has(change.auid) && (change.newEtag === undefined || change.newEtag !== this.cache.get(change.auid)?.etag));
    if (stale) this.requestFetch();
  }

  /** `fetching`: a conditional GET of every document. */
  private async fetch(): Promise<void> {
    if (this.current !== 'fetching') this.setState('fetching');
    this.fetchRequested = false;
    this.document = undefined;
    let changed = false;
    try {
      for (const kind of this.kinds) {
        if (await this.fetchDocument(kind)) changed = true;
      }
    } catch (error) {
      this.fetchRequested = true;
      throw error;
    }
    // The fetch that precedes the retry of a failed update does not end the run of
    // failures: only the update's success does, so that the back-off grows and a
    // refusal that repeats is counted.
    if (!this.updateRequested) this.succeeded();
    const first = !this.fetchedOnce;
    this.fetchedOnce = true;
    if (!changed && !first && this.journal.pending.length === 0 && !this.updateRequested) {
      this.inSync();
      return;
    }
    this.updateRequested = true;
    this.setState('updating');
  }

  /** GETs one document with If-None-Match; resolves with whether the cache changed. */
  private async fetchDocument(kind: DocumentKind): Promise<boolean> {
    const cached = this.cache.get(kind.auid);
    const uri = this.client.documentURI(kind.auid, { document: kind.document });
    this.document = kind.auid;
    try {
      const response = await this.client.get(uri, {
        signal: this.abort.signal,
        ...(cached?.etag === undefined ? {} : { ifNoneMatch: cached.etag }),
      });
      if (response.unchanged) return false;
      this.cacheVersion += 1;
      await this.cache.set(kind.auid, { body: response.body.toString('utf8'), etag: response.etag, alternativeLocation: alternativeLocation(response.headers) });
      return true;
    } catch (error) {
      if (!(error instanceof XCAPNotFoundError)) throw error;
      if (cached === undefined) return false;
      this.cacheVersion += 1;
      await this.cache.delete(kind.auid);
      return true;
    }
  }

  /** The model held by the cached documents (documents that do not parse are left out and not written). */
  private extract(): { data: XCAPData; unreadable: Set<string> } {
    const data = emptyData();
    const unreadable = new Set<string>();
    for (const kind of this.kinds) {
      const cached = this.cache.get(kind.auid);
      if (cached === undefined) continue;
      try {
        kind.extract(cached.body, data, { aor: this.aor });
      } catch (error) {
        if (!(error instanceof ParserError)) throw error;
        unreadable.add(kind.auid);
      }
    }
    if (data.statusIcon !== undefined) {
      const presContent = this.kinds.find((kind) => kind.auid === 'org.openmobilealliance.pres-content');
      const cached = presContent && this.cache.get(presContent.auid);
      data.statusIcon.location = cached?.alternativeLocation ?? (presContent && this.client.documentURI(presContent.auid, { document: presContent.document }).toString());
    }
    return { data, unreadable };
  }

  /** `updating`: the journal applied to the cached documents, and every changed document written. */
  private async update(): Promise<void> {
    if (this.current !== 'updating') this.setState('updating');
    this.updateRequested = false;
    this.document = undefined;
    const entries = [...this.journal.pending];
    const { data, unreadable } = this.extract();
    for (const entry of entries) applyOperation(data, entry.operation);
    // A document that does not parse is never overwritten (it may hold another client's
    // data), nor are those derived from it; the journal then keeps its entries until a
    // readable version arrives.
    const skipped = this.kinds.filter((kind) => unreadable.has(kind.auid) || (kind.usesAddressbook && unreadable.has('resource-lists')));
    let outcome: UpdateOutcome = 'done';
    try {
      for (const kind of this.kinds) {
        if (skipped.includes(kind)) continue;
        const result = await this.pushDocument(kind, data);
        if (result === 'conflict') {
          outcome = result;
          break;
        }
        if (result === 'refetch') outcome = result;
      }
    } catch (error) {
      // Fetch again before the next attempt: a failed conditional create (some servers
      // answer 500, not 412, when the document appeared meanwhile) or a write that
      // landed without its answer both leave the cache behind the server.
      this.updateRequested = true;
      this.fetchRequested = true;
      throw error;
    }
    if (outcome === 'conflict') {
      this.succeeded();
      this.updateRequested = true;
      this.requestFetch();
      return;
    }
    if (skipped.length === 0) await this.journal.remove(entries.map((entry) => entry.id));
    this.succeeded();
    if (outcome === 'refetch') {
      this.requestFetch();
      return;
    }
    if (this.updateRequested || this.fetchRequested) return;
    this.reportedVersion = -1;
    this.inSync();
  }

  /**
   * `insync`: reports the data with `XCAPManagerDidReloadData` after an update, and
   * after a fetch when the documents changed since the last report (an update whose
   * report was put off by a remote change that then turned out to be its own).
   */
  private inSync(): void {
    this.setState('insync');
    if (this.reportedVersion === this.cacheVersion) return;
    this.reportedVersion = this.cacheVersion;
    this.lastData = this.extract().data;
    this.post('XCAPManagerDidReloadData', {
      addressbook: Addressbook.fromData(this.lastData),
      presenceRules: PresenceRules.fromData(this.lastData),
      dialogRules: DialogRules.fromData(this.lastData),
      statusIcon: this.lastData.statusIcon,
      offlineStatus: this.lastData.offlineStatus,
    });
  }

  /** Writes one document if the model changes it: PUT (or DELETE) with If-Match, or If-None-Match `*` for a new one. */
  private async pushDocument(kind: DocumentKind, data: XCAPData): Promise<UpdateOutcome> {
    const cached = this.cache.get(kind.auid);
    const body = kind.render(data, cached?.body, { aor: this.aor });
    if (body === cached?.body) return 'done';
    const uri = this.client.documentURI(kind.auid, { document: kind.document });
    this.document = kind.auid;
    this.cacheVersion += 1;
    const conditions = cached === undefined ? { ifNoneMatch: '*' } : cached.etag === undefined ? {} : { ifMatch: cached.etag };
    try {
      if (body === undefined) {
        await this.client.delete(uri, { signal: this.abort.signal, ...conditions });
        await this.cache.delete(kind.auid);
        return 'done';
      }
      const response = await this.client.put(uri, body, { signal: this.abort.signal, ...conditions });
      await this.cache.set(kind.auid, { body, etag: response.etag, alternativeLocation: alternativeLocation(response.headers) ?? cached?.alternativeLocation });
      return response.etag === undefined ? 'refetch' : 'done';
    } catch (error) {
      if (error instanceof XCAPPreconditionFailedError) return 'conflict';
      if (error instanceof XCAPNotFoundError && body === undefined) {
        await this.cache.delete(kind.auid);
        return 'done';
      }
      throw error;
    }
  }
}

/** A plain JSON copy of a model object (classes to data). */
function toJSON<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function alternativeLocation(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const name of ALTERNATIVE_LOCATION_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}
