import type { ParseArgsConfig } from 'node:util';

/** Options every command accepts. */
export interface GlobalOptions {
  /** Print every SIP message sent and received. */
  traceSip: boolean;
  /** Print every notification posted. */
  traceNotifications: boolean;
  /** The FileStorage folder (`--config-dir`); undefined is the user's configuration folder. */
  configDir: string | undefined;
  /** The account to act as (`--account user@domain`); undefined is the default account. */
  account: string | undefined;
  /** The local IP address the SIP stack binds to (`--bind`); undefined is every IPv4 address. */
  bind: string | undefined;
}

/** Exit codes that scripts can rely on. */
export const ExitCode = {
  /** The command did what it was asked. */
  ok: 0,
  /** It ran but the outcome was a failure (a request failed, a peer did not answer). */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;

/** What a command's `run` gets. */
export interface CommandArguments {
  values: Record<string, unknown>;
  positionals: string[];
  global: GlobalOptions;
  /** Aborted on Ctrl-C (SIGINT) and SIGTERM: the command ends cleanly and soon. */
  signal: AbortSignal;
}

/** One `sipsimple` subcommand. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line(s) and option descriptions printed by `--help`. */
  readonly usage: string;
  /** Options of this command in `node:util` parseArgs form (global options are added). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; resolves with the exit code. */
  run(args: CommandArguments): Promise<number>;
}
