import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ParserError } from '../../src/errors.js';
import { parseXML, RawElement, writeRaw, XMLWriter, type XMLAttribute, type XMLNode } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';
import { Catalog, CATALOG_NS, Item, Link, Rating, Reference, Title } from './fixtures/catalog.js';

const namespaces = [null, 'urn:a', 'urn:b', 'http://example.com/ns?x=1&y=2', 'urn:ietf:params:xml:ns:pidf'];
const names = ['a', 'b', 'entry', 'x-y', 'n.1', '_u', '\u00e9l\u00e9ment'];
const prefixes = [null, 'p', 'q', 'ns1', 'xml2'];
const xmlChar = fc.oneof(
  fc.constantFrom('a', 'z', ' ', '\t', '\n', '\r', '&', '<', '>', '"', "'", ']', '\u00e9', '\u{1F600}', ';', '#'),
  fc.integer({ min: 0x20, max: 0xd7ff }).map((code) => String.fromCharCode(code)),
);
const xmlText = fc.array(xmlChar, { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));

const attributes = fc
  .uniqueArray(fc.record({ namespace: fc.constantFrom(...namespaces), name: fc.constantFrom(...names), prefix: fc.constantFrom(...prefixes), value: fc.oneof(fc.constant(''), xmlText) }), {
    maxLength: 4,
    selector: (a) => `${a.namespace}|${a.name}`,
  })
  .map((list) => list.map((a): XMLAttribute => ({ ...a, prefix: a.namespace === null ? null : a.prefix })));

const tree = fc.letrec<{ node: XMLNode }>((tie) => ({
  node: fc
    .record({
      namespace: fc.constantFrom(...namespaces),
      name: fc.constantFrom(...names),
      prefix: fc.constantFrom(...prefixes),
      attributes,
      children: fc.array(fc.oneof({ depthSize: 'small' }, xmlText, tie('node')), { maxLength: 4 }),
    })
    .map((n) => ({ ...n, declarations: [], offset: 0 }) as XMLNode),
}));

/** What the parser gives back for a written tree: adjacent text merged, whitespace-only text beside elements dropped, \r kept. */
function normalise(node: XMLNode): unknown {
  const hasElements = node.children.some((child) => typeof child !== 'string');
  const children: unknown[] = [];
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (typeof children[children.length - 1] === 'string') children[children.length - 1] += child;
      else children.push(child);
    } else children.push(normalise(child));
  }
  const kept = hasElements ? children.filter((child) => typeof child !== 'string' || !/^[ \t\r\n]*$/.test(child)) : children;
  const merged: unknown[] = [];
  for (const child of kept) {
    if (typeof child === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += child;
    else merged.push(child);
  }
  const attrs = node.attributes.map((a) => `${a.namespace}|${a.name}=${a.value}`).sort();
  return { ns: node.namespace, name: node.name, attrs, children: merged.filter((c) => c !== '') };
}

function write(node: XMLNode, pretty = false): string {
  const writer = new XMLWriter({ pretty });
  writeRaw(writer, node);
  return writer.result();
}

describe('binding layer properties', () => {
  it('generated element trees round-trip: parse(write(x)) equals x', () => {
    fc.assert(
      fc.property(tree.node, (node) => {
        const text = write(node);
        assert.deepEqual(normalise(parseXML(text)), normalise(node));
        canonicalXML(text); // an independent parser accepts what we write
      }),
      { numRuns: 300 },
    );
  });

  it('pretty output parses to the same tree when there is no mixed content', () => {
    const elementOnly = tree.node.filter(function noMixed(node: XMLNode): boolean {
      const hasElements = node.children.some((c) => typeof c !== 'string');
      return node.children.every((c) => (typeof c === 'string' ? !hasElements : noMixed(c)));
    });
    fc.assert(
      fc.property(elementOnly, (node) => {
        assert.deepEqual(normalise(parseXML(write(node, true))), normalise(node));
      }),
      { numRuns: 200 },
    );
  });

  it('random mutations yield a tree or a ParserError, nothing else', () => {
    const mutation = fc.record({
      at: fc.nat(),
      length: fc.nat({ max: 6 }),
      insert: fc.array(fc.constantFrom('<', '>', '&', ';', '"', "'", '=', '/', '!', '?', '[', ']', '-', 'x', ':', ' ', '#', '\u0000', '<!DOCTYPE', '&amp;', '<![CDATA['), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(tree.node, fc.array(mutation, { minLength: 1, maxLength: 4 }), (node, mutations) => {
        let text = write(node);
        for (const { at, length, insert } of mutations) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert.join('') + text.slice(position + length);
        }
        try {
          parseXML(text);
        } catch (error) {
          if (!(error instanceof ParserError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('generated catalog documents round-trip through the typed classes', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    const item = fc
      .record({
        id: xmlText,
        count: fc.option(fc.integer(), { nil: undefined }),
        available: fc.option(fc.boolean(), { nil: undefined }),
        kind: fc.option(fc.constantFrom('book' as const, 'record' as const), { nil: undefined }),
        added: fc.option(date, { nil: undefined }),
        titles: fc.array(fc.tuple(xmlText, fc.option(fc.constantFrom('en', 'fr'), { nil: undefined })), { maxLength: 3 }),
        source: fc.option(fc.oneof(xmlText.map((uri) => new Link(uri.trim() || 'x')), xmlText.map((ref) => new Reference(ref))), { nil: undefined }),
        flags: fc.subarray(['new', 'signed']),
        rating: fc.option(fc.integer(), { nil: undefined }),
        foreign: fc.array(tree.node.filter((node) => node.namespace !== CATALOG_NS), { maxLength: 2 }),
      })
      .map(({ titles, rating, foreign, ...rest }) =>
        new Item(rest.id, {
          ...rest,
          titles: titles.map(([t, lang]) => new Title(t, lang)),
          extensions: [...(rating === undefined ? [] : [new Rating(rating)]), ...foreign.map((node) => new RawElement(node))],
        }),
      );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), fc.nat(), fc.boolean(), (items, version, pretty) => {
        const catalog = new Catalog(items);
        catalog.version = version;
        const back = Catalog.parse(catalog.toXML({ pretty }));
        assert.equal(back.version, version);
        assert.equal(back.length, items.length);
        back.forEach((parsed, i) => {
          const original = items[i]!;
          const copy = parsed as Item;
          assert.equal(copy.id, original.id);
          assert.equal(copy.count, original.count);
          assert.equal(copy.available, original.available);
          assert.equal(copy.kind, original.kind);
          assert.equal(copy.added?.getTime(), original.added?.getTime());
          assert.deepEqual(copy.titles.map((t) => [t.value, t.lang]), original.titles.map((t) => [t.value, t.lang]));
          assert.deepEqual(copy.source, original.source);
          assert.deepEqual(copy.flags, original.flags);
          assert.equal(copy.extension(Rating)?.stars, original.extension(Rating)?.stars);
          const raws = (item: Item) => item.extensions.filter((e): e is RawElement => e instanceof RawElement).map((e) => normalise(e.node));
          assert.deepEqual(raws(copy), raws(original));
        });
      }),
      { numRuns: 200 },
    );
  });
});
