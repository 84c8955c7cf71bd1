/**
 * The namespace-resolved XML tree that the tokenizer produces and the writer
 * consumes: the common currency between raw XML and the typed element classes.
 */

/** The namespace that the `xml:` prefix is always bound to (Namespaces in XML 1.0, section 3). */
export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** One attribute as written, with its namespace resolved (`null` for an unprefixed attribute). */
export interface XMLAttribute {
  /** Namespace of a prefixed attribute; unprefixed attributes have none (Namespaces in XML 1.0, section 6.2). */
  readonly namespace: string | null;
  /** Local name. */
  readonly name: string;
  /** Prefix as written, kept only as a hint for writing back. */
  readonly prefix: string | null;
  /** Value after entity decoding and attribute-value normalisation. */
  readonly value: string;
}

/** One element: resolved name, attributes without the `xmlns` declarations, children in document order. */
export interface XMLNode {
  /** Namespace URI, or `null` for an element in no namespace. */
  readonly namespace: string | null;
  /** Local name. */
  readonly name: string;
  /** Prefix as written (`null` for the default namespace), a hint for writing back. */
  readonly prefix: string | null;
  /** Attributes other than namespace declarations. */
  readonly attributes: XMLAttribute[];
  /** Namespace declarations made on this element, as `[prefix, uri]` with `''` for the default namespace. */
  readonly declarations: Array<[string, string]>;
  /** Child elements and text, in document order. Whitespace-only text between child elements is not kept. */
  readonly children: Array<XMLNode | string>;
  /** Offset of the start tag in the parsed text (0 for built nodes). */
  readonly offset: number;
}

/** The Clark-notation name `{namespace}local` (or just `local` without a namespace), used in error messages and look-up tables. */
export function clarkName(namespace: string | null, name: string): string {
  return namespace === null ? name : `{${namespace}}${name}`;
}

/** The concatenated text children of a node. */
export function nodeText(node: XMLNode): string {
  const children = node.children;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let text = '';
  for (const child of children) if (typeof child === 'string') text += child;
  return text;
}
