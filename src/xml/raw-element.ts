/**
 * {@link RawElement}: an element that no registered class describes, kept
 * with its namespace, attributes, children and text so that a round trip
 * loses nothing.
 */
import { clarkName, nodeText, type XMLAttribute, type XMLNode } from './node.js';

/** An unregistered (or invalid, see the document's `invalid` list) element, kept as its parsed tree and written back as it was. */
export class RawElement {
  constructor(readonly node: XMLNode) {}

  /** Builds a raw element from its parts. */
  static create(
    namespace: string | null,
    name: string,
    options: { prefix?: string | null; attributes?: XMLAttribute[]; children?: Array<XMLNode | string> } = {},
  ): RawElement {
    return new RawElement({
      namespace,
      name,
      prefix: options.prefix ?? null,
      attributes: options.attributes ?? [],
      declarations: [],
      children: options.children ?? [],
      offset: 0,
    });
  }

  /** Namespace URI of the element. */
  get namespace(): string | null {
    return this.node.namespace;
  }

  /** Local name of the element. */
  get name(): string {
    return this.node.name;
  }

  /** The element's text content (its text children concatenated). */
  get text(): string {
    return nodeText(this.node);
  }

  /** Value of the attribute `name` (unqualified, or in `namespace`). */
  attribute(name: string, namespace: string | null = null): string | undefined {
    for (const attribute of this.node.attributes) if (attribute.name === name && attribute.namespace === namespace) return attribute.value;
    return undefined;
  }

  toString(): string {
    return `RawElement(${clarkName(this.node.namespace, this.node.name)})`;
  }
}
