/**
 * Value types of the binding layer: how an attribute value or the text of a
 * simple element is read from XML and written back. `parse` throws a plain
 * `Error` with the reason; the binder turns it into a `ValidationError` (or
 * a `BuilderError` for `format`) that names the element.
 */

/** Converts between the lexical form in XML and a typed value. */
export interface ValueType<T> {
  /** Name used in error messages (the XML Schema type it stands for). */
  readonly name: string;
  /** Reads the lexical form; throws an `Error` naming the reason when it is invalid. */
  parse(text: string): T;
  /** Writes the value; throws an `Error` when the value is out of its type's range. */
  format(value: T): string;
  /** Whether `format` only ever produces characters that need no escaping in XML (digits, letters, `-`, `:`, `.`), so the writer may skip escaping. */
  readonly plain?: boolean;
}

/** `xs:string`: any text, kept as it is. */
export const XMLString: ValueType<string> = {
  name: 'string',
  parse: (text) => text,
  format: (value) => {
    if (typeof value !== 'string') throw new Error(`expected a string, got ${typeof value}`);
    return value;
  },
};

/** `xs:token`-like text: surrounding whitespace is trimmed on parse. */
export const XMLToken: ValueType<string> = {
  name: 'token',
  parse: (text) => text.trim(),
  format: XMLString.format,
};

/**
 * `xs:anyURI`: kept byte for byte, never percent-decoded nor re-encoded
 * (python-sipsimple's lossy round trip is not repeated). Surrounding
 * whitespace, which XML Schema collapses for this type, is trimmed.
 */
export const XMLURI: ValueType<string> = {
  name: 'anyURI',
  parse: (text) => text.trim(),
  format: XMLString.format,
};

/** `xs:boolean`: `true`, `false`, `1` or `0` on input; written as `true`/`false`. */
export const XMLBoolean: ValueType<boolean> = {
  name: 'boolean',
  plain: true,
  parse: (text) => {
    switch (text.trim()) {
      case 'true':
      case '1':
        return true;
      case 'false':
      case '0':
        return false;
      default:
        throw new Error(`'${text}' is not a boolean`);
    }
  },
  format: (value) => {
    if (typeof value !== 'boolean') throw new Error(`expected a boolean, got ${typeof value}`);
    return value ? 'true' : 'false';
  },
};

/** An `xs:integer` restricted to `[min, max]` (both inclusive, both safe integers). */
export function integerType(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, name = 'integer'): ValueType<number> {
  return {
    name,
    plain: true,
    parse: (text) => {
      const trimmed = text.trim();
      if (!/^[+-]?[0-9]{1,16}$/.test(trimmed)) throw new Error(`'${text}' is not an integer`);
      const value = Number(trimmed);
      if (value < min || value > max) throw new Error(`${value} is outside [${min}, ${max}]`);
      return value;
    },
    format: (value) => {
      if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${String(value)} is not an integer in [${min}, ${max}]`);
      return String(value);
    },
  };
}

/** `xs:integer` within the safe-integer range. */
export const XMLInteger = integerType();
/** `xs:nonNegativeInteger` within the safe-integer range. */
export const XMLNonNegativeInteger = integerType(0, Number.MAX_SAFE_INTEGER, 'nonNegativeInteger');
/** `xs:positiveInteger` within the safe-integer range. */
export const XMLPositiveInteger = integerType(1, Number.MAX_SAFE_INTEGER, 'positiveInteger');

/** `xs:decimal` as a JavaScript number. */
export const XMLDecimal: ValueType<number> = {
  name: 'decimal',
  plain: true,
  parse: (text) => {
    const trimmed = text.trim();
    if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(trimmed)) throw new Error(`'${text}' is not a decimal`);
    return Number(trimmed);
  },
  format: (value) => {
    if (!Number.isFinite(value)) throw new Error(`${String(value)} is not a finite decimal`);
    return String(value);
  },
};

/**
 * The q-value of RFC 3863 section 4.1.5 (`0` to `1`, at most three
 * decimals), as a number; written with at least one decimal (`1.0`, `0.8`).
 */
export const QValue: ValueType<number> = {
  name: 'qvalue',
  plain: true,
  parse: (text) => {
    const trimmed = text.trim();
    if (!/^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(trimmed)) throw new Error(`'${text}' is not a q-value (0 to 1, at most 3 decimals)`);
    return Number(trimmed);
  },
  format: (value) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${String(value)} is not a q-value`);
    const text = String(Math.round(value * 1000) / 1000);
    return text.includes('.') ? text : `${text}.0`;
  },
};

const DATE_TIME = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

/**
 * `xs:dateTime` (RFC 3339 timestamps, as required by RFC 3863 section 4.1.7)
 * as a `Date`. A value without a time zone is read as UTC. Written in UTC
 * with a `Z`, with milliseconds only when they are not zero.
 */
export const XMLDateTime: ValueType<Date> = {
  name: 'dateTime',
  plain: true,
  parse: (text) => {
    const trimmed = text.trim();
    const match = DATE_TIME.exec(trimmed);
    if (match === null) throw new Error(`'${text}' is not a dateTime`);
    const [, year, month, day, hour, minute, second, fraction, zone] = match;
    const mo = Number(month), d = Number(day), h = Number(hour), mi = Number(minute), s = Number(second);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) throw new Error(`'${text}' is not a valid dateTime`);
    const millis = fraction === undefined ? 0 : Math.round(Number(`0${fraction}`) * 1000);
    let time = Date.UTC(Number(year), mo - 1, d, h, mi, s, millis);
    if (zone !== undefined && zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    }
    const date = new Date(time);
    if (Number.isNaN(date.getTime())) throw new Error(`'${text}' is not a valid dateTime`);
    return date;
  },
  format: (value) => {
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) throw new Error('expected a valid Date');
    const iso = value.toISOString();
    return time % 1000 === 0 ? `${iso.slice(0, -5)}Z` : iso;
  },
};

/** An enumeration of tokens (`xs:token` with `xs:enumeration` facets). */
export function enumeration<const T extends string>(values: readonly T[], name = 'enumeration'): ValueType<T> {
  const allowed = new Set<string>(values);
  return {
    name,
    plain: values.every((value) => /^[A-Za-z0-9_.:+-]*$/.test(value)),
    parse: (text) => {
      const trimmed = text.trim();
      if (!allowed.has(trimmed)) throw new Error(`'${text}' is not one of ${values.join(', ')}`);
      return trimmed as T;
    },
    format: (value) => {
      if (!allowed.has(value)) throw new Error(`'${String(value)}' is not one of ${values.join(', ')}`);
      return value;
    },
  };
}
