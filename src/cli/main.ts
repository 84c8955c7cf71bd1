#!/usr/bin/env node
/**
 * `sipsimple`: the command-line client. One binary with subcommands; global options
 * (--trace-sip, --trace-notifications) work with every command; exit codes: 0 success,
 * 1 failure of what was asked, 2 a wrong command line.
 */
import { parseArgs } from 'node:util';
import { readFileSync, realpathSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { defaultStorageDirectory } from '../storage/index.js';
import { ExitCode, type Command, type GlobalOptions } from './command.js';
import { accountCommand } from './commands/account.js';
import { checkCommand } from './commands/check.js';
import { listenCommand } from './commands/listen.js';
import { messageCommand } from './commands/message.js';
import { optionsCommand } from './commands/options.js';
import { publishPresenceCommand } from './commands/publish-presence.js';
import { registerCommand } from './commands/register.js';
import { settingsCommand } from './commands/settings.js';
import { subscribeMWICommand } from './commands/subscribe-mwi.js';
import { subscribePresenceCommand } from './commands/subscribe-presence.js';
import { subscribeRLSCommand } from './commands/subscribe-rls.js';
import { subscribeWinfoCommand } from './commands/subscribe-winfo.js';
import { subscribeXCAPDiffCommand } from './commands/subscribe-xcap-diff.js';
import { xcapCommand } from './commands/xcap.js';
import { startTracing } from './tracing.js';
import { UsageError } from './usage-error.js';

const commands: Command[] = [
  messageCommand,
  registerCommand,
  accountCommand,
  settingsCommand,
  publishPresenceCommand,
  subscribePresenceCommand,
  subscribeWinfoCommand,
  subscribeMWICommand,
  subscribeRLSCommand,
  subscribeXCAPDiffCommand,
  xcapCommand,
  checkCommand,
  optionsCommand,
  listenCommand,
];

const globalOptions = {
  'config-dir': { type: 'string' },
  account: { type: 'string' },
  bind: { type: 'string' },
  'trace-sip': { type: 'boolean' },
  'trace-notifications': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function mainUsage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `usage: sipsimple COMMAND [OPTIONS]

commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

global options:
  --config-dir DIR       where settings and accounts are stored (default ${defaultStorageDirectory()})
  --account ID           the account to act as, user@domain or bonjour@local (default: the default
                         account; with no account configured, the Bonjour account on the local network)
  --bind IP              local address of the SIP stack (default every IPv4 address)
  --trace-sip            print every SIP message sent and received (to stderr)
  --trace-notifications  print every notification (to stderr)
  -h, --help             help on a command: sipsimple COMMAND --help
  --version              print the version

exit codes: 0 done as asked, 1 the outcome was a failure (a refused registration, an
undelivered MESSAGE, a failed subscription), 2 a wrong command line.`;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** The global options out of the parsed command line, checked. */
function globalOptionsOf(values: Record<string, unknown>): GlobalOptions {
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
    return value;
  };
  const bind = text('bind');
  if (bind !== undefined && isIP(bind) === 0) throw new UsageError(`--bind must be an IP address, got ${JSON.stringify(bind)}`);
  return {
    traceSip: values['trace-sip'] === true,
    traceNotifications: values['trace-notifications'] === true,
    configDir: text('config-dir'),
    account: text('account'),
    bind,
  };
}

/**
 * `argv` with global options given before the command name moved after it
 * (`sipsimple --config-dir D account list` is `sipsimple account list --config-dir D`).
 */
function commandFirst(argv: string[]): string[] {
  const leading: string[] = [];
  let index = 0;
  while (index < argv.length) {
    const [option] = argv[index]!.split('=', 1);
    const definition = option!.startsWith('--') ? globalOptions[option!.slice(2) as keyof typeof globalOptions] : undefined;
    if (definition === undefined || option === '--help') break;
    const inline = argv[index]!.includes('=');
    const takes = definition.type === 'string' && !inline ? 2 : 1;
    leading.push(...argv.slice(index, index + takes));
    index += takes;
  }
  if (index >= argv.length) return argv;
  return [argv[index]!, ...argv.slice(index + 1), ...leading];
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[], signal: AbortSignal): Promise<number> {
  const [name, ...rest] = commandFirst(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainUsage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version') {
    console.log(version());
    return ExitCode.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    console.error(`sipsimple: unknown command ${JSON.stringify(name)}\n\n${mainUsage()}`);
    return ExitCode.usage;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help === true) {
      console.log(`usage: ${command.usage}\n\nglobal options (sipsimple --help): --config-dir DIR, --account ID, --bind IP, --trace-sip, --trace-notifications`);
      return ExitCode.ok;
    }
    const global = globalOptionsOf(values);
    const stopTracing = startTracing(global);
    try {
      return await command.run({ values, positionals, global, signal });
    } finally {
      stopTracing();
    }
  } catch (error) {
    // parseArgs reports unknown or malformed options with an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`sipsimple ${command.name}: ${(error as Error).message}\n\nusage: ${command.usage}`);
      return ExitCode.usage;
    }
    console.error(`sipsimple ${command.name}: ${(error as Error).message}`);
    return ExitCode.failure;
  }
}

// Run only when started as a program (the bin link resolves to this file), not when imported by tests.
const isEntryPoint = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const controller = new AbortController();
  // Output piped into a program that stopped reading (| head) ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  main(process.argv.slice(2), controller.signal).then((code) => {
    process.exitCode = code;
    // Everything is stopped by now; should a socket linger, it does not hold the exit for long.
    setTimeout(() => process.exit(code), 2000).unref();
  });
}
