/**
 * What the `sipsimple xcap` subcommands share: the shape of a subcommand (actions whose
 * arguments are checked before anything starts, then run against the account's
 * {@link XCAPAccess}), and the checks of the arguments that name contacts, groups and
 * SIP URIs.
 */
import type { Addressbook, Contact, Group, HandlingPolicy } from '../../xcap/index.js';
import type { XCAPAccess } from '../xcap-access.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/** An action's work once the manager is in sync: prints its result; resolves when done. */
export type XCAPWork = (access: XCAPAccess, output: XCAPOutput) => Promise<void>;

/** How results are printed: plain lines, or one JSON document with `--json`. */
export interface XCAPOutput {
  readonly json: boolean;
  /** Prints one line (plain output). */
  line(text: string): void;
  /** Prints `value` as JSON (with `--json`). */
  value(value: unknown): void;
}

/** The options of one invocation, as parseArgs gives them. */
export type XCAPValues = Record<string, unknown>;

/** One action of a subcommand (`contacts add`). */
export interface XCAPAction {
  /** `contacts add NAME URI... [--presence POLICY]`: the usage line. */
  readonly usage: string;
  /** Options (without the leading --) the action accepts besides the global ones, --timeout and --json. */
  readonly options: readonly string[];
  /** Checks the arguments ({@link UsageError} naming the bad one) and returns the work. */
  prepare(args: string[], values: XCAPValues): XCAPWork;
}

/** A group of actions (`contacts`, `groups`, ...). */
export interface XCAPSubcommand {
  readonly name: string;
  readonly summary: string;
  readonly actions: Readonly<Record<string, XCAPAction>>;
}

/** The handling policies of contacts and per-URI policies (spec/xcap-api.md §2.1). */
export const HANDLING_POLICIES: readonly HandlingPolicy[] = ['default', 'allow', 'block', 'confirm'];

/** `--name POLICY` as a handling policy, or undefined when not given. */
export function handlingOption(values: XCAPValues, name: string): HandlingPolicy | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const policy = HANDLING_POLICIES.find((candidate) => candidate === String(value).toLowerCase());
  if (policy === undefined) throw new UsageError(`--${name} must be one of ${HANDLING_POLICIES.join(', ')}, got ${JSON.stringify(value)}`);
  return policy;
}

/** A SIP address given on the command line (`bob@example.com` or `sip:bob@example.com`) as a SIP URI. */
export function sipURIArgument(text: string, what: string): string {
  const uri = /^sips?:/i.test(text) ? text : `sip:${text}`;
  // The user part takes no ':' (so no other scheme and no password, RFC 3261 §19.1.1).
  if (!/^sips?:[^@\s<>":]+@[^@\s<>";?]+(;[^\s<>"]*)?$/i.test(uri)) throw new UsageError(`${what} must be a SIP address like bob@example.com, got ${JSON.stringify(text)}`);
  return uri.replace(/^sips?:/i, (scheme) => scheme.toLowerCase());
}

/** Exactly `count` positional arguments named by `names` (for the message), else a usage error. */
export function argumentsOf(args: string[], names: readonly string[], action: string): string[] {
  if (args.length < names.length) throw new UsageError(`${action} needs ${names.slice(args.length).join(' ')}`);
  if (args.length > names.length) throw new UsageError(`${action} takes ${names.length === 0 ? 'no arguments' : names.join(' ')}, got also ${JSON.stringify(args.slice(names.length).join(' '))}`);
  return args;
}

/** A non-empty text argument. */
export function textArgument(text: string | undefined, what: string): string {
  if (text === undefined || text.trim() === '') throw new UsageError(`${what} must not be empty`);
  return text;
}

/**
 * The contact a CONTACT argument names: its id, one of its URIs (`bob@example.com` or
 * `sip:bob@example.com`), or its name when exactly one contact has it.
 */
export function findContact(addressbook: Addressbook, reference: string): Contact {
  const byId = addressbook.contacts.find((contact) => contact.id === reference);
  if (byId !== undefined) return byId;
  const uri = /@/.test(reference) ? (/^sips?:/i.test(reference) ? reference : `sip:${reference}`).toLowerCase() : undefined;
  const byURI = uri === undefined ? [] : addressbook.contacts.filter((contact) => contact.uris.some((entry) => entry.uri.toLowerCase() === uri));
  const byName = addressbook.contacts.filter((contact) => contact.name === reference);
  const matches = byURI.length > 0 ? byURI : byName;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new UsageError(`CONTACT ${JSON.stringify(reference)} names ${matches.length} contacts (${matches.map((contact) => contact.id).join(', ')}): give the id`);
  throw new UsageError(`CONTACT ${JSON.stringify(reference)} is no contact's id, URI or name (see: sipsimple xcap contacts list)`);
}

/** The group a GROUP argument names: its id, or its name when exactly one group has it. */
export function findGroup(addressbook: Addressbook, reference: string): Group {
  const byId = addressbook.groups.find((group) => group.id === reference);
  if (byId !== undefined) return byId;
  const byName = addressbook.groups.filter((group) => group.name === reference);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new UsageError(`GROUP ${JSON.stringify(reference)} names ${byName.length} groups (${byName.map((group) => group.id).join(', ')}): give the id`);
  throw new UsageError(`GROUP ${JSON.stringify(reference)} is no group's id or name (see: sipsimple xcap groups list)`);
}

/** One output line of tab-separated fields, each made safe for the terminal (a tab inside a field is escaped too). */
export function fieldsLine(fields: readonly string[]): string {
  return fields.map((field) => terminalSafe(field)).join('\t');
}
