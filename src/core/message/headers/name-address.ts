/**
 * `name-addr` / `addr-spec` values with header parameters: From, To, Contact,
 * Route, Record-Route, Path, Service-Route, Refer-To, Referred-By (RFC 3261 §20,
 * grammar §25.1).
 */
import { Params } from '../../uri/params.js';
import { parseURI, type URI } from '../../uri/parse-uri.js';
import { SIPURI } from '../../uri/sip-uri.js';
import { TOKEN, isToken } from '../../uri/char-class.js';
import { numberParam, setParam, stringParam } from './param-values.js';
import { Scanner, quote, unquote } from './scanner.js';

/** A display name, a URI and header parameters (`tag` among them for From/To). */
export class NameAddress {
  /** The display name without quotes and escapes. */
  displayName: string | undefined;
  uri: URI;
  readonly params: Params;

  constructor(uri: URI, displayName?: string, params: Params | Iterable<[string, string | null]> = []) {
    this.uri = uri;
    this.displayName = displayName;
    this.params = params instanceof Params ? params : new Params(params);
  }

  /** Parses a name-addr or addr-spec with parameters; `element` names the header field for errors. */
  static parse(text: string, element = 'name-addr'): NameAddress {
    const s = new Scanner(text, element);
    const parsed = scanNameAddress(s);
    s.end();
    return new NameAddress(parsed.uri, parsed.displayName, parsed.params);
  }

  /** The `tag` parameter (RFC 3261 §19.3). */
  get tag(): string | undefined {
    return stringParam(this.params, 'tag');
  }
  set tag(value: string | undefined) {
    setParam(this.params, 'tag', value);
  }

  /** A deep copy. */
  clone(): NameAddress {
    return new NameAddress(this.uri.clone(), this.displayName, this.params.clone());
  }

  /** Always the name-addr form: `"Display" <uri>;params`. */
  toString(): string {
    return formatNameAddr(this.displayName, this.uri, this.params);
  }
}

/** Formats a name-addr, quoting the display name unless it is a token sequence. */
export function formatNameAddr(displayName: string | undefined, uri: URI, params: Params): string {
  let out = '';
  if (displayName !== undefined && displayName !== '') {
    out = (displayName.split(' ').every(isToken) ? displayName : quote(displayName)) + ' ';
  }
  return out + '<' + uri.toString() + '>' + params.toString();
}

/** @internal Scans a name-addr or addr-spec and its parameters at the scanner's cursor. */
export function scanNameAddress(s: Scanner): { displayName: string | undefined; uri: URI; params: Params } {
  s.skipWS();
  let displayName: string | undefined;
  const text = s.text;
  let angle = false;
  if (s.peek() === 0x22) {
    displayName = unquote(s.quotedRaw());
    s.skipWS();
    if (s.peek() !== 0x3c) s.fail('expected "<" after display name');
    angle = true;
  } else {
    // A run of tokens and whitespace followed by "<" is a display name.
    let i = s.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if ((c < 128 && TOKEN[c] === 1) || c === 0x20 || c === 0x09) i++;
      else break;
    }
    if (text.charCodeAt(i) === 0x3c) {
      const name = text.slice(s.pos, i).trim();
      if (name !== '') displayName = name.replace(/[ \t]+/g, ' ');
      s.pos = i;
      angle = true;
    }
  }
  let uri: URI;
  if (angle) {
    const close = text.indexOf('>', s.pos);
    if (close < 0) s.fail('missing ">"');
    uri = scanURI(s, s.pos + 1, close);
    s.pos = close + 1;
  } else {
    const start = s.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x3b || c === 0x20 || c === 0x09) break;
      if (c === 0x3c || c === 0x22 || c === 0x2c) s.fail('display name must be a token sequence or a quoted string', i);
      if (c === 0x3f) s.fail('a URI with "?" must be enclosed in "<" ">"', i);
      i++;
    }
    uri = scanURI(s, start, i);
    s.pos = i;
  }
  const params = s.params();
  return { displayName, uri, params };
}

function scanURI(s: Scanner, start: number, end: number): URI {
  try {
    return parseURI(s.text.slice(start, end));
  } catch (error) {
    s.fail(`bad URI: ${(error as Error).message}`, start);
  }
}

/** A Contact value (RFC 3261 §20.10): a name-addr with `expires` and `q`, or the wildcard `*`. */
export class Contact extends NameAddress {
  /** Whether this is the `*` of a REGISTER that removes every binding. */
  readonly isWildcard: boolean;

  constructor(
    uri: URI,
    displayName?: string,
    params: Params | Iterable<[string, string | null]> = [],
    isWildcard = false,
  ) {
    super(uri, displayName, params);
    this.isWildcard = isWildcard;
  }

  /** Parses one Contact element (`*` or name-addr/addr-spec with contact-params). */
  static override parse(text: string): Contact {
    const trimmed = text.trim();
    if (trimmed === '*') return Contact.wildcard();
    const s = new Scanner(text, 'Contact');
    const parsed = scanNameAddress(s);
    s.end();
    const contact = new Contact(parsed.uri, parsed.displayName, parsed.params);
    const expires = parsed.params.get('expires');
    if (expires !== undefined && (expires === null || !/^[0-9]{1,10}$/.test(expires) || Number(expires) > 0xffffffff)) {
      s.fail(`bad expires parameter "${expires}"`, 0);
    }
    const q = parsed.params.get('q');
    if (q !== undefined && (q === null || !/^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(q))) s.fail(`bad q parameter "${q}"`, 0);
    return contact;
  }

  /** The `*` Contact of a REGISTER removing all bindings (RFC 3261 §10.2.2); its `uri` is a `sip:*` placeholder. */
  static wildcard(): Contact {
    return new Contact(new SIPURI({ host: '*' }), undefined, [], true);
  }

  /** The `expires` parameter in seconds. */
  get expires(): number | undefined {
    return numberParam(this.params, 'expires');
  }
  set expires(value: number | undefined) {
    setParam(this.params, 'expires', value);
  }

  /** The `q` preference parameter (0 to 1). */
  get q(): number | undefined {
    return numberParam(this.params, 'q');
  }
  set q(value: number | undefined) {
    setParam(this.params, 'q', value);
  }

  override clone(): Contact {
    return new Contact(this.uri.clone(), this.displayName, this.params.clone(), this.isWildcard);
  }

  override toString(): string {
    return this.isWildcard ? '*' : super.toString();
  }
}
