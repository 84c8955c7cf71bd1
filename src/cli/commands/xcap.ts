/**
 * `sipsimple xcap`: the account's contacts, groups, policies, status icon and offline
 * status on its XCAP server (RFC 4825), through the account's XCAPManager
 * (spec/xcap-api.md §2.7). Every run starts the account with XCAP, waits until the
 * manager is `insync` (bounded by --timeout), applies the one operation asked for,
 * waits until the change is on the server, prints the result and exits 0; a server
 * that refuses or does not answer exits 1 with what it said.
 */
import { ExitCode, type Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { secondsOption } from '../option-values.js';
import { UsageError } from '../usage-error.js';
import { checkXCAPAccount, observeXCAPManager, openXCAPManager, type XCAPObservation } from '../xcap-access.js';
import { capabilitiesSubcommand } from './xcap-capabilities.js';
import { contactsSubcommand } from './xcap-contacts.js';
import { groupsSubcommand } from './xcap-groups.js';
import { iconSubcommand } from './xcap-icon.js';
import { offlineStatusSubcommand } from './xcap-offline-status.js';
import { policySubcommand } from './xcap-policy.js';
import type { XCAPAction, XCAPOutput, XCAPSubcommand } from './xcap-subcommand.js';

/** Seconds each wait for the server may take by default. */
const DEFAULT_TIMEOUT = 20;

const subcommands: readonly XCAPSubcommand[] = [contactsSubcommand, groupsSubcommand, policySubcommand, iconSubcommand, offlineStatusSubcommand, capabilitiesSubcommand];

/** Options every action takes. */
const COMMON_OPTIONS = ['json', 'timeout'];

const options = {
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  name: { type: 'string' },
  uri: { type: 'string', multiple: true },
  presence: { type: 'string' },
  dialog: { type: 'string' },
  subscribe: { type: 'boolean' },
  'no-subscribe': { type: 'boolean' },
  event: { type: 'string' },
  description: { type: 'string' },
  note: { type: 'string' },
  status: { type: 'string' },
} as const;

function usage(): string {
  const lines = subcommands.flatMap((subcommand) => Object.values(subcommand.actions).map((action) => `  sipsimple xcap ${action.usage}`));
  return `sipsimple xcap SUBCOMMAND [ACTION] [ARGUMENTS] [--timeout SECONDS] [--json]

${lines.join('\n')}

The account (--account, else the default one) needs xcap.enabled true and an XCAP root
(xcap.xcapRoot, else found in DNS). CONTACT is a contact's id, one of its URIs or its
name; GROUP a group's id or name; URI a SIP address (bob@example.com). POLICY is one of
default, allow, block, confirm. Lists print one item per line, tab-separated; --json
prints one JSON document instead.

  --timeout SECONDS  how long to wait for the server to be in sync, and again for the
                     change to be on it (default ${DEFAULT_TIMEOUT})
  --json             print the result as JSON`;
}

/** The subcommand and action the positionals name, and the action's own arguments. */
function actionOf(positionals: string[]): { name: string; action: XCAPAction; args: string[] } {
  const [subcommandName, ...rest] = positionals;
  const names = subcommands.map((subcommand) => subcommand.name).join(', ');
  if (subcommandName === undefined) throw new UsageError(`xcap needs a SUBCOMMAND: ${names}`);
  const subcommand = subcommands.find((candidate) => candidate.name === subcommandName);
  if (subcommand === undefined) throw new UsageError(`unknown xcap SUBCOMMAND ${JSON.stringify(subcommandName)} (subcommands: ${names})`);
  const actions = Object.keys(subcommand.actions);
  if (actions.length === 1) return { name: subcommand.name, action: subcommand.actions[actions[0]!]!, args: rest };
  const [actionName, ...args] = rest;
  if (actionName === undefined) throw new UsageError(`xcap ${subcommand.name} needs an ACTION: ${actions.join(', ')}`);
  const action = Object.hasOwn(subcommand.actions, actionName) ? subcommand.actions[actionName] : undefined;
  if (action === undefined) throw new UsageError(`unknown xcap ${subcommand.name} ACTION ${JSON.stringify(actionName)} (actions: ${actions.join(', ')})`);
  return { name: `${subcommand.name} ${actionName}`, action, args };
}

/** Refuses options the action does not take (they would be silently ignored). */
function checkOptions(values: Record<string, unknown>, action: XCAPAction, name: string): void {
  for (const option of Object.keys(options)) {
    if (values[option] === undefined || COMMON_OPTIONS.includes(option) || action.options.includes(option)) continue;
    throw new UsageError(`xcap ${name} does not take --${option}`);
  }
}

/** Plain lines or JSON on stdout. */
function outputOf(json: boolean): XCAPOutput {
  return {
    json,
    line: (text) => console.log(text),
    value: (value) => console.log(JSON.stringify(value)),
  };
}

/** `sipsimple xcap`; see the module comment. */
export const xcapCommand: Command = {
  name: 'xcap',
  summary: 'contacts, groups, presence policy, status icon, offline status and capabilities on the XCAP server',
  usage: usage(),
  options,
  async run({ values, positionals, global, signal }) {
    const { name, action, args } = actionOf(positionals);
    checkOptions(values, action, name);
    const seconds = secondsOption(values.timeout, 'timeout', DEFAULT_TIMEOUT)!;
    const work = action.prepare(args, values);
    await checkXCAPAccount(global, 'xcap');
    let observation: XCAPObservation | undefined;
    try {
      return await withClient(
        global,
        { sipAccountFor: 'xcap' },
        async (session) => {
          const access = await openXCAPManager(sipAccountOf(session), observation!, { seconds, signal });
          await work(access, outputOf(values.json === true));
          return ExitCode.ok;
        },
        (accountId, center) => {
          observation = observeXCAPManager(center, accountId);
        },
      );
    } finally {
      observation?.close();
    }
  },
};
