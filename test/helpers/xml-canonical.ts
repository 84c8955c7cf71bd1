/**
 * A small XML canonicalizer for comparing documents in tests, built on
 * saxes (independent from the tokenizer under test): namespace-normalised
 * (elements and attributes by `{namespace}name`, prefixes and declarations
 * ignored), attribute-order independent, whitespace-only text between
 * elements ignored. Comments and processing instructions are ignored.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

interface CanonicalElement {
  name: string;
  attributes: string[];
  children: Array<CanonicalElement | string>;
}

function render(element: CanonicalElement, indent: string, out: string[]): void {
  const attributes = element.attributes.length > 0 ? ` ${element.attributes.join(' ')}` : '';
  out.push(`${indent}<${element.name}${attributes}>`);
  for (const child of element.children) {
    if (typeof child === 'string') out.push(`${indent}  ${JSON.stringify(child)}`);
    else render(child, `${indent}  `, out);
  }
}

/** The canonical form of `xml` (throws if it is not well-formed). */
export function canonicalXML(xml: string): string {
  const parser = new SaxesParser({ xmlns: true });
  const stack: CanonicalElement[] = [];
  let root: CanonicalElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: string[] = [];
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || (attribute.prefix === '' && attribute.local === 'xmlns')) continue;
      const name = attribute.uri === '' ? attribute.local : `{${attribute.uri}}${attribute.local}`;
      attributes.push(`${name}=${JSON.stringify(attribute.value)}`);
    }
    attributes.sort();
    const element: CanonicalElement = { name: tag.uri === '' ? tag.local : `{${tag.uri}}${tag.local}`, attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    const hasElements = element.children.some((child) => typeof child !== 'string');
    const merged: Array<CanonicalElement | string> = [];
    for (const child of element.children) {
      if (typeof child === 'string') {
        if (hasElements && child.trim() === '') continue;
        const last = merged[merged.length - 1];
        if (typeof last === 'string') merged[merged.length - 1] = last + child;
        else merged.push(child);
      } else merged.push(child);
    }
    element.children = merged;
  });
  const onText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(xml).close();
  if (root === undefined) throw new Error('no root element');
  const out: string[] = [];
  render(root, '', out);
  return out.join('\n');
}
