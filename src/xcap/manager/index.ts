/**
 * The XCAPManager (spec/xcap-api.md, middleware spec §32-§43): contacts, groups,
 * policies, status icon and offline status kept on an XCAP server, with a journal,
 * a document cache with ETags, and xcap-diff or polling for remote changes.
 */
export { XCAPManager, backOffDelay } from './xcap-manager.js';
export type { XCAPManagerOptions, XCAPManagerSettingsChange, RetryDelay } from './xcap-manager.js';
export { XCAP_MANAGER_STATES, isTransitionAllowed } from './states.js';
export type { XCAPManagerState } from './states.js';
export type { XCAPManagerCapabilitiesData, XCAPManagerFailureData, XCAPManagerPhase, XCAPManagerReloadData } from './notifications.js';
export { XCAPManagerError, XCAPManagerStorageError } from './errors.js';
export { Contact, ContactURI, EventHandling, generateId } from './contact.js';
export type { ContactChanges, HandlingPolicy } from './contact.js';
export { Group } from './group.js';
export type { GroupChanges } from './group.js';
export { Policy } from './policy.js';
export type { PolicyChanges } from './policy.js';
export {
  All, CatchAllCondition, DialoginfoPolicy, DomainCondition, DomainException, OMA_RESERVED_POLICIES, OMA_STANDARD_POLICIES,
  PresencePolicy, RulePolicy, UserException,
} from './presence-policy.js';
export type {
  DialoginfoPolicyChanges, MultiIdentityCondition, PolicyAction, PolicyOptions, PresencePolicyChanges, ProvideSelection, ProvideSelector,
  ValidityInterval,
} from './presence-policy.js';
export { Icon, ICON_MIME_TYPES } from './icon.js';
export { OfflineStatus } from './offline-status.js';
export { Addressbook } from './addressbook.js';
export { PresenceRules, DialogRules, DEFAULT_PRESENCE_RULE } from './rules-summary.js';
export { Journal, JOURNAL_ENTRY } from './journal.js';
export type { JournalEntry } from './journal.js';
export { DocumentCache } from './document-cache.js';
export type { CachedDocument } from './document-cache.js';
export type { XCAPManagerStorage } from './manager-storage.js';
export { applyOperation, DERIVED_RULE_IDS } from './operations.js';
export type { Operation } from './operations.js';
export { emptyData } from './data.js';
export type { XCAPData, GroupRecord } from './data.js';
export { selectDocuments, ALL_AUIDS, OMA_PRES_RULES, IETF_PRES_RULES } from './documents/index.js';
export type { DocumentKind, DocumentContext } from './documents/index.js';
export { serviceURI } from './documents/rls-services.js';
export { ADDRESSBOOK_LIST, BUDDY_LIST } from './documents/resource-lists.js';
export {
  XCAPDiffWatcher, createXCAPDiffSubscriptionFactory, parseXCAPDiffChanges, XCAP_DIFF_EVENT, XCAP_DIFF_CONTENT_TYPE,
} from './xcap-diff-watcher.js';
export type { XCAPDiffSubscriptionFactory, XCAPDiffSubscriptionSettings, XCAPDocumentChange, XCAPDiffWatcherHandlers } from './xcap-diff-watcher.js';
export { Poller, DEFAULT_POLL_INTERVAL } from './poller.js';
