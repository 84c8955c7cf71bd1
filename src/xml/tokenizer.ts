/**
 * A small, strict, namespace-aware XML 1.0 tokenizer that builds an
 * {@link XMLNode} tree in one pass.
 *
 * Why hand-written: measured against saxes, sax, fast-xml-parser, txml, ltx
 * and @rgrove/parse-xml on a 2 KB PIDF and a 1,000-entry resource-lists
 * (see docs/xml-binding.md, "Parser choice"), it is the fastest of those that
 * resolve namespaces and report positions, and it refuses hostile input by
 * construction: there is no DTD processing at all, so no external entity can
 * ever be resolved and no entity can expand (billion laughs is refused at
 * the `<!DOCTYPE`), only the five predefined entities and character
 * references are decoded, and size and nesting depth are bounded.
 *
 * Comments and processing instructions are skipped; CDATA sections become
 * text; whitespace-only text between child elements is not kept.
 */
import { ParserError } from './errors.js';
import { XML_NAMESPACE, type XMLAttribute, type XMLNode } from './node.js';

/** Limits applied while parsing untrusted input. */
export interface XMLParseOptions {
  /** Largest accepted input, in bytes for binary input and UTF-16 code units for strings. Default {@link DEFAULT_MAX_SIZE}. */
  maxSize?: number;
  /** Deepest accepted element nesting (the root is depth 1). Default {@link DEFAULT_MAX_DEPTH}. */
  maxDepth?: number;
}

/** Default size limit: 4 MiB, far above any presence or XCAP document seen in practice. */
export const DEFAULT_MAX_SIZE = 4 * 1024 * 1024;
/** Default depth limit: 64 nested elements. */
export const DEFAULT_MAX_DEPTH = 64;

const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });



/**
 * Parses `data` (a string, or UTF-8/UTF-16 bytes with a byte-order mark) into
 * its root element. Throws {@link ParserError} with the offset, line and
 * element of the first fault.
 */
export function parseXML(data: string | Uint8Array, options: XMLParseOptions = {}): XMLNode {
  return parseXMLText(data, options).root;
}

/** Like {@link parseXML}, and also returns the decoded text (for locating later faults). */
export function parseXMLText(data: string | Uint8Array, options: XMLParseOptions = {}): { root: XMLNode; text: string } {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (data.length > maxSize) {
    throw new ParserError(`document of ${data.length} bytes exceeds the limit of ${maxSize}`, { offset: maxSize });
  }
  const text = typeof data === 'string' ? data : decodeBytes(data);
  return { root: new Tokenizer(text, options.maxDepth ?? DEFAULT_MAX_DEPTH, typeof data !== 'string').parse(), text };
}

function decodeBytes(data: Uint8Array): string {
  try {
    if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(data);
    if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(data);
    return utf8.decode(data);
  } catch (error) {
    throw new ParserError('document is not valid UTF-8 or UTF-16', { offset: 0 }, { cause: error });
  }
}

/** ASCII name characters: letters, digits, `_`, `-`, `.`, `:`. */
const ASCII_NAME_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  ASCII_NAME_CHAR[code] = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 45 || code === 46 ? 1 : 0;
}

function isNameChar(code: number): boolean {
  if (code < 128) return ASCII_NAME_CHAR[code] === 1;
  return code >= 0xb7 && code !== 0xd7 && code !== 0xf7 && code !== 0x37e && code !== 0x2000 && code !== 0xfffe && code !== 0xffff;
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

class Tokenizer {
  private pos = 0;
  /** Open elements, with their qualified names, namespace-scope marks and whether they have element children. */
  private readonly stack: XMLNode[] = [];
  private readonly qnames: string[] = [];
  private readonly marks: number[] = [];
  private readonly withElements: boolean[] = [];
  private readonly scopePrefixes: string[] = [];
  private readonly scopeUris: string[] = [];
  /** Attributes of the start tag being read, reused from tag to tag. */
  private readonly rawNames: string[] = [];
  private readonly rawValues: string[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly fromBytes: boolean,
  ) {}

  parse(): XMLNode {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (text.startsWith('<?xml', this.pos) && isWhitespace(text.charCodeAt(this.pos + 5))) this.parseDeclaration();
    this.skipMisc(true);
    if (this.pos >= text.length) this.fail('no root element');
    const root = this.parseContent();
    this.skipMisc(false);
    if (this.pos < text.length) this.fail('content after the root element');
    return root;
  }

  private fail(reason: string, offset = this.pos, element?: string): never {
    let line = 1;
    const end = Math.min(offset, this.text.length);
    for (let i = this.text.indexOf('\n'); i !== -1 && i < end; i = this.text.indexOf('\n', i + 1)) line++;
    const where = element === undefined ? '' : ` in <${element}>`;
    throw new ParserError(`${reason}${where} at line ${line}, offset ${offset}`, { offset, line, element });
  }

  private current(): string | undefined {
    return this.qnames.length > 0 ? this.qnames[this.qnames.length - 1] : undefined;
  }

  private parseDeclaration(): void {
    const end = this.text.indexOf('?>', this.pos);
    if (end === -1) this.fail('unterminated XML declaration');
    const body = this.text.slice(this.pos + 5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(body)) this.fail('XML declaration without a 1.x version');
    const encoding = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(body);
    if (encoding !== null && this.fromBytes) {
      const name = encoding[2]!.toLowerCase();
      if (name !== 'utf-8' && name !== 'utf8' && name !== 'us-ascii' && name !== 'utf-16') {
        this.fail(`unsupported encoding ${encoding[2]} (only UTF-8 and UTF-16 are accepted)`);
      }
    }
    this.pos = end + 2;
  }

  /** Skips whitespace, comments and processing instructions around the root; refuses a DTD. */
  private skipMisc(beforeRoot: boolean): void {
    const text = this.text;
    for (;;) {
      while (this.pos < text.length && isWhitespace(text.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= text.length) return;
      if (text.charCodeAt(this.pos) !== 60) this.fail(beforeRoot ? 'text before the root element' : 'content after the root element');
      const next = text.charCodeAt(this.pos + 1);
      if (next === 33) {
        if (text.startsWith('<!--', this.pos)) this.skipComment();
        else this.refuseMarkupDeclaration();
      } else if (next === 63) {
        this.skipProcessingInstruction();
      } else {
        if (!beforeRoot) this.fail('content after the root element');
        return;
      }
    }
  }

  private refuseMarkupDeclaration(): never {
    if (this.text.startsWith('<!DOCTYPE', this.pos)) this.fail('DTDs are not accepted (no DOCTYPE, no entity declarations)', this.pos, this.current());
    if (this.text.startsWith('<!ENTITY', this.pos)) this.fail('entity declarations are not accepted', this.pos, this.current());
    this.fail('unexpected markup declaration', this.pos, this.current());
  }

  private skipComment(): void {
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end === -1) this.fail('unterminated comment', this.pos, this.current());
    this.pos = end + 3;
  }

  private skipProcessingInstruction(): void {
    const end = this.text.indexOf('?>', this.pos + 2);
    if (end === -1) this.fail('unterminated processing instruction', this.pos, this.current());
    const target = this.text.slice(this.pos + 2, Math.min(end, this.pos + 6));
    if (target.toLowerCase() === 'xml' || /^xml\s/i.test(target)) this.fail('XML declaration not at the start of the document');
    this.pos = end + 2;
  }

  /** Parses the root element and everything inside it. */
  private parseContent(): XMLNode {
    const text = this.text;
    const stack = this.stack;
    if (this.parseStartTag()) return this.popLast();
    for (;;) {
      const lt = text.indexOf('<', this.pos);
      if (lt === -1) this.fail(`element <${this.current()}> is not closed`, text.length, this.current());
      if (lt > this.pos) this.addText(text.slice(this.pos, lt), this.pos);
      this.pos = lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 47) {
        const node = this.parseEndTag();
        if (stack.length === 0) return node;
      } else if (next === 33) {
        if (text.startsWith('<!--', lt)) this.skipComment();
        else if (text.startsWith('<![CDATA[', lt)) {
          const end = text.indexOf(']]>', lt + 9);
          if (end === -1) this.fail('unterminated CDATA section', lt, this.current());
          this.addRawText(text.slice(lt + 9, end), lt);
          this.pos = end + 3;
        } else this.refuseMarkupDeclaration();
      } else if (next === 63) {
        this.skipProcessingInstruction();
      } else {
        if (this.parseStartTag()) {
          const node = this.popLast();
          stack[stack.length - 1]!.children.push(node);
          this.withElements[this.withElements.length - 1] = true;
        }
      }
    }
  }

  /** Closes the innermost element and returns it finished. */
  private popLast(): XMLNode {
    const node = this.stack.pop()!;
    this.qnames.pop();
    const mark = this.marks.pop()!;
    const hasElements = this.withElements.pop()!;
    if (this.scopePrefixes.length !== mark) {
      this.scopePrefixes.length = mark;
      this.scopeUris.length = mark;
    }
    return this.finish(node, hasElements);
  }

  private addText(raw: string, offset: number): void {
    let value = raw;
    if (value.includes(']]>')) this.fail("']]>' is not allowed in text", offset, this.current());
    // Line ends are normalised before references are decoded, so that `&#13;` stays a carriage return.
    if (value.includes('\r')) value = value.replace(/\r\n?/g, '\n');
    if (value.includes('&')) value = this.decodeEntities(value, offset);
    if (INVALID_CHAR.test(value)) this.fail('character not allowed in XML', offset, this.current());
    this.stack[this.stack.length - 1]!.children.push(value);
  }

  private addRawText(value: string, offset: number): void {
    if (INVALID_CHAR.test(value)) this.fail('character not allowed in XML', offset, this.current());
    this.stack[this.stack.length - 1]!.children.push(value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value);
  }

  private readName(what: string): string {
    const text = this.text;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (!isNameChar(first) || (first >= 48 && first <= 58) || first === 45 || first === 46) {
      this.fail(`expected ${what}`, start, this.current());
    }
    let p = start + 1;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    const name = text.slice(start, p);
    const colon = name.indexOf(':');
    if (colon !== -1 && (colon === name.length - 1 || name.indexOf(':', colon + 1) !== -1 || !isNameStart(name.charCodeAt(colon + 1)))) {
      this.fail(`malformed qualified name '${name}'`, start, this.current());
    }
    this.pos = p;
    return name;
  }

  /** Parses a start tag at `pos` and pushes its element on the stack. Returns whether it was an empty-element tag (`<a/>`). */
  private parseStartTag(): boolean {
    const text = this.text;
    const offset = this.pos;
    this.pos++;
    const qname = this.readName('an element name');
    if (this.stack.length >= this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth} elements`, offset, qname);
    const rawNames = this.rawNames;
    const rawValues = this.rawValues;
    rawNames.length = 0;
    rawValues.length = 0;
    const declarations: Array<[string, string]> = [];
    let selfClosing = false;
    for (;;) {
      const before = this.pos;
      while (this.pos < text.length && isWhitespace(text.charCodeAt(this.pos))) this.pos++;
      const code = text.charCodeAt(this.pos);
      if (code === 62) {
        this.pos++;
        break;
      }
      if (code === 47) {
        if (text.charCodeAt(this.pos + 1) !== 62) this.fail("expected '>' after '/'", this.pos, qname);
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.pos >= text.length) this.fail('unterminated start tag', offset, qname);
      if (this.pos === before) this.fail('expected whitespace before an attribute', this.pos, qname);
      const attrOffset = this.pos;
      const name = this.readName('an attribute name');
      while (isWhitespace(text.charCodeAt(this.pos))) this.pos++;
      if (text.charCodeAt(this.pos) !== 61) this.fail(`expected '=' after attribute ${name}`, this.pos, qname);
      this.pos++;
      while (isWhitespace(text.charCodeAt(this.pos))) this.pos++;
      const quote = text.charCodeAt(this.pos);
      if (quote !== 34 && quote !== 39) this.fail(`expected a quoted value for attribute ${name}`, this.pos, qname);
      const end = text.indexOf(quote === 34 ? '"' : "'", this.pos + 1);
      if (end === -1) this.fail(`unterminated value of attribute ${name}`, this.pos, qname);
      let value = text.slice(this.pos + 1, end);
      if (value.includes('<')) this.fail(`'<' in the value of attribute ${name}`, this.pos, qname);
      if (value.includes('&')) value = this.decodeEntities(value, this.pos + 1, true);
      else if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
      if (INVALID_CHAR.test(value)) this.fail(`character not allowed in attribute ${name}`, this.pos, qname);
      this.pos = end + 1;
      if (rawNames.includes(name)) this.fail(`duplicate attribute ${name}`, attrOffset, qname);
      if (name === 'xmlns') {
        if (value === XML_NAMESPACE || value === XMLNS_NAMESPACE) this.fail(`reserved namespace ${value} cannot be the default`, attrOffset, qname);
        declarations.push(['', value]);
      } else if (name.startsWith('xmlns:')) {
        const prefix = name.slice(6);
        if (value === '') this.fail(`prefix ${prefix} cannot be undeclared in XML 1.0`, attrOffset, qname);
        if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NAMESPACE) || value === XMLNS_NAMESPACE) {
          this.fail(`invalid declaration of prefix ${prefix}`, attrOffset, qname);
        }
        declarations.push([prefix, value]);
      }
      rawNames.push(name);
      rawValues.push(value);
    }
    const scopeMark = this.scopePrefixes.length;
    for (const [prefix, uri] of declarations) {
      this.scopePrefixes.push(prefix);
      this.scopeUris.push(uri);
    }
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? null : qname.slice(0, colon);
    const namespace = this.resolve(prefix ?? '', offset, qname);
    const attributes: XMLAttribute[] = [];
    for (let i = 0; i < rawNames.length; i++) {
      const q = rawNames[i]!;
      const value = rawValues[i]!;
      if (q === 'xmlns' || q.startsWith('xmlns:')) continue;
      const c = q.indexOf(':');
      if (c === -1) {
        attributes.push({ namespace: null, name: q, prefix: null, value });
      } else {
        const attrPrefix = q.slice(0, c);
        const attrNamespace = this.resolve(attrPrefix, offset, qname);
        const local = q.slice(c + 1);
        for (const other of attributes) {
          if (other.namespace === attrNamespace && other.name === local) this.fail(`duplicate attribute {${attrNamespace}}${local}`, offset, qname);
        }
        attributes.push({ namespace: attrNamespace, name: local, prefix: attrPrefix, value });
      }
    }
    const node: XMLNode = { namespace, name: colon === -1 ? qname : qname.slice(colon + 1), prefix, attributes, declarations, children: [], offset };
    this.stack.push(node);
    this.qnames.push(qname);
    this.marks.push(scopeMark);
    this.withElements.push(false);
    return selfClosing;
  }

  private resolve(prefix: string, offset: number, qname: string): string | null {
    for (let i = this.scopePrefixes.length - 1; i >= 0; i--) {
      if (this.scopePrefixes[i] === prefix) {
        const uri = this.scopeUris[i]!;
        return uri === '' ? null : uri;
      }
    }
    if (prefix === '') return null;
    if (prefix === 'xml') return XML_NAMESPACE;
    this.fail(`undeclared namespace prefix '${prefix}'`, offset, qname);
  }

  private parseEndTag(): XMLNode {
    const text = this.text;
    const offset = this.pos;
    this.pos += 2;
    const name = this.readName('an element name in the end tag');
    while (isWhitespace(text.charCodeAt(this.pos))) this.pos++;
    if (text.charCodeAt(this.pos) !== 62) this.fail("expected '>' to close the end tag", this.pos, name);
    this.pos++;
    const open = this.qnames[this.qnames.length - 1]!;
    if (open !== name) this.fail(`end tag </${name}> does not match <${open}>`, offset, open);
    const node = this.popLast();
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      parent.children.push(node);
      this.withElements[this.withElements.length - 1] = true;
    }
    return node;
  }

  /** Drops whitespace-only text next to child elements and merges adjacent text. */
  private finish(node: XMLNode, hasElements: boolean): XMLNode {
    const children = node.children;
    if (hasElements) {
      let kept = 0;
      for (const child of children) {
        if (typeof child === 'string' && WHITESPACE_ONLY.test(child)) continue;
        if (typeof child === 'string' && kept > 0 && typeof children[kept - 1] === 'string') children[kept - 1] += child;
        else children[kept++] = child;
      }
      children.length = kept;
    } else if (children.length > 1) {
      const joined = children.join('');
      children.length = 1;
      children[0] = joined;
    }
    return node;
  }

  private decodeEntities(raw: string, offset: number, attribute = false): string {
    let out = '';
    let last = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', last)) {
      const semi = raw.indexOf(';', amp + 1);
      if (semi === -1 || semi - amp > 12) this.fail("'&' not followed by a reference", offset + amp, this.current());
      const chunk = raw.slice(last, amp);
      out += attribute ? chunk.replace(/\r\n|[\t\n\r]/g, ' ') : chunk;
      const ref = raw.slice(amp + 1, semi);
      switch (ref) {
        case 'lt': out += '<'; break;
        case 'gt': out += '>'; break;
        case 'amp': out += '&'; break;
        case 'quot': out += '"'; break;
        case 'apos': out += "'"; break;
        default: out += this.characterReference(ref, offset + amp);
      }
      last = semi + 1;
    }
    const tail = raw.slice(last);
    return out + (attribute ? tail.replace(/\r\n|[\t\n\r]/g, ' ') : tail);
  }

  private characterReference(ref: string, offset: number): string {
    let code = Number.NaN;
    if (/^#[0-9]{1,7}$/.test(ref)) code = Number.parseInt(ref.slice(1), 10);
    else if (/^#x[0-9A-Fa-f]{1,6}$/.test(ref)) code = Number.parseInt(ref.slice(2), 16);
    else this.fail(`undeclared entity &${ref}; (only the predefined entities are accepted; DTDs are not)`, offset, this.current());
    const valid = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) this.fail(`character reference &${ref}; is not an XML character`, offset, this.current());
    return String.fromCodePoint(code);
  }
}

function isNameStart(code: number): boolean {
  return isNameChar(code) && !(code >= 48 && code <= 58) && code !== 45 && code !== 46;
}
