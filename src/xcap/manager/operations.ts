/**
 * The high-level operations of the journal (spec/xcap-api.md §2.7) and how each
 * changes the model ({@link applyOperation}).
 *
 * Every operation writes only the item it names by id, and is one of: a whole
 * write (add = create or replace the item with the given value; remove = delete
 * it), or a partial write (update = set the given fields of the item if it exists;
 * group membership and a contact's URIs are sets keyed by id). Hence a journal
 * `s` re-applied on its own result gives that result again:
 * `apply(s, apply(s, x)) = apply(s, x)`. Per item, the result after a whole write
 * does not depend on the state before it, and partial writes set fields to fixed
 * values, so applying them again changes nothing. That is what makes replay after
 * a crash or a 412 safe (journal.ts has the whole argument; the property is
 * tested with random journals). Adds replace an existing item on purpose: "no-op
 * if it exists" would let a replayed `update X` followed by `add X` end with the
 * update's value, where a single application ends with the add's.
 */
import { Contact, ContactURI, EventHandling, type HandlingPolicy } from './contact.js';
import {
  applyPolicyChanges, decodeDialoginfoPolicy, decodeIcon, decodeOfflineStatus, decodePresencePolicy,
  type IconJSON, type RulePolicyJSON,
} from './codec.js';
import type { GroupRecord, XCAPData } from './data.js';
import { XCAPManagerError } from './errors.js';
import { Policy } from './policy.js';
import { OMA_RESERVED_POLICIES, OMA_STANDARD_POLICIES, type RulePolicy } from './presence-policy.js';

/** Rule ids the manager derives from the addressbook's handling (pres-rules and dialog-rules); operations on policies never touch them. */
export const DERIVED_RULE_IDS: readonly string[] = [
  'wp_prs_grantedcontacts', 'wp_prs_blockedcontacts', 'sipsimple_presence_confirm',
  'sipsimple_dialog_allow', 'sipsimple_dialog_block', 'sipsimple_dialog_confirm',
];

/** Event handling as JSON. */
export interface HandlingJSON {
  policy: HandlingPolicy;
  subscribe: boolean;
}

/** A contact URI as JSON. */
export interface ContactURIJSON {
  id: string;
  uri: string;
  type?: string | undefined;
  attributes: Record<string, string>;
}

/** A contact as JSON. */
export interface ContactJSON {
  id: string;
  name: string;
  uris: ContactURIJSON[];
  presence: HandlingJSON;
  dialog: HandlingJSON;
  attributes: Record<string, string>;
}

/** A per-URI policy as JSON. */
export interface PolicyJSON {
  id: string;
  name: string;
  uri: string;
  presence: HandlingJSON;
  dialog: HandlingJSON;
  attributes: Record<string, string>;
}

/** One journaled operation. */
export type Operation =
  | { type: 'add-group'; group: GroupRecord }
  | { type: 'update-group'; id: string; changes: { name?: string; attributes?: Record<string, string> } }
  | { type: 'remove-group'; id: string }
  | { type: 'add-contact'; contact: ContactJSON }
  | { type: 'update-contact'; id: string; changes: Partial<Omit<ContactJSON, 'id'>> }
  | { type: 'remove-contact'; id: string }
  | { type: 'add-contact-uri'; contactId: string; uri: ContactURIJSON }
  | { type: 'update-contact-uri'; contactId: string; uriId: string; changes: Partial<Omit<ContactURIJSON, 'id'>> }
  | { type: 'remove-contact-uri'; contactId: string; uriId: string }
  | { type: 'add-group-member'; groupId: string; contactId: string }
  | { type: 'remove-group-member'; groupId: string; contactId: string }
  | { type: 'add-policy'; policy: PolicyJSON }
  | { type: 'update-policy'; id: string; changes: Partial<Omit<PolicyJSON, 'id'>> }
  | { type: 'remove-policy'; id: string }
  | { type: 'add-presence-policy'; policy: RulePolicyJSON }
  | { type: 'update-presence-policy'; id: string; changes: Record<string, unknown> }
  | { type: 'remove-presence-policy'; id: string }
  | { type: 'add-dialoginfo-policy'; policy: RulePolicyJSON }
  | { type: 'update-dialoginfo-policy'; id: string; changes: Record<string, unknown> }
  | { type: 'remove-dialoginfo-policy'; id: string }
  | { type: 'set-status-icon'; icon: IconJSON | null }
  | { type: 'set-offline-status'; pidf: string | null };

/** The names of every operation type (to check journal entries read back from storage). */
export const OPERATION_TYPES: ReadonlySet<string> = new Set<Operation['type']>([
  'add-group', 'update-group', 'remove-group', 'add-contact', 'update-contact', 'remove-contact', 'add-contact-uri',
  'update-contact-uri', 'remove-contact-uri', 'add-group-member', 'remove-group-member', 'add-policy', 'update-policy',
  'remove-policy', 'add-presence-policy', 'update-presence-policy', 'remove-presence-policy', 'add-dialoginfo-policy',
  'update-dialoginfo-policy', 'remove-dialoginfo-policy', 'set-status-icon', 'set-offline-status',
]);

function applyHandlingChanges(target: { presence: EventHandling; dialog: EventHandling }, changes: { presence?: HandlingJSON; dialog?: HandlingJSON }): void {
  if (changes.presence !== undefined) target.presence = EventHandling.from(changes.presence);
  if (changes.dialog !== undefined) target.dialog = EventHandling.from(changes.dialog);
}

/** Removes every item with this id (a document written by another client may repeat ids). */
function removeById<T extends { id: string | undefined }>(items: T[], id: string): void {
  for (let index = items.length - 1; index >= 0; index--) if (items[index]!.id === id) items.splice(index, 1);
}

/** Creates or replaces the item with `item.id`, in place of the first with that id (later duplicates go). */
function upsert<T extends { id: string | undefined }>(items: T[], item: T): void {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index < 0) {
    items.push(item);
    return;
  }
  removeById(items, item.id!);
  items.splice(index, 0, item);
}

/** Reserved OMA rules never get identities (contacts) added: spec/xcap-api.md §2.7. */
function withoutReservedIdentities<T extends RulePolicy>(policy: T): T {
  if (policy.id !== undefined && OMA_RESERVED_POLICIES.includes(policy.id)) policy.identities = undefined;
  return policy;
}

function applyRuleOperation<T extends RulePolicy>(
  list: T[],
  operation: { kind: 'add'; policy: RulePolicyJSON } | { kind: 'update'; id: string; changes: Record<string, unknown> } | { kind: 'remove'; id: string },
  decode: (json: RulePolicyJSON) => T,
  removable: (id: string) => boolean,
): void {
  const id = operation.kind === 'add' ? operation.policy.id : operation.id;
  if (DERIVED_RULE_IDS.includes(id)) return;
  const existing = list.find((policy) => policy.id === id);
  switch (operation.kind) {
    case 'add':
      upsert(list, withoutReservedIdentities(decode(operation.policy)));
      return;
    case 'update':
      if (existing !== undefined) {
        applyPolicyChanges(existing, operation.changes);
        withoutReservedIdentities(existing);
      } else if (typeof operation.changes['action'] === 'string') {
        const created = decode({ id, action: operation.changes['action'] as RulePolicyJSON['action'] });
        applyPolicyChanges(created, operation.changes);
        list.push(withoutReservedIdentities(created));
      }
      return;
    case 'remove':
      if (removable(id)) removeById(list, id);
  }
}

/** Applies `operation` to `data` in place. Idempotent (see the module comment). */
export function applyOperation(data: XCAPData, operation: Operation): void {
  switch (operation.type) {
    case 'add-group':
      upsert(data.groups, structuredClone(operation.group));
      return;
    case 'update-group': {
      const group = data.groups.find((item) => item.id === operation.id);
      if (group === undefined) return;
      if (operation.changes.name !== undefined) group.name = operation.changes.name;
      if (operation.changes.attributes !== undefined) group.attributes = { ...operation.changes.attributes };
      return;
    }
    case 'remove-group':
      removeById(data.groups, operation.id);
      return;
    case 'add-contact':
      upsert(data.contacts, Contact.from(operation.contact as Contact));
      return;
    case 'update-contact': {
      const contact = data.contacts.find((item) => item.id === operation.id);
      if (contact === undefined) return;
      const { changes } = operation;
      if (changes.name !== undefined) contact.name = changes.name;
      if (changes.uris !== undefined) contact.uris = changes.uris.map((uri) => ContactURI.from(uri));
      if (changes.attributes !== undefined) contact.attributes = { ...changes.attributes };
      applyHandlingChanges(contact, changes);
      return;
    }
    case 'remove-contact':
      removeById(data.contacts, operation.id);
      for (const group of data.groups) group.contactIds = group.contactIds.filter((id) => id !== operation.id);
      return;
    case 'add-contact-uri': {
      const contact = data.contacts.find((item) => item.id === operation.contactId);
      if (contact !== undefined) upsert(contact.uris, ContactURI.from(operation.uri));
      return;
    }
    case 'update-contact-uri': {
      const uri = data.contacts.find((item) => item.id === operation.contactId)?.uris.find((item) => item.id === operation.uriId);
      if (uri === undefined) return;
      if (operation.changes.uri !== undefined) uri.uri = operation.changes.uri;
      if ('type' in operation.changes) uri.type = operation.changes.type;
      if (operation.changes.attributes !== undefined) uri.attributes = { ...operation.changes.attributes };
      return;
    }
    case 'remove-contact-uri': {
      const contact = data.contacts.find((item) => item.id === operation.contactId);
      if (contact !== undefined) removeById(contact.uris, operation.uriId);
      return;
    }
    case 'add-group-member': {
      const group = data.groups.find((item) => item.id === operation.groupId);
      if (group !== undefined && !group.contactIds.includes(operation.contactId)) group.contactIds.push(operation.contactId);
      return;
    }
    case 'remove-group-member': {
      const group = data.groups.find((item) => item.id === operation.groupId);
      if (group !== undefined) group.contactIds = group.contactIds.filter((id) => id !== operation.contactId);
      return;
    }
    case 'add-policy':
      upsert(data.policies, Policy.from(operation.policy as Policy));
      return;
    case 'update-policy': {
      const policy = data.policies.find((item) => item.id === operation.id);
      if (policy === undefined) return;
      const { changes } = operation;
      if (changes.name !== undefined) policy.name = changes.name;
      if (changes.uri !== undefined) policy.uri = changes.uri;
      if (changes.attributes !== undefined) policy.attributes = { ...changes.attributes };
      applyHandlingChanges(policy, changes);
      return;
    }
    case 'remove-policy':
      removeById(data.policies, operation.id);
      return;
    case 'add-presence-policy':
      applyRuleOperation(data.presencePolicies, { kind: 'add', policy: operation.policy }, decodePresencePolicy, (id) => !OMA_STANDARD_POLICIES.includes(id));
      return;
    case 'update-presence-policy':
      applyRuleOperation(data.presencePolicies, { kind: 'update', id: operation.id, changes: operation.changes }, decodePresencePolicy, () => true);
      return;
    case 'remove-presence-policy':
      applyRuleOperation(data.presencePolicies, { kind: 'remove', id: operation.id }, decodePresencePolicy, (id) => !OMA_STANDARD_POLICIES.includes(id));
      return;
    case 'add-dialoginfo-policy':
      applyRuleOperation(data.dialoginfoPolicies, { kind: 'add', policy: operation.policy }, decodeDialoginfoPolicy, () => true);
      return;
    case 'update-dialoginfo-policy':
      applyRuleOperation(data.dialoginfoPolicies, { kind: 'update', id: operation.id, changes: operation.changes }, decodeDialoginfoPolicy, () => true);
      return;
    case 'remove-dialoginfo-policy':
      applyRuleOperation(data.dialoginfoPolicies, { kind: 'remove', id: operation.id }, decodeDialoginfoPolicy, () => true);
      return;
    case 'set-status-icon':
      data.statusIcon = operation.icon === null ? undefined : decodeIcon(operation.icon);
      return;
    case 'set-offline-status':
      data.offlineStatus = operation.pidf === null ? undefined : decodeOfflineStatus(operation.pidf);
      return;
    default:
      throw new XCAPManagerError(`unknown journal operation ${JSON.stringify(operation)}`);
  }
}
