/**
 * `sipsimple xcap contacts`: the contacts of the account's addressbook on the XCAP
 * server (resource-lists with the addressbook extension, spec/xcap-api.md §2.1): list,
 * add, update and remove, each through the account's XCAPManager.
 */
import { Contact, ContactURI, EventHandling, type ContactChanges } from '../../xcap/index.js';
import { UsageError } from '../usage-error.js';
import { argumentsOf, fieldsLine, findContact, handlingOption, sipURIArgument, textArgument, type XCAPSubcommand, type XCAPValues } from './xcap-subcommand.js';

/** A contact as `--json` prints it. */
export function contactJSON(contact: Contact, groups: readonly string[]): object {
  return {
    id: contact.id,
    name: contact.name,
    uris: contact.uris.map((entry) => entry.uri),
    presence: { policy: contact.presence.policy, subscribe: contact.presence.subscribe },
    dialog: { policy: contact.dialog.policy, subscribe: contact.dialog.subscribe },
    groups,
  };
}

/** `ID<TAB>NAME<TAB>URI,URI<TAB>presence=POLICY[,subscribe]<TAB>dialog=POLICY[,subscribe]`. */
export function contactLine(contact: Contact): string {
  const handling = (event: string, value: EventHandling): string => `${event}=${value.policy}${value.subscribe ? ',subscribe' : ''}`;
  return fieldsLine([contact.id, contact.name, contact.uris.map((entry) => entry.uri).join(','), handling('presence', contact.presence), handling('dialog', contact.dialog)]);
}

/** `--uri URI` (repeatable) as contact URIs; undefined when not given. */
function urisOption(values: XCAPValues): string[] | undefined {
  const given = values.uri as string[] | undefined;
  return given?.map((text) => sipURIArgument(text, '--uri'));
}

/** The subscribe flag of `--subscribe` / `--no-subscribe`; undefined when neither is given. */
function subscribeOption(values: XCAPValues): boolean | undefined {
  if (values.subscribe === true && values['no-subscribe'] === true) throw new UsageError('--subscribe and --no-subscribe exclude each other');
  if (values.subscribe === true) return true;
  if (values['no-subscribe'] === true) return false;
  return undefined;
}

/** `xcap contacts`. */
export const contactsSubcommand: XCAPSubcommand = {
  name: 'contacts',
  summary: 'list, add, update and remove contacts',
  actions: {
    list: {
      usage: 'contacts list [--json]     one line per contact: ID, NAME, URIS, presence=POLICY, dialog=POLICY (tab-separated)',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'contacts list');
        return async (access, output) => {
          const addressbook = access.manager.addressbook;
          const groupsOf = (contact: Contact): string[] => addressbook.groups.filter((group) => group.contacts.some((member) => member.id === contact.id)).map((group) => group.name);
          if (output.json) output.value(addressbook.contacts.map((contact) => contactJSON(contact, groupsOf(contact))));
          else for (const contact of addressbook.contacts) output.line(contactLine(contact));
        };
      },
    },
    add: {
      usage: 'contacts add NAME URI... [--presence POLICY] [--dialog POLICY] [--subscribe]',
      options: ['presence', 'dialog', 'subscribe'],
      prepare(args, values) {
        const [name, ...uriTexts] = args;
        textArgument(name, 'NAME');
        if (uriTexts.length === 0) throw new UsageError('contacts add needs at least one URI after NAME');
        const uris = uriTexts.map((text) => ContactURI.create(sipURIArgument(text, 'URI')));
        const subscribe = values.subscribe === true;
        const contact = Contact.create(name!, uris, {
          presence: new EventHandling(handlingOption(values, 'presence') ?? 'default', subscribe),
          dialog: new EventHandling(handlingOption(values, 'dialog') ?? 'default', false),
        });
        return async (access, output) => {
          await access.apply((manager) => manager.addContact(contact));
          const stored = access.manager.addressbook.contacts.find((candidate) => candidate.id === contact.id) ?? contact;
          if (output.json) output.value(contactJSON(stored, []));
          else output.line(`added contact ${contactLine(stored)}`);
        };
      },
    },
    update: {
      usage: 'contacts update CONTACT [--name NAME] [--uri URI]... [--presence POLICY] [--dialog POLICY] [--subscribe | --no-subscribe]',
      options: ['name', 'uri', 'presence', 'dialog', 'subscribe', 'no-subscribe'],
      prepare(args, values) {
        const [reference] = argumentsOf(args, ['CONTACT'], 'contacts update');
        const name = values.name === undefined ? undefined : textArgument(values.name as string, '--name');
        const uris = urisOption(values);
        const presence = handlingOption(values, 'presence');
        const dialog = handlingOption(values, 'dialog');
        const subscribe = subscribeOption(values);
        if (name === undefined && uris === undefined && presence === undefined && dialog === undefined && subscribe === undefined) {
          throw new UsageError('contacts update needs something to change: --name, --uri, --presence, --dialog, --subscribe or --no-subscribe');
        }
        return async (access, output) => {
          const contact = findContact(access.manager.addressbook, reference!);
          const changes: ContactChanges = {};
          if (name !== undefined) changes.name = name;
          if (uris !== undefined) {
            // URIs the contact has keep their ids (and attributes); new ones get new ids.
            changes.uris = uris.map((uri) => contact.uris.find((entry) => entry.uri.toLowerCase() === uri.toLowerCase()) ?? ContactURI.create(uri));
          }
          if (presence !== undefined || subscribe !== undefined) changes.presence = new EventHandling(presence ?? contact.presence.policy, subscribe ?? contact.presence.subscribe);
          if (dialog !== undefined) changes.dialog = new EventHandling(dialog, contact.dialog.subscribe);
          await access.apply((manager) => manager.updateContact(contact, changes));
          const stored = access.manager.addressbook.contacts.find((candidate) => candidate.id === contact.id) ?? contact;
          if (output.json) output.value(contactJSON(stored, []));
          else output.line(`updated contact ${contactLine(stored)}`);
        };
      },
    },
    remove: {
      usage: 'contacts remove CONTACT',
      options: [],
      prepare(args) {
        const [reference] = argumentsOf(args, ['CONTACT'], 'contacts remove');
        return async (access, output) => {
          const contact = findContact(access.manager.addressbook, reference!);
          await access.apply((manager) => manager.removeContact(contact));
          if (output.json) output.value({ removed: contact.id });
          else output.line(`removed contact ${contactLine(contact)}`);
        };
      },
    },
  },
};
