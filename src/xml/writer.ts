/**
 * A streaming XML writer with namespace management: prefixes come from the
 * document's registered namespaces, then from the hint of a parsed element,
 * then are generated (`ns1`, `ns2`, ...). Text and attribute values are
 * escaped; characters that XML cannot carry raise {@link BuilderError}.
 */
import { BuilderError } from './errors.js';
import { XML_NAMESPACE } from './node.js';

/** Serialization options of `toXML`. */
export interface XMLWriteOptions {
  /** Indent child elements by two spaces per level and end with a line break. */
  pretty?: boolean;
  /** Write the `<?xml version='1.0' encoding='UTF-8'?>` declaration (default true). */
  declaration?: boolean;
}

/** The namespaces in force at one element. Shared between elements until one declares something new. */
interface Scope {
  readonly prefixOf: Map<string, string>;
  readonly uriOf: Map<string, string>;
}

/**
 * A per-element-name cache of the qualified name resolved in a given scope:
 * element classes keep one so that an element written in the same scope as
 * last time (the usual case: the root scope is shared between documents)
 * skips prefix resolution.
 */
export interface QNameCache {
  scope: unknown;
  qname: string;
}

/** Flags of an open element. */
const OPEN = 1;
const HAS_ELEMENTS = 2;
const HAS_TEXT = 4;

const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escapes text content (a carriage return as a character reference, so it survives line-end normalisation); throws {@link BuilderError} for characters XML cannot carry. */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  if (INVALID_CHAR.test(value)) throw new BuilderError('text contains a character that XML 1.0 cannot carry');
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (tabs and line breaks as character references, so they survive normalisation). */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  if (INVALID_CHAR.test(value)) throw new BuilderError('attribute value contains a character that XML 1.0 cannot carry');
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function copyScope(scope: Scope): Scope {
  return { prefixOf: new Map(scope.prefixOf), uriOf: new Map(scope.uriOf) };
}

/** Binds `prefix` to `uri` in a scope owned by the element being opened; returns the declaration text. */
function bind(scope: Scope, prefix: string, uri: string): string {
  const previous = scope.uriOf.get(prefix);
  if (previous !== undefined && scope.prefixOf.get(previous) === prefix) scope.prefixOf.delete(previous);
  scope.uriOf.set(prefix, uri);
  if (uri !== '') scope.prefixOf.set(uri, prefix);
  return prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
}

/** The root scope and declarations for a namespace table, built once per table (tables are replaced, never changed, when a namespace is registered). */
const rootScopes = new WeakMap<ReadonlyMap<string, string>, { scope: Scope; declarations: string }>();

function rootScope(namespaces: ReadonlyMap<string, string>): { scope: Scope; declarations: string } {
  let root = rootScopes.get(namespaces);
  if (root === undefined) {
    const scope: Scope = { prefixOf: new Map([[XML_NAMESPACE, 'xml']]), uriOf: new Map([['xml', XML_NAMESPACE]]) };
    let declarations = '';
    for (const [uri, prefix] of namespaces) declarations += bind(scope, prefix, uri);
    root = { scope, declarations };
    rootScopes.set(namespaces, root);
  }
  return root;
}

const indents: string[] = [''];
function indent(depth: number): string {
  while (indents.length <= depth) indents.push(`${indents[indents.length - 1]}  `);
  return indents[depth]!;
}

/**
 * Writes one document: `start()` an element, then its `attribute()`s, then
 * its `text()` and child elements, then `end()`.
 */
export class XMLWriter {
  private out: string;
  private readonly pretty: boolean;
  private readonly qnames: string[] = [];
  private readonly scopes: Scope[] = [];
  private readonly flags: number[] = [];
  /** Whether the element whose start tag is open owns its scope (may bind prefixes in it). */
  private ownsScope = false;
  private generated = 0;

  /**
   * @param namespaces preferred prefixes by namespace URI (`''` for the default namespace), declared on the root element.
   */
  constructor(options: XMLWriteOptions = {}, private readonly namespaces: ReadonlyMap<string, string> = new Map()) {
    this.pretty = options.pretty === true;
    this.out = options.declaration === false ? '' : `<?xml version='1.0' encoding='UTF-8'?>${this.pretty ? '\n' : ''}`;
  }

  /** Opens an element; `prefixHint` is used if its namespace is not yet bound. Attributes follow with {@link attribute}. */
  start(namespace: string | null, name: string, prefixHint: string | null = null, cache?: QNameCache): void {
    const depth = this.qnames.length;
    let scope: Scope;
    let declarations = '';
    if (depth === 0) {
      const root = rootScope(this.namespaces);
      scope = root.scope;
      declarations = root.declarations;
    } else {
      scope = this.scopes[depth - 1]!;
      const parentFlags = this.flags[depth - 1]!;
      if ((parentFlags & OPEN) !== 0) this.out += '>';
      this.flags[depth - 1] = (parentFlags & ~OPEN) | HAS_ELEMENTS;
      if (this.pretty && (parentFlags & HAS_TEXT) === 0) this.out += `\n${indent(depth)}`;
    }
    this.ownsScope = false;
    let qname: string;
    if (cache !== undefined && cache.scope === scope) {
      qname = cache.qname;
    } else if (namespace === null) {
      const current = scope.uriOf.get('');
      if (current !== undefined && current !== '') {
        scope = copyScope(scope);
        this.ownsScope = true;
        declarations += bind(scope, '', '');
      }
      qname = name;
    } else {
      let prefix = scope.prefixOf.get(namespace);
      if (prefix === undefined || scope.uriOf.get(prefix) !== namespace) {
        prefix = this.choosePrefix(scope, namespace, prefixHint, false);
        scope = copyScope(scope);
        this.ownsScope = true;
        declarations += bind(scope, prefix, namespace);
      }
      qname = prefix === '' ? name : `${prefix}:${name}`;
    }
    if (cache !== undefined && !this.ownsScope) {
      cache.scope = scope;
      cache.qname = qname;
    }
    this.out += `<${qname}${declarations}`;
    this.qnames.push(qname);
    this.scopes.push(scope);
    this.flags.push(OPEN);
  }

  /**
   * Writes an attribute of the element just opened (`namespace` `null` for
   * an unqualified one). `plain` says the value needs no escaping.
   */
  attribute(namespace: string | null, name: string, value: string, prefixHint: string | null = null, plain = false): void {
    const top = this.qnames.length - 1;
    if (top < 0 || this.flags[top] !== OPEN) throw new BuilderError(`attribute ${name} written outside a start tag`);
    let qname = name;
    if (namespace !== null) {
      let scope = this.scopes[top]!;
      let prefix = scope.prefixOf.get(namespace);
      if (prefix === undefined || prefix === '' || scope.uriOf.get(prefix) !== namespace) {
        prefix = this.choosePrefix(scope, namespace, prefixHint, true);
        if (!this.ownsScope) {
          scope = copyScope(scope);
          this.scopes[top] = scope;
          this.ownsScope = true;
        }
        this.out += bind(scope, prefix, namespace);
      }
      qname = `${prefix}:${name}`;
    }
    this.out += ` ${qname}="${plain ? value : escapeAttribute(value)}"`;
  }

  private choosePrefix(scope: Scope, namespace: string, hint: string | null, attribute: boolean): string {
    const preferred = this.namespaces.get(namespace);
    for (const candidate of [preferred, hint]) {
      if (candidate === undefined || candidate === null) continue;
      if (attribute && candidate === '') continue;
      if (candidate === 'xml' || candidate === 'xmlns') continue;
      // An element may rebind any prefix for itself and its descendants; an attribute must not take the element's.
      if (!attribute) return candidate;
      const bound = scope.uriOf.get(candidate);
      if (bound === undefined || bound === namespace) return candidate;
    }
    for (;;) {
      const candidate = `ns${++this.generated}`;
      if (!scope.uriOf.has(candidate)) return candidate;
    }
  }

  /** Writes text content into the open element; `plain` says it needs no escaping. */
  text(value: string, plain = false): void {
    const top = this.qnames.length - 1;
    if (top < 0) throw new BuilderError('text outside the root element');
    if (value === '') return;
    const flags = this.flags[top]!;
    if ((flags & OPEN) !== 0) this.out += '>';
    this.flags[top] = (flags & ~OPEN) | HAS_TEXT;
    this.out += plain ? value : escapeText(value);
  }

  /** Closes the innermost open element. */
  end(): void {
    const qname = this.qnames.pop();
    if (qname === undefined) throw new BuilderError('no element to close');
    this.scopes.pop();
    const flags = this.flags.pop()!;
    if ((flags & OPEN) !== 0) this.out += '/>';
    else if (this.pretty && (flags & HAS_ELEMENTS) !== 0 && (flags & HAS_TEXT) === 0) this.out += `\n${indent(this.qnames.length)}</${qname}>`;
    else this.out += `</${qname}>`;
  }

  /** The document written so far (all elements must be closed). */
  result(): string {
    if (this.qnames.length > 0) throw new BuilderError(`element <${this.qnames[this.qnames.length - 1]}> is not closed`);
    return this.pretty ? `${this.out}\n` : this.out;
  }
}
