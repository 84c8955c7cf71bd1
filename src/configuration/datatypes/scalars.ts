/**
 * Datatypes of plain values: booleans, strings, integers, ports, paths and
 * enumerations.
 */
import { invalid, requireString, type Datatype } from '../datatype.js';

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** `true` or `false`; the text form also takes yes/no, on/off and 1/0. */
export const BooleanType: Datatype<boolean> = {
  name: 'Boolean',
  validate(value) {
    if (typeof value !== 'boolean') invalid(`expected true or false, got ${typeof value}`);
    return value;
  },
  fromString(text) {
    const word = text.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return invalid('expected true/false, yes/no, on/off or 1/0');
  },
  toJSON: (value) => value,
  format: (value) => String(value),
};

/** Any string. */
export const StringType: Datatype<string> = {
  name: 'String',
  validate: (value) => requireString(value, 'text'),
  fromString: (text) => text,
  toJSON: (value) => value,
  format: (value) => value,
};

/** An integer in `[min, max]`; the datatype is named `name` in error messages. */
export function integerRange(name: string, min: number, max: number): Datatype<number> {
  const datatype: Datatype<number> = {
    name,
    validate(value) {
      if (typeof value !== 'number' || !Number.isInteger(value)) invalid(`expected an integer, got ${typeof value === 'number' ? value : typeof value}`);
      if (value < min || value > max) invalid(`must be between ${min} and ${max}`);
      return value;
    },
    fromString(text) {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) invalid('expected an integer');
      return datatype.validate(Number(text));
    },
    toJSON: (value) => value,
    format: (value) => String(value),
  };
  return datatype;
}

/** An integer 0 or greater (intervals in seconds, timeouts, counts). */
export const NonNegativeInteger = integerRange('NonNegativeInteger', 0, Number.MAX_SAFE_INTEGER);

/** A TCP/UDP port, 0-65535; 0 lets the system choose one. */
export const Port = integerRange('Port', 0, 65535);

/** A file system path: a non-empty string without NUL bytes; `~/` is expanded where the path is used ({@link expandPath}). */
export const PathType: Datatype<string> = {
  name: 'Path',
  validate(value) {
    const path = requireString(value, 'a path');
    if (path.length === 0) invalid('a path must not be empty');
    if (path.includes('\0')) invalid('a path must not contain NUL characters');
    return path;
  },
  fromString: (text) => PathType.validate(text),
  toJSON: (value) => value,
  format: (value) => value,
};

/** One of a fixed list of strings; TypeScript infers the union of the values. */
export function enumeration<const V extends string>(name: string, values: readonly V[]): Datatype<V> {
  const allowed = new Set<string>(values);
  const datatype: Datatype<V> = {
    name,
    validate(value) {
      const text = requireString(value, `one of ${values.join(', ')}`);
      if (!allowed.has(text)) invalid(`expected one of ${values.join(', ')}`);
      return text as V;
    },
    fromString: (text) => datatype.validate(text.trim()),
    toJSON: (value) => value,
    format: (value) => value,
  };
  return datatype;
}
