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

interface Frame {
  readonly qname: string;
  readonly scope: Scope;
  open: boolean;
  elements: boolean;
  text: boolean;
}

const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** One attribute to write: namespace (`null` for unqualified), local name, value, optional prefix hint. */
export type WriterAttribute = readonly [namespace: string | null, name: string, value: string, prefix?: string | null];

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

/** Writes one document. */
export class XMLWriter {
  private out: string;
  private readonly stack: Frame[] = [];
  private readonly pretty: boolean;
  private readonly rootScope: Scope;
  private generated = 0;

  /**
   * @param namespaces preferred prefixes by namespace URI (`''` for the default namespace), declared on the root element.
   */
  constructor(options: XMLWriteOptions = {}, private readonly namespaces: ReadonlyMap<string, string> = new Map()) {
    this.pretty = options.pretty === true;
    this.out = options.declaration === false ? '' : `<?xml version='1.0' encoding='UTF-8'?>${this.pretty ? '\n' : ''}`;
    this.rootScope = { prefixOf: new Map([[XML_NAMESPACE, 'xml']]), uriOf: new Map([['xml', XML_NAMESPACE]]) };
  }

  /** Opens an element; `prefixHint` is used if its namespace is not yet bound. */
  start(namespace: string | null, name: string, attributes: readonly WriterAttribute[] = [], prefixHint: string | null = null): void {
    const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1]! : undefined;
    let scope = parent === undefined ? this.rootScope : parent.scope;
    let declarations = '';
    let copied = false;
    if (parent === undefined) {
      scope = copyScope(scope);
      copied = true;
      for (const [uri, prefix] of this.namespaces) declarations += bind(scope, prefix, uri);
    }
    let qname: string;
    if (namespace === null) {
      const current = scope.uriOf.get('');
      if (current !== undefined && current !== '') {
        if (!copied) (scope = copyScope(scope)), (copied = true);
        declarations += bind(scope, '', '');
      }
      qname = name;
    } else {
      let prefix = scope.prefixOf.get(namespace);
      if (prefix === undefined || scope.uriOf.get(prefix) !== namespace) {
        prefix = this.choosePrefix(scope, namespace, prefixHint, false);
        if (!copied) (scope = copyScope(scope)), (copied = true);
        declarations += bind(scope, prefix, namespace);
      }
      qname = prefix === '' ? name : `${prefix}:${name}`;
    }
    let attributeText = '';
    for (const [attrNamespace, attrName, value, attrHint] of attributes) {
      let attrQname = attrName;
      if (attrNamespace !== null) {
        let prefix = scope.prefixOf.get(attrNamespace);
        if (prefix === undefined || prefix === '' || scope.uriOf.get(prefix) !== attrNamespace) {
          prefix = this.choosePrefix(scope, attrNamespace, attrHint ?? null, true);
          if (!copied) (scope = copyScope(scope)), (copied = true);
          declarations += bind(scope, prefix, attrNamespace);
        }
        attrQname = `${prefix}:${attrName}`;
      }
      attributeText += ` ${attrQname}="${escapeAttribute(value)}"`;
    }
    if (parent !== undefined) {
      if (parent.open) {
        this.out += '>';
        parent.open = false;
      }
      parent.elements = true;
      if (this.pretty && !parent.text) this.out += `\n${'  '.repeat(this.stack.length)}`;
    }
    this.out += `<${qname}${declarations}${attributeText}`;
    this.stack.push({ qname, scope, open: true, elements: false, text: false });
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

  /** Writes text content into the open element. */
  text(value: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) throw new BuilderError('text outside the root element');
    if (value === '') return;
    if (frame.open) {
      this.out += '>';
      frame.open = false;
    }
    frame.text = true;
    this.out += escapeText(value);
  }

  /** Closes the innermost open element. */
  end(): void {
    const frame = this.stack.pop();
    if (frame === undefined) throw new BuilderError('no element to close');
    if (frame.open) this.out += '/>';
    else if (this.pretty && frame.elements && !frame.text) this.out += `\n${'  '.repeat(this.stack.length)}</${frame.qname}>`;
    else this.out += `</${frame.qname}>`;
  }

  /** The document written so far (all elements must be closed). */
  result(): string {
    if (this.stack.length > 0) throw new BuilderError(`element <${this.stack[this.stack.length - 1]!.qname}> is not closed`);
    return this.pretty ? `${this.out}\n` : this.out;
  }
}
