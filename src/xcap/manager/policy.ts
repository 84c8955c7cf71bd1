/** Per-URI policies of the addressbook (spec/xcap-api.md §2.2). */
import { EventHandling, generateId } from './contact.js';

/** The fields of a policy that `updatePolicy` may change. */
export interface PolicyChanges {
  name?: string;
  uri?: string;
  presence?: EventHandling;
  dialog?: EventHandling;
  attributes?: Record<string, string>;
}

/** Like a contact, but for one URI that is not a person of the addressbook (spec/xcap-api.md §2.2). */
export class Policy {
  presence: EventHandling;
  dialog: EventHandling;

  constructor(
    public id: string,
    public name: string,
    public uri: string,
    presenceHandling?: EventHandling,
    dialogHandling?: EventHandling,
    public attributes: Record<string, string> = {},
  ) {
    this.presence = presenceHandling ?? new EventHandling();
    this.dialog = dialogHandling ?? new EventHandling();
  }

  /** A policy with a generated id. */
  static create(name: string, uri: string, handling: { presence?: EventHandling; dialog?: EventHandling } = {}): Policy {
    return new Policy(generateId(), name, uri, handling.presence, handling.dialog);
  }

  /** A deep copy from plain data. */
  static from(data: Policy): Policy {
    return new Policy(data.id, data.name, data.uri, EventHandling.from(data.presence), EventHandling.from(data.dialog), { ...data.attributes });
  }
}
