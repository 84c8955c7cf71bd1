import type { ParseArgsConfig } from 'node:util';

/** Options every command accepts. */
export interface GlobalOptions {
  /** Print every SIP message sent and received. */
  traceSip: boolean;
  /** Print every notification posted. */
  traceNotifications: boolean;
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
  run(args: { values: Record<string, unknown>; positionals: string[]; global: GlobalOptions; signal: AbortSignal }): Promise<number>;
}
