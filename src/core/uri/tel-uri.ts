/** `tel:` URIs (RFC 3966 §3). */
import { ParserError } from '../../errors.js';
import { PARAM_CHAR, isEscapedRun } from './char-class.js';
import { Params } from './params.js';

const GLOBAL_DIGITS = /^\+[0-9().-]*[0-9][0-9().-]*$/;
const LOCAL_DIGITS = /^[0-9A-Fa-f*#().-]*[0-9A-Fa-f*#][0-9A-Fa-f*#().-]*$/;

/** A telephone number URI; `number` keeps its visual separators as received. */
export class TelURI {
  readonly kind = 'tel' as const;
  readonly scheme = 'tel' as const;
  number: string;
  readonly params: Params;

  constructor(number: string, params: Params | Iterable<[string, string | null]> = []) {
    this.number = number;
    this.params = params instanceof Params ? params : new Params(params);
  }

  /** Parses a tel URI (RFC 3966 §3); throws {@link ParserError} on bad syntax. */
  static parse(text: string): TelURI {
    const colon = text.indexOf(':');
    if (colon < 0 || text.slice(0, colon).toLowerCase() !== 'tel') {
      throw new ParserError(`expected tel: scheme in URI "${text}"`, { offset: 0, element: 'tel-URI' });
    }
    const parts = text.slice(colon + 1).split(';');
    const number = parts[0]!;
    if (!(GLOBAL_DIGITS.test(number) || LOCAL_DIGITS.test(number))) {
      throw new ParserError(`bad telephone number "${number}" in URI "${text}"`, {
        offset: colon + 1,
        element: 'tel-URI',
      });
    }
    const params = new Params();
    for (let k = 1; k < parts.length; k++) {
      const part = parts[k]!;
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? null : part.slice(eq + 1);
      if (!isEscapedRun(PARAM_CHAR, name) || (value !== null && !isEscapedRun(PARAM_CHAR, value))) {
        throw new ParserError(`bad parameter "${part}" in URI "${text}"`, { element: 'tel-URI' });
      }
      params.append(name, value);
    }
    return new TelURI(number, params);
  }

  /** Whether the number is global (starts with `+`, RFC 3966 §5.1.4). */
  get isGlobal(): boolean {
    return this.number.startsWith('+');
  }

  /** The number without visual separators (`-`, `.`, `(`, `)`). */
  get digits(): string {
    return this.number.replace(/[-.()]/g, '');
  }

  /** A deep copy. */
  clone(): TelURI {
    return new TelURI(this.number, this.params.clone());
  }

  /** Equality of RFC 3966 §4: same digits, same parameters (names and values case-insensitive). */
  equals(other: unknown): boolean {
    if (!(other instanceof TelURI) || this.digits.toLowerCase() !== other.digits.toLowerCase()) return false;
    if (this.params.size !== other.params.size) return false;
    for (const p of this.params) {
      const v = other.params.get(p.name);
      if (v === undefined || (v ?? '').toLowerCase() !== (p.value ?? '').toLowerCase()) return false;
    }
    return true;
  }

  toString(): string {
    return 'tel:' + this.number + this.params.toString();
  }
}
