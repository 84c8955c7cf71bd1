/**
 * Everything the manager keeps on the server, as one value: the addressbook
 * (contacts, groups, per-URI policies), the presence and dialog-info rules that
 * are not derived from the addressbook, the status icon and the offline status.
 * Operations change it; the documents are extracted from and rendered to it.
 */
import type { Contact } from './contact.js';
import type { Icon } from './icon.js';
import type { OfflineStatus } from './offline-status.js';
import type { Policy } from './policy.js';
import type { DialoginfoPolicy, PresencePolicy } from './presence-policy.js';

/** A group as stored: member contacts by id (resolved to {@link Contact}s in {@link Addressbook}). */
export interface GroupRecord {
  id: string;
  name: string;
  contactIds: string[];
  attributes: Record<string, string>;
}

/** The manager's model of the server data. */
export interface XCAPData {
  contacts: Contact[];
  groups: GroupRecord[];
  policies: Policy[];
  /** pres-rules rules not derived from the addressbook (the OMA reserved ones included). */
  presencePolicies: PresencePolicy[];
  /** dialog-rules rules not derived from the addressbook. */
  dialoginfoPolicies: DialoginfoPolicy[];
  statusIcon: Icon | undefined;
  offlineStatus: OfflineStatus | undefined;
}

/** An empty model (nothing stored yet). */
export function emptyData(): XCAPData {
  return { contacts: [], groups: [], policies: [], presencePolicies: [], dialoginfoPolicies: [], statusIcon: undefined, offlineStatus: undefined };
}
