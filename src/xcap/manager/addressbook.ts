/** The addressbook as applications see it (spec/xcap-api.md §2.4): contacts, groups with their contacts, policies. */
import type { Contact } from './contact.js';
import type { XCAPData } from './data.js';
import { Group } from './group.js';
import type { Policy } from './policy.js';

/** Collection of contacts, groups and policies (spec/xcap-api.md §2.4). */
export class Addressbook {
  constructor(
    readonly contacts: Contact[] = [],
    readonly groups: Group[] = [],
    readonly policies: Policy[] = [],
  ) {}

  /** The addressbook of a model: group members resolved to contacts (ids naming no contact are left out). */
  static fromData(data: XCAPData): Addressbook {
    const byId = new Map(data.contacts.map((contact) => [contact.id, contact]));
    const groups = data.groups.map(
      (group) => new Group(group.id, group.name, group.contactIds.flatMap((id) => byId.get(id) ?? []), { ...group.attributes }),
    );
    return new Addressbook([...data.contacts], groups, [...data.policies]);
  }
}
