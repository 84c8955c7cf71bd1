/** Groups of contacts (spec/xcap-api.md §2.3). */
import { generateId, type Contact } from './contact.js';

/** The fields of a group that `updateGroup` may change. */
export interface GroupChanges {
  name?: string;
  attributes?: Record<string, string>;
}

/** A named set of contacts (spec/xcap-api.md §2.3); a contact may belong to several groups. */
export class Group {
  constructor(
    public id: string,
    public name: string,
    public contacts: Contact[] = [],
    public attributes: Record<string, string> = {},
  ) {}

  /** A group with a generated id. */
  static create(name: string, contacts: Contact[] = [], attributes: Record<string, string> = {}): Group {
    return new Group(generateId(), name, contacts, attributes);
  }
}
