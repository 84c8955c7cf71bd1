/**
 * Namespace bindings of an XCAP URI's query (RFC 4825 §6.4): a sequence of
 * XPointer `xmlns()` parts (W3C XPointer xmlns() Scheme §3), e.g.
 * `?xmlns(rl=urn:ietf:params:xml:ns:resource-lists)`, with `^` escaping
 * `(`, `)` and `^` inside the namespace name.
 */
import { XCAPURIError } from '../errors.js';
import { isNCName } from './node-selector.js';

/** Prefix to namespace URI. */
export type NamespaceBindings = Readonly<Record<string, string>>;

/** Parses the percent-decoded query; throws {@link XCAPURIError} naming the offset of the fault. */
export function parseNamespaceBindings(query: string, uri: string): NamespaceBindings {
  const bindings: Record<string, string> = Object.create(null) as Record<string, string>;
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < query.length && ' \t\r\n'.includes(query[pos]!)) pos++;
  };
  while (pos < query.length) {
    skipSpace();
    if (pos >= query.length) break;
    if (!query.startsWith('xmlns(', pos)) throw new XCAPURIError('query: expected xmlns(', uri, pos);
    pos += 6;
    skipSpace();
    const start = pos;
    while (pos < query.length && !' \t\r\n='.includes(query[pos]!)) pos++;
    const prefix = query.slice(start, pos);
    if (!isNCName(prefix)) throw new XCAPURIError(`query: "${prefix}" is not a valid namespace prefix`, uri, start);
    skipSpace();
    if (query[pos] !== '=') throw new XCAPURIError('query: expected "=" in xmlns()', uri, pos);
    pos++;
    skipSpace();
    let namespace = '';
    for (;;) {
      const char = query[pos];
      if (char === undefined) throw new XCAPURIError('query: unterminated xmlns()', uri, pos);
      if (char === '^') {
        const next = query[pos + 1];
        if (next !== '(' && next !== ')' && next !== '^') throw new XCAPURIError('query: "^" escapes only "(", ")" and "^"', uri, pos);
        namespace += next;
        pos += 2;
      } else if (char === ')') {
        pos++;
        break;
      } else if (char === '(') {
        throw new XCAPURIError('query: unescaped "(" in a namespace name', uri, pos);
      } else {
        namespace += char;
        pos++;
      }
    }
    namespace = namespace.trimEnd();
    if (namespace === '') throw new XCAPURIError(`query: empty namespace for prefix "${prefix}"`, uri, pos);
    if (prefix in bindings && bindings[prefix] !== namespace) {
      throw new XCAPURIError(`query: prefix "${prefix}" bound twice`, uri, start);
    }
    bindings[prefix] = namespace;
  }
  return bindings;
}

/** The query text (not percent-encoded, without "?") for the bindings, in their insertion order. */
export function formatNamespaceBindings(bindings: NamespaceBindings): string {
  let text = '';
  for (const [prefix, namespace] of Object.entries(bindings)) {
    text += `xmlns(${prefix}=${namespace.replace(/[()^]/g, (c) => `^${c}`)})`;
  }
  return text;
}
