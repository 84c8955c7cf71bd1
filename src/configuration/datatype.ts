import type { JsonValue } from '../storage/json.js';
import { InvalidValueError } from './errors.js';

/**
 * A setting's type: how values are checked, read from text and stored.
 * `validate` accepts the value as the TypeScript API gives it and also its
 * stored JSON form, returning the normalised value (a frozen value object or
 * a primitive); it throws {@link InvalidValueError} with the reason otherwise.
 */
export interface Datatype<T> {
  /** Name used in error messages, e.g. `Port`, `SIPAddress`. */
  readonly name: string;
  validate(value: unknown): T;
  /** Parses the text form, as typed on a command line (`sipsimple settings set`). */
  fromString(text: string): T;
  /** The JSON form the configuration backend stores; `validate` accepts it back. */
  toJSON(value: T): JsonValue;
  /** The text form, which `fromString` accepts back. */
  format(value: T): string;
}

/** Throws the {@link InvalidValueError} a datatype uses to reject a value. */
export function invalid(reason: string): never {
  throw new InvalidValueError(reason);
}

/** Requires a string (the stored or textual form of most datatypes). */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') invalid(`expected ${what} as a string, got ${typeof value}`);
  return value;
}

/**
 * The datatype of a value class stored and typed as its text form: an instance is
 * accepted as is, a string is read by `parse` (`what` names the expected form when the
 * value is no string), and `toString()` gives the stored and printed form.
 */
export function textValueType<T extends object>(
  name: string,
  type: abstract new (...args: never[]) => T,
  parse: (text: string) => T,
  what: string,
): Datatype<T> {
  return {
    name,
    validate: (value) => (value instanceof type ? value : parse(requireString(value, what))),
    fromString: parse,
    toJSON: (value) => value.toString(),
    format: (value) => value.toString(),
  };
}
