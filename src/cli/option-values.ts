/**
 * Checked conversions of option values (as `node:util` parseArgs gives them) into numbers;
 * a bad value is a {@link UsageError} that names the option and the value.
 */
import { UsageError } from './usage-error.js';

/** `--name N`: a whole number of at least `minimum` (default 1), or `fallback` when not given. */
export function integerOption(value: unknown, name: string, fallback: number, minimum?: number): number;
export function integerOption(value: unknown, name: string, fallback: undefined, minimum?: number): number | undefined;
export function integerOption(value: unknown, name: string, fallback: number | undefined, minimum = 1): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(number) || number < minimum) {
    throw new UsageError(`--${name} must be a whole number of at least ${minimum}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** `--name SECONDS`: a positive number of seconds, or `fallback` when not given. */
export function secondsOption(value: unknown, name: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !(number > 0) || !Number.isFinite(number)) {
    throw new UsageError(`--${name} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** `--name VALUE` where VALUE is one of `choices` (case-insensitive), or undefined when not given. */
export function choiceOption<T extends string>(value: unknown, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const text = String(value).toLowerCase();
  const choice = choices.find((candidate) => candidate.toLowerCase() === text);
  if (choice === undefined) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return choice;
}

/** Rejects positional arguments a command does not take. */
export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
}
