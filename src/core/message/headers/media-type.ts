/** Media types of Content-Type and Accept (RFC 3261 §20.15, §20.1, grammar §25.1). */
import { Params } from '../../uri/params.js';
import { stringParam } from './param-values.js';
import { Scanner, unquote } from './scanner.js';

/** `type/subtype;params`; names compare case-insensitively, so they are kept in lower case. */
export class MediaType {
  type: string;
  subtype: string;
  readonly params: Params;

  constructor(type: string, subtype: string, params: Params | Iterable<[string, string | null]> = []) {
    this.type = type.toLowerCase();
    this.subtype = subtype.toLowerCase();
    this.params = params instanceof Params ? params : new Params(params);
  }

  /** Parses a media-type (or an Accept media-range with `*`); throws {@link ParserError}. */
  static parse(text: string, element = 'Content-Type'): MediaType {
    const s = new Scanner(text, element);
    s.skipWS();
    const type = s.token('media type');
    s.expect(0x2f);
    const subtype = s.token('media subtype');
    const params = s.params();
    s.end();
    return new MediaType(type, subtype, params);
  }

  /** `type/subtype` without parameters. */
  get essence(): string {
    return `${this.type}/${this.subtype}`;
  }

  /** A parameter value with quotes removed (e.g. `boundary`, `charset`). */
  param(name: string): string | undefined {
    const v = stringParam(this.params, name);
    return v === undefined ? undefined : unquote(v);
  }

  /** Whether this media range (which may hold `*`) matches `other`'s type and subtype. */
  matches(other: MediaType | string): boolean {
    const o = typeof other === 'string' ? MediaType.parse(other) : other;
    return (
      (this.type === '*' || o.type === '*' || this.type === o.type) &&
      (this.subtype === '*' || o.subtype === '*' || this.subtype === o.subtype)
    );
  }

  toString(): string {
    return this.essence + this.params.toString();
  }
}
