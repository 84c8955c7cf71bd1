/**
 * A cursor over one header field value with the lexical rules of RFC 3261 §25.1
 * (token, quoted-string, LWS, generic parameters). Every fault throws a
 * {@link ParserError} naming the header field and the offset.
 */
import { ParserError } from '../../../errors.js';
import { Params } from '../../uri/params.js';
import { TOKEN } from '../../uri/char-class.js';

/** A cursor over one header field value; `element` names the header field in errors. */
export class Scanner {
  pos = 0;

  constructor(
    readonly text: string,
    readonly element: string,
  ) {}

  /** Whether the cursor is past the last character. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The code unit at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** Throws a ParserError describing `what` at the cursor. */
  fail(what: string, offset = this.pos): never {
    throw new ParserError(`${this.element}: ${what} at offset ${offset} in "${this.text}"`, {
      offset,
      element: this.element,
    });
  }

  /** Skips spaces and tabs (the value is already unfolded). */
  skipWS(): boolean {
    const start = this.pos;
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09) break;
      this.pos++;
    }
    return this.pos > start;
  }

  /** Consumes `code` (after optional whitespace on both sides when `sws`), or fails. */
  expect(code: number, sws = true): void {
    if (sws) this.skipWS();
    if (this.peek() !== code) this.fail(`expected "${String.fromCharCode(code)}"`);
    this.pos++;
    if (sws) this.skipWS();
  }

  /** Consumes `code` if it is next (after optional whitespace); returns whether it was. */
  accept(code: number): boolean {
    const save = this.pos;
    this.skipWS();
    if (this.peek() === code) {
      this.pos++;
      this.skipWS();
      return true;
    }
    this.pos = save;
    return false;
  }

  /** Reads a non-empty run of `set` characters (a token by default). */
  token(what = 'token', set: Uint8Array = TOKEN): string {
    const text = this.text;
    const start = this.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c >= 128 || set[c] !== 1) break;
      i++;
    }
    if (i === start) this.fail(`expected ${what}`);
    this.pos = i;
    return text.slice(start, i);
  }

  /** Reads a run of decimal digits as a number no larger than `max`. */
  number(what: string, max: number): number {
    const text = this.text;
    const start = this.pos;
    let value = 0;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      this.pos++;
    }
    if (this.pos === start) this.fail(`expected ${what}`);
    if (value > max) this.fail(`${what} out of range (at most ${max})`, start);
    return value;
  }

  /** Reads a quoted-string and returns it with its quotes and escapes as in the text. */
  quotedRaw(): string {
    const text = this.text;
    const start = this.pos;
    if (text.charCodeAt(start) !== 0x22) this.fail('expected quoted string');
    let i = start + 1;
    for (;;) {
      if (i >= text.length) this.fail('unterminated quoted string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        if (i + 1 >= text.length) this.fail('unterminated quoted string', start);
        const n = text.charCodeAt(i + 1);
        if (n === 0x0a || n === 0x0d) this.fail('bad escape in quoted string', i);
        i += 2;
        continue;
      }
      if (c < 0x20 && c !== 0x09) this.fail('control character in quoted string', i);
      i++;
    }
    this.pos = i + 1;
    return text.slice(start, i + 1);
  }

  /** Reads a quoted-string and returns its content with escapes resolved. */
  quoted(): string {
    return unquote(this.quotedRaw());
  }

  /**
   * Reads a `gen-value` (RFC 3261 §25.1: token / host / quoted-string) and
   * returns it as it is in the text (quotes kept).
   */
  genValue(): string {
    if (this.peek() === 0x22) return this.quotedRaw();
    const text = this.text;
    const start = this.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c < 128 && (TOKEN[c] === 1 || c === 0x3a || c === 0x5b || c === 0x5d)) i++;
      else break;
    }
    if (i === start) this.fail('expected parameter value');
    this.pos = i;
    return text.slice(start, i);
  }

  /** Reads `*( SEMI generic-param )` into a new {@link Params}. */
  params(into: Params = new Params()): Params {
    for (;;) {
      const save = this.pos;
      this.skipWS();
      if (this.peek() !== 0x3b) {
        this.pos = save;
        return into;
      }
      this.pos++;
      this.skipWS();
      const name = this.token('parameter name');
      let value: string | null = null;
      if (this.accept(0x3d)) value = this.genValue();
      into.append(name, value);
    }
  }

  /** Fails unless only whitespace is left. */
  end(): void {
    this.skipWS();
    if (!this.done) this.fail(`unexpected "${this.text[this.pos]}"`);
  }
}

/** Removes the quotes of a quoted-string and resolves its `\` escapes. */
export function unquote(raw: string): string {
  if (raw.length < 2 || raw.charCodeAt(0) !== 0x22) return raw;
  const inner = raw.slice(1, -1);
  return inner.indexOf('\\') < 0 ? inner : inner.replace(/\\(.)/gs, '$1');
}

/** Makes a quoted-string of `text`, escaping `"` and `\`. */
export function quote(text: string): string {
  return '"' + text.replace(/["\\]/g, '\\$&') + '"';
}
