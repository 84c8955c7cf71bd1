#!/usr/bin/env node
/**
 * `sipsimple`: the command-line client. One binary with subcommands; global options
 * (--trace-sip, --trace-notifications) work with every command; exit codes: 0 success,
 * 1 failure of what was asked, 2 a wrong command line.
 */
import { parseArgs } from 'node:util';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExitCode, type Command, type GlobalOptions } from './command.js';
import { checkCommand } from './commands/check.js';
import { listenCommand } from './commands/listen.js';
import { optionsCommand } from './commands/options.js';
import { startTracing } from './tracing.js';
import { UsageError } from './usage-error.js';

const commands: Command[] = [checkCommand, optionsCommand, listenCommand];

const globalOptions = {
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
  --trace-sip            print every SIP message sent and received (to stderr)
  --trace-notifications  print every notification (to stderr)
  -h, --help             help on a command: sipsimple COMMAND --help
  --version              print the version`;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[], signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
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
      console.log(`usage: ${command.usage}`);
      return ExitCode.ok;
    }
    const global: GlobalOptions = { traceSip: values['trace-sip'] === true, traceNotifications: values['trace-notifications'] === true };
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
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  main(process.argv.slice(2), controller.signal).then((code) => {
    process.exitCode = code;
  });
}
