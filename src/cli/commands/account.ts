import { Account } from '../../account/index.js';
import { ConfigurationError, SIPAddress } from '../../configuration/index.js';
import { ExitCode, type Command } from '../command.js';
import { BONJOUR_ID, openConfiguration, selectAccountId, type ConfigurationSession } from '../configuration-session.js';
import { passwordArgument } from '../password-input.js';
import { UsageError } from '../usage-error.js';

const ACTIONS = ['add', 'list', 'remove', 'default', 'password'] as const;
type Action = (typeof ACTIONS)[number];

/**
 * `sipsimple account`: the SIP accounts of the configuration (middleware spec §23-24).
 * Passwords are stored, never printed.
 */
export const accountCommand: Command = {
  name: 'account',
  summary: 'add, list, remove accounts; choose the default one; set a password',
  usage: `sipsimple account ACTION ...

  sipsimple account add USER@DOMAIN [PASSWORD] [--display-name NAME] [--outbound-proxy HOST[:PORT][;transport=T]] [--default]
  sipsimple account list
  sipsimple account remove USER@DOMAIN
  sipsimple account default USER@DOMAIN|bonjour@local
  sipsimple account password USER@DOMAIN PASSWORD

PASSWORD "-" reads the password from the first line of standard input (it then shows
neither in the shell history nor in the process list).

add stores a new enabled account; the first one added becomes the default account (the
one commands use without --account), as does any added with --default. list shows each
account, the default marked with "*"; passwords are never shown, only whether one is set.
Settings of an account: sipsimple settings list --account USER@DOMAIN.

  --display-name NAME       display name in From headers (add)
  --outbound-proxy ADDRESS  send requests through this proxy, e.g. 127.0.0.1:5060;transport=tcp (add)
  --default                 make the new account the default one (add)`,
  options: {
    'display-name': { type: 'string' },
    'outbound-proxy': { type: 'string' },
    default: { type: 'boolean' },
  },
  async run({ values, positionals, global }) {
    const [action, ...rest] = positionals;
    if (action === undefined) throw new UsageError(`account needs an action: ${ACTIONS.join(', ')}`);
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown account action ${JSON.stringify(action)} (actions: ${ACTIONS.join(', ')})`);
    if (action !== 'add' && (values['display-name'] !== undefined || values['outbound-proxy'] !== undefined || values.default !== undefined)) {
      throw new UsageError('--display-name, --outbound-proxy and --default go with account add only');
    }
    const session = await openConfiguration(global);
    try {
      return await actions[action as Action](session, rest, values);
    } finally {
      session.close();
    }
  },
};

type ActionHandler = (session: ConfigurationSession, args: string[], values: Record<string, unknown>) => Promise<number>;

/** `args` as exactly `names.length` arguments named in the message, else a usage error. */
function expectArgs(args: string[], action: string, names: string[], optional = 0): string[] {
  if (args.length < names.length - optional || args.length > names.length) {
    throw new UsageError(`account ${action} takes ${names.join(' ')}${args.length > names.length ? `, got extra ${JSON.stringify(args.slice(names.length).join(' '))}` : ''}`);
  }
  return args;
}

/** The account id `text` (user@domain, with or without sip:), checked. */
function accountId(text: string): string {
  const bare = text.replace(/^sips?:/i, '');
  try {
    return SIPAddress.parse(bare).toString();
  } catch (error) {
    throw new UsageError(`not an account id: ${JSON.stringify(text)} (expected user@domain): ${(error as Error).message}`);
  }
}

/** Runs `change`, turning a rejected setting value into a usage error that names it. */
function checked(change: () => void): void {
  try {
    change();
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}

const actions: Record<Action, ActionHandler> = {
  async add(session, args, values) {
    const [idText, password] = expectArgs(args, 'add', ['USER@DOMAIN', '[PASSWORD]'], 1);
    const id = accountId(idText!);
    if (id === BONJOUR_ID) throw new UsageError(`${BONJOUR_ID} is the Bonjour account; it always exists`);
    if (session.accountIds().includes(id)) {
      console.error(`sipsimple account: the account ${id} already exists`);
      return ExitCode.failure;
    }
    const secret = password === undefined ? undefined : await passwordArgument(password);
    const account = new Account(id, { configurationManager: session.manager, notificationCenter: session.center });
    checked(() => {
      account.enabled = true;
      if (secret !== undefined) account.auth.password = secret;
      if (values['display-name'] !== undefined) account.displayName = values['display-name'] as string;
      if (values['outbound-proxy'] !== undefined) account.setSettingFromString('sip.outboundProxy', values['outbound-proxy'] as string);
    });
    await account.save();
    const current = session.settings.defaultAccount;
    const first = current === null || current === BONJOUR_ID || !session.accountIds().includes(current);
    if (values.default === true || first) {
      session.settings.defaultAccount = id;
      await session.settings.save();
    }
    console.log(`added account ${id}${values.default === true || first ? ' (default)' : ''}`);
    return ExitCode.ok;
  },

  async list(session, args) {
    expectArgs(args, 'list', []);
    const ids = session.accountIds();
    const selected = selectAccountId(session, undefined);
    const width = Math.max(BONJOUR_ID.length, ...ids.map((id) => id.length));
    for (const id of ids) {
      const account = session.account(id);
      const details = [
        account.enabled ? 'enabled' : 'disabled',
        account.auth.password === '' ? 'no password' : 'password set',
        ...(account.displayName === null ? [] : [`display name ${JSON.stringify(account.displayName)}`]),
        ...(account.sip.outboundProxy === null ? [] : [`outbound proxy ${account.formatSetting('sip.outboundProxy')}`]),
      ];
      console.log(`${id === selected ? '*' : ' '} ${id.padEnd(width)}  ${details.join(', ')}`);
    }
    console.log(`${selected === BONJOUR_ID ? '*' : ' '} ${BONJOUR_ID.padEnd(width)}  Bonjour account (local network, no server)`);
    return ExitCode.ok;
  },

  async remove(session, args) {
    const [idText] = expectArgs(args, 'remove', ['USER@DOMAIN']);
    const id = accountId(idText!);
    if (id === BONJOUR_ID) throw new UsageError(`${BONJOUR_ID} cannot be removed (turn it off: sipsimple settings set --account ${BONJOUR_ID} enabled false)`);
    const account = session.account(id);
    await account.delete();
    if (session.settings.defaultAccount === id) {
      session.settings.defaultAccount = session.accountIds()[0] ?? BONJOUR_ID;
      await session.settings.save();
    }
    console.log(`removed account ${id}`);
    return ExitCode.ok;
  },

  async default(session, args) {
    const [idText] = expectArgs(args, 'default', ['USER@DOMAIN']);
    const id = accountId(idText!);
    if (id !== BONJOUR_ID) session.account(id);
    session.settings.defaultAccount = id;
    await session.settings.save();
    console.log(`default account: ${id}`);
    return ExitCode.ok;
  },

  async password(session, args) {
    const [idText, password] = expectArgs(args, 'password', ['USER@DOMAIN', 'PASSWORD']);
    const account = session.account(accountId(idText!));
    const secret = await passwordArgument(password!);
    checked(() => (account.auth.password = secret));
    await account.save();
    console.log(`password of ${account.id.toString()} set`);
    return ExitCode.ok;
  },
};
