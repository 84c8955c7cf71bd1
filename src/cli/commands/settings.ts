import { BonjourAccountSettings, ConfigurationError, settingEntries, type SettingsObject } from '../../configuration/index.js';
import { ExitCode, type Command } from '../command.js';
import { BONJOUR_ID, openConfiguration, type ConfigurationSession } from '../configuration-session.js';
import { UsageError } from '../usage-error.js';

const ACTIONS = ['list', 'get', 'set', 'clear', 'reset'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * `sipsimple settings`: reads and changes the global settings (`SIPSimpleSettings`) or,
 * with `--account`, one account's settings, by dotted path in the SDK's names
 * (`sip.outboundProxy`). Values are checked by the setting's datatype; a rejected one
 * exits 2 with a message naming the setting and the value. Secret settings (passwords)
 * are shown as `(hidden)`.
 */
export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show and change the global settings or, with --account, an account\'s settings',
  usage: `sipsimple settings ACTION [--account ID] ...

  sipsimple settings list [--account ID]           every setting with its value
  sipsimple settings get PATH [--account ID]       one setting's value
  sipsimple settings set PATH VALUE [PATH VALUE]... [--account ID]
  sipsimple settings clear PATH [--account ID]     no value (settings that allow none)
  sipsimple settings reset PATH [--account ID]     back to the default

PATH is a dotted name as "settings list" shows it, e.g. sip.transportList,
sip.outboundProxy, registration.enabled, xcap.xcapRoot. Lists are comma-separated
(udp,tcp); booleans are true or false. Without --account the global settings are meant;
--account bonjour@local names the Bonjour account.`,
  options: {},
  async run({ positionals, global }) {
    const [action, ...rest] = positionals;
    if (action === undefined) throw new UsageError(`settings needs an action: ${ACTIONS.join(', ')}`);
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown settings action ${JSON.stringify(action)} (actions: ${ACTIONS.join(', ')})`);
    const session = await openConfiguration(global);
    try {
      const target = targetOf(session, global.account);
      return await actions[action as Action](target, rest);
    } finally {
      session.close();
    }
  },
};

/** Any settings object, addressed by dotted paths given as text. */
type AnySettings = SettingsObject<any, any>;

function targetOf(session: ConfigurationSession, account: string | undefined): AnySettings {
  if (account === undefined) return session.settings as AnySettings;
  if (account === BONJOUR_ID) return new BonjourAccountSettings({ configurationManager: session.manager, notificationCenter: session.center }) as AnySettings;
  try {
    return session.account(account.replace(/^sips?:/i, '')) as AnySettings;
  } catch (error) {
    throw new UsageError(`--account: ${(error as Error).message}`);
  }
}

/** The text shown for the setting at `path`: `(hidden)` for secrets that hold a value, `none` for no value. */
function shown(target: AnySettings, path: string, secret: boolean): string {
  const text = target.formatSetting(path);
  if (text === null) return 'none';
  if (secret) return text === '' ? '(not set)' : '(hidden)';
  return text;
}

/** The definition of the setting at `path`; a usage error naming it (with a hint) when there is none. */
function definitionOf(target: AnySettings, path: string | undefined): { path: string; secret: boolean } {
  if (path === undefined || path === '') throw new UsageError('a setting PATH is needed (see: sipsimple settings list)');
  for (const [candidate, definition] of settingEntries(target.schema)) {
    if (candidate === path) return { path, secret: definition.secret };
  }
  const lower = path.toLowerCase().replace(/_/g, '');
  const near = [...settingEntries(target.schema)].map(([candidate]) => candidate).filter((candidate) => candidate.toLowerCase() === lower);
  throw new UsageError(`there is no setting ${JSON.stringify(path)}${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}; see: sipsimple settings list`);
}

/** Runs `change`, turning a rejected value into a usage error (it names the setting and the value). */
function checked(change: () => void): void {
  try {
    change();
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}

function onePath(args: string[], action: string): string {
  if (args.length !== 1) throw new UsageError(`settings ${action} takes one PATH, got ${args.length === 0 ? 'none' : JSON.stringify(args.join(' '))}`);
  return args[0]!;
}

const actions: Record<Action, (target: AnySettings, args: string[]) => Promise<number>> = {
  async list(target, args) {
    if (args.length > 0) throw new UsageError(`settings list takes no PATH, got ${JSON.stringify(args.join(' '))}`);
    const entries = [...settingEntries(target.schema)];
    const width = Math.max(...entries.map(([path]) => path.length));
    for (const [path, definition] of entries) console.log(`${path.padEnd(width)} = ${shown(target, path, definition.secret)}`);
    return ExitCode.ok;
  },

  async get(target, args) {
    const { path, secret } = definitionOf(target, onePath(args, 'get'));
    console.log(shown(target, path, secret));
    return ExitCode.ok;
  },

  async set(target, args) {
    if (args.length === 0 || args.length % 2 !== 0) throw new UsageError('settings set takes PATH VALUE pairs');
    const changed: Array<{ path: string; secret: boolean }> = [];
    for (let i = 0; i < args.length; i += 2) {
      const setting = definitionOf(target, args[i]);
      checked(() => target.setSettingFromString(setting.path, args[i + 1]!));
      changed.push(setting);
    }
    await target.save();
    for (const { path, secret } of changed) console.log(`${path} = ${shown(target, path, secret)}`);
    return ExitCode.ok;
  },

  async clear(target, args) {
    const { path } = definitionOf(target, onePath(args, 'clear'));
    checked(() => target.setSettingFromString(path, null));
    await target.save();
    console.log(`${path} = none`);
    return ExitCode.ok;
  },

  async reset(target, args) {
    const { path, secret } = definitionOf(target, onePath(args, 'reset'));
    target.resetSetting(path);
    await target.save();
    console.log(`${path} = ${shown(target, path, secret)}`);
    return ExitCode.ok;
  },
};
