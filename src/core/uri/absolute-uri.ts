/** Any other URI scheme, kept opaque (RFC 3261 §25.1 `absoluteURI`, RFC 3986 §3). */
import { ParserError } from '../../errors.js';

/** A URI of a scheme this stack does not interpret, such as `http:`, `urn:` or `im:`. */
export class AbsoluteURI {
  readonly kind = 'absolute' as const;
  /** The scheme in lower case. */
  readonly scheme: string;
  /** Everything after the colon, as received. */
  readonly rest: string;
  private readonly rawScheme: string;

  constructor(scheme: string, rest: string) {
    this.rawScheme = scheme;
    this.scheme = scheme.toLowerCase();
    this.rest = rest;
  }

  /** Parses `scheme ":" opaque-part`; throws {@link ParserError} on bad syntax. */
  static parse(text: string): AbsoluteURI {
    const colon = text.indexOf(':');
    if (colon <= 0 || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(text.slice(0, colon))) {
      throw new ParserError(`bad URI scheme in "${text}"`, { offset: 0, element: 'absoluteURI' });
    }
    for (let i = colon + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 0x20 || c === 0x7f || c === 0x22 || c === 0x3c || c === 0x3e) {
        throw new ParserError(`bad character in URI "${text}" at offset ${i}`, { offset: i, element: 'absoluteURI' });
      }
    }
    if (colon === text.length - 1) {
      throw new ParserError(`empty URI after scheme in "${text}"`, { offset: colon, element: 'absoluteURI' });
    }
    return new AbsoluteURI(text.slice(0, colon), text.slice(colon + 1));
  }

  /** A copy. */
  clone(): AbsoluteURI {
    return new AbsoluteURI(this.rawScheme, this.rest);
  }

  /** Equality: scheme case-insensitive, the rest exactly. */
  equals(other: unknown): boolean {
    return other instanceof AbsoluteURI && other.scheme === this.scheme && other.rest === this.rest;
  }

  toString(): string {
    return this.rawScheme + ':' + this.rest;
  }
}
