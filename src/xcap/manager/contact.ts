/**
 * The addressbook's people (spec/xcap-api.md §2.1): a {@link Contact} with its
 * {@link ContactURI}s and the {@link EventHandling} of presence and dialog. Plain
 * data, so that journal entries can hold them as JSON.
 */
import { randomUUID } from 'node:crypto';

/**
 * What a contact or policy asks for one event package (spec/xcap-api.md §2.1
 * `presence`/`dialog`): the policy applied to it (`default` defers to the
 * server's default rule) and whether the user wants to subscribe to it.
 */
export type HandlingPolicy = 'default' | 'allow' | 'block' | 'confirm';

/** The policy for one event package plus the subscription flag (python-sipsimple's `EventHandling`). */
export class EventHandling {
  constructor(
    public policy: HandlingPolicy = 'default',
    public subscribe = false,
  ) {}

  /** A copy from plain data (as stored in the journal). */
  static from(data: { policy: HandlingPolicy; subscribe: boolean }): EventHandling {
    return new EventHandling(data.policy, data.subscribe);
  }
}

/** A new random identifier, unique across devices (spec/xcap-api.md §2.1 `id`). */
export function generateId(): string {
  return randomUUID().replaceAll('-', '');
}

/** One URI of a contact (python-sipsimple's `sipsimple.account.xcap.ContactURI`). */
export class ContactURI {
  constructor(
    public id: string,
    public uri: string,
    public type: string | undefined = undefined,
    public attributes: Record<string, string> = {},
  ) {}

  /** A URI entry with a generated id. */
  static create(uri: string, type?: string, attributes: Record<string, string> = {}): ContactURI {
    return new ContactURI(generateId(), uri, type, attributes);
  }

  /** A copy from plain data. */
  static from(data: { id: string; uri: string; type?: string | undefined; attributes?: Record<string, string> }): ContactURI {
    return new ContactURI(data.id, data.uri, data.type, { ...(data.attributes ?? {}) });
  }
}

/** The fields of a contact that `updateContact` may change. */
export interface ContactChanges {
  name?: string;
  uris?: ContactURI[];
  presence?: EventHandling;
  dialog?: EventHandling;
  attributes?: Record<string, string>;
}

/**
 * A person: a name, a list of URIs, presence and dialog handling and free-form
 * attributes (spec/xcap-api.md §2.1). Without handling both events get the
 * `default` policy and no subscription.
 */
export class Contact {
  presence: EventHandling;
  dialog: EventHandling;

  constructor(
    public id: string,
    public name: string,
    public uris: ContactURI[] = [],
    presenceHandling?: EventHandling,
    dialogHandling?: EventHandling,
    public attributes: Record<string, string> = {},
  ) {
    this.presence = presenceHandling ?? new EventHandling();
    this.dialog = dialogHandling ?? new EventHandling();
  }

  /** A contact with a generated id. */
  static create(name: string, uris: ContactURI[] = [], handling: { presence?: EventHandling; dialog?: EventHandling; attributes?: Record<string, string> } = {}): Contact {
    return new Contact(generateId(), name, uris, handling.presence, handling.dialog, handling.attributes ?? {});
  }

  /** A deep copy from plain data. */
  static from(data: Contact): Contact {
    return new Contact(
      data.id,
      data.name,
      data.uris.map((uri) => ContactURI.from(uri)),
      EventHandling.from(data.presence),
      EventHandling.from(data.dialog),
      { ...data.attributes },
    );
  }
}
