/**
 * `sipsimple xcap groups`: the groups of the account's addressbook (spec/xcap-api.md
 * §2.3): list, add, update (rename), remove, and add or remove members, each through
 * the account's XCAPManager.
 */
import { Group } from '../../xcap/index.js';
import { argumentsOf, fieldsLine, findContact, findGroup, textArgument, type XCAPSubcommand } from './xcap-subcommand.js';
import { UsageError } from '../usage-error.js';

/** A group as `--json` prints it. */
function groupJSON(group: Group): object {
  return { id: group.id, name: group.name, members: group.contacts.map((contact) => ({ id: contact.id, name: contact.name })) };
}

/** `ID<TAB>NAME<TAB>MEMBER-ID,MEMBER-ID`. */
function groupLine(group: Group): string {
  return fieldsLine([group.id, group.name, group.contacts.map((contact) => contact.id).join(',')]);
}

/** The group `id` as stored after a change (the one given when it is gone). */
function storedGroup(addressbook: { groups: Group[] }, group: Group): Group {
  return addressbook.groups.find((candidate) => candidate.id === group.id) ?? group;
}

/** `xcap groups`. */
export const groupsSubcommand: XCAPSubcommand = {
  name: 'groups',
  summary: 'list, add, rename and remove groups; add and remove their members',
  actions: {
    list: {
      usage: 'groups list [--json]      one line per group: ID, NAME, MEMBER-IDS (tab-separated)',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'groups list');
        return async (access, output) => {
          const { groups } = access.manager.addressbook;
          if (output.json) output.value(groups.map(groupJSON));
          else for (const group of groups) output.line(groupLine(group));
        };
      },
    },
    add: {
      usage: 'groups add NAME [CONTACT]...',
      options: [],
      prepare(args) {
        const [name, ...members] = args;
        textArgument(name, 'NAME');
        return async (access, output) => {
          const addressbook = access.manager.addressbook;
          const contacts = members.map((reference) => findContact(addressbook, reference));
          const group = Group.create(name!, contacts);
          await access.apply((manager) => manager.addGroup(group));
          const stored = storedGroup(access.manager.addressbook, group);
          if (output.json) output.value(groupJSON(stored));
          else output.line(`added group ${groupLine(stored)}`);
        };
      },
    },
    update: {
      usage: 'groups update GROUP --name NAME',
      options: ['name'],
      prepare(args, values) {
        const [reference] = argumentsOf(args, ['GROUP'], 'groups update');
        if (values.name === undefined) throw new UsageError('groups update needs --name NAME');
        const name = textArgument(values.name as string, '--name');
        return async (access, output) => {
          const group = findGroup(access.manager.addressbook, reference!);
          await access.apply((manager) => manager.updateGroup(group, { name }));
          const stored = storedGroup(access.manager.addressbook, group);
          if (output.json) output.value(groupJSON(stored));
          else output.line(`updated group ${groupLine(stored)}`);
        };
      },
    },
    remove: {
      usage: 'groups remove GROUP        (its contacts stay in the addressbook)',
      options: [],
      prepare(args) {
        const [reference] = argumentsOf(args, ['GROUP'], 'groups remove');
        return async (access, output) => {
          const group = findGroup(access.manager.addressbook, reference!);
          await access.apply((manager) => manager.removeGroup(group));
          if (output.json) output.value({ removed: group.id });
          else output.line(`removed group ${groupLine(group)}`);
        };
      },
    },
    'add-member': {
      usage: 'groups add-member GROUP CONTACT',
      options: [],
      prepare(args) {
        const [groupReference, contactReference] = argumentsOf(args, ['GROUP', 'CONTACT'], 'groups add-member');
        return async (access, output) => {
          const addressbook = access.manager.addressbook;
          const group = findGroup(addressbook, groupReference!);
          const contact = findContact(addressbook, contactReference!);
          await access.apply((manager) => manager.addGroupMember(group, contact));
          const stored = storedGroup(access.manager.addressbook, group);
          if (output.json) output.value(groupJSON(stored));
          else output.line(`added ${contact.id} to group ${groupLine(stored)}`);
        };
      },
    },
    'remove-member': {
      usage: 'groups remove-member GROUP CONTACT',
      options: [],
      prepare(args) {
        const [groupReference, contactReference] = argumentsOf(args, ['GROUP', 'CONTACT'], 'groups remove-member');
        return async (access, output) => {
          const addressbook = access.manager.addressbook;
          const group = findGroup(addressbook, groupReference!);
          const contact = findContact(addressbook, contactReference!);
          await access.apply((manager) => manager.removeGroupMember(group, contact));
          const stored = storedGroup(access.manager.addressbook, group);
          if (output.json) output.value(groupJSON(stored));
          else output.line(`removed ${contact.id} from group ${groupLine(stored)}`);
        };
      },
    },
  },
};
