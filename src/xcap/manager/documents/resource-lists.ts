/**
 * The `resource-lists` document (RFC 4826 §3) with the addressbook extension:
 * the list `sipsimple_addressbook` holds the contacts, groups and policies (the
 * authoritative copy), and `oma_buddylist` (OMA Presence XDM) is derived from it:
 * one nested list per group with its members' URIs, then the ungrouped contacts.
 * Other lists are kept as they are.
 */
import {
  Addressbook as AddressbookElement, Attributes, Contact as ContactElement, ContactURI as ContactURIElement, ContactURIList,
  DialogHandling, Group as GroupElement, Policy as PolicyElement, PresenceHandling,
} from '../../../payloads/addressbook.js';
import { Entry, List, ResourceLists } from '../../../payloads/resourcelists.js';
import { Contact, ContactURI, EventHandling } from '../contact.js';
import type { XCAPData } from '../data.js';
import { Policy } from '../policy.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';

/** Name of the list that holds the addressbook. */
export const ADDRESSBOOK_LIST = 'sipsimple_addressbook';
/** Name of the OMA buddy list (OMA-TS-Presence_SIMPLE_XDM §5.1.2). */
export const BUDDY_LIST = 'oma_buddylist';

function attributesElement(record: Readonly<Record<string, string>>): Attributes | undefined {
  return Object.keys(record).length === 0 ? undefined : Attributes.fromRecord(record);
}

function handling(element: PresenceHandling | DialogHandling): EventHandling {
  return new EventHandling(element.policy, element.subscribe);
}

function readAddressbook(list: List, data: XCAPData): void {
  const book = AddressbookElement.fromList(list);
  data.contacts = book.contacts.map(
    (contact) =>
      new Contact(
        contact.id,
        contact.name,
        contact.uris.map((uri) => new ContactURI(uri.id, uri.uri, uri.type, uri.attributes?.toRecord() ?? {})),
        handling(contact.presence),
        handling(contact.dialog),
        contact.attributes?.toRecord() ?? {},
      ),
  );
  data.groups = book.groups.map((group) => ({ id: group.id, name: group.name, contactIds: [...group.contacts], attributes: group.attributes?.toRecord() ?? {} }));
  data.policies = book.policies.map(
    (policy) => new Policy(policy.id, policy.name, policy.uri, handling(policy.presence), handling(policy.dialog), policy.attributes?.toRecord() ?? {}),
  );
}

function addressbookList(data: XCAPData): List {
  const contacts = data.contacts.map(
    (contact) =>
      new ContactElement(
        contact.id,
        contact.name,
        new ContactURIList(contact.uris.map((uri) => new ContactURIElement(uri.id, uri.uri, uri.type, attributesElement(uri.attributes)))),
        {
          presence: new PresenceHandling(contact.presence.policy, contact.presence.subscribe),
          dialog: new DialogHandling(contact.dialog.policy, contact.dialog.subscribe),
          ...(attributesElement(contact.attributes) ? { attributes: attributesElement(contact.attributes)! } : {}),
        },
      ),
  );
  const groups = data.groups.map((group) => new GroupElement(group.id, group.name, group.contactIds, attributesElement(group.attributes)));
  const policies = data.policies.map(
    (policy) =>
      new PolicyElement(policy.id, policy.name, policy.uri, {
        presence: new PresenceHandling(policy.presence.policy, policy.presence.subscribe),
        dialog: new DialogHandling(policy.dialog.policy, policy.dialog.subscribe),
        ...(attributesElement(policy.attributes) ? { attributes: attributesElement(policy.attributes)! } : {}),
      }),
  );
  return new AddressbookElement(contacts, groups, policies).toList(ADDRESSBOOK_LIST);
}

/** Entries for `contacts`' URIs, each URI once (RFC 4826 §3.4.5 uniqueness within a list). */
function entries(contacts: readonly Contact[]): Entry[] {
  const seen = new Set<string>();
  const result: Entry[] = [];
  for (const contact of contacts) {
    for (const uri of contact.uris) {
      if (seen.has(uri.uri)) continue;
      seen.add(uri.uri);
      result.push(new Entry(uri.uri, contact.name));
    }
  }
  return result;
}

function buddyList(data: XCAPData): List {
  const byId = new Map(data.contacts.map((contact) => [contact.id, contact]));
  const grouped = new Set<string>();
  const lists = data.groups.map((group) => {
    const members = group.contactIds.flatMap((id) => byId.get(id) ?? []);
    for (const member of members) grouped.add(member.id);
    return new List(entries(members), group.id, group.name);
  });
  return new List([...lists, ...entries(data.contacts.filter((contact) => !grouped.has(contact.id)))], BUDDY_LIST);
}

function replaceList(document: ResourceLists, list: List): void {
  const index = document.findIndex((item) => item.name === list.name);
  if (index >= 0) document[index] = list;
  else document.push(list);
}

/** The resource-lists document kind. */
export const resourceListsDocument: DocumentKind = {
  auid: 'resource-lists',
  document: 'index',
  usesAddressbook: true,
  extract(body, data) {
    const document = ResourceLists.parse(body) as ResourceLists;
    const list = document.get(ADDRESSBOOK_LIST);
    if (list !== undefined) readAddressbook(list, data);
  },
  render(data, previous) {
    const document = previous === undefined ? new ResourceLists() : (ResourceLists.parse(previous) as ResourceLists);
    replaceList(document, addressbookList(data));
    replaceList(document, buddyList(data));
    return document.toXML(WRITE_OPTIONS);
  },
};
