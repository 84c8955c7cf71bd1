import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParserError } from '../../src/errors.js';
import { BuilderError, documentClassFor, RawElement, ValidationError, XMLListElement } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';
import { Catalog, CATALOG_NS, EXTRA_NS, Item, Link, Rating, Reference, Title } from './fixtures/catalog.js';

const SAMPLE = `<?xml version="1.0"?>
<catalog xmlns="urn:test:catalog" xmlns:x="urn:test:extra" xmlns:o="urn:test:other" version="3" o:mark="m">
  <item id="i1" count="-4" available="1" kind="book" added="2008-09-11T22:42:03.250+02:00">
    <title xml:lang="en">Dune</title>
    <title>Duna</title>
    <link>sip:%61lice@example.com;transport=tcp</link>
    <price>12.5</price>
    <tag>sf</tag><tag> classic </tag>
    <signed/>
    <x:rating>5</x:rating>
    <o:shelf row="2">A<o:b>bold</o:b>B</o:shelf>
  </item>
  <item id="i2"><reference ref="i1"/></item>
  <o:footer>end</o:footer>
</catalog>`;

function validationError(text: string, pattern: RegExp): ValidationError {
  let caught: unknown;
  try {
    Catalog.parse(text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, `expected ValidationError, got ${String(caught)}`);
  assert.ok(caught instanceof ParserError);
  assert.match(caught.message, pattern);
  return caught;
}

describe('binding: parsing into typed objects', () => {
  const catalog = Catalog.parse(SAMPLE);

  it('reads typed attributes, text, lists, choices, tokens and extensions', () => {
    assert.equal(catalog.version, 3);
    assert.equal(catalog.length, 3);
    const item = catalog[0] as Item;
    assert.ok(item instanceof Item);
    assert.equal(item.count, -4);
    assert.equal(item.available, true);
    assert.equal(item.kind, 'book');
    assert.equal(item.added?.toISOString(), '2008-09-11T20:42:03.250Z');
    assert.deepEqual(item.titles.map((t) => [t.value, t.lang]), [['Dune', 'en'], ['Duna', undefined]]);
    assert.ok(item.source instanceof Link);
    assert.deepEqual(item.flags, ['signed']);
    assert.equal(item.price, 12.5);
    assert.deepEqual(item.tags, ['sf', 'classic']);
    assert.equal(item.extension(Rating)?.stars, 5);
    assert.ok((catalog[1] as Item).source instanceof Reference);
  });

  it('keeps URIs byte for byte', () => {
    assert.equal(((catalog[0] as Item).source as Link).uri, 'sip:%61lice@example.com;transport=tcp');
  });

  it('keeps unknown elements and attributes as raw and writes them back', () => {
    const shelf = (catalog[0] as Item).extensions[1];
    assert.ok(shelf instanceof RawElement);
    assert.equal(shelf.namespace, 'urn:test:other');
    assert.equal(shelf.attribute('row'), '2');
    assert.ok(catalog[2] instanceof RawElement);
    assert.deepEqual(catalog.otherAttributes?.map((a) => [a.namespace, a.name, a.value]), [['urn:test:other', 'mark', 'm']]);
    assert.deepEqual(catalog.invalid, []);
  });

  it('round-trips without loss (canonical form)', () => {
    assert.equal(canonicalXML(catalog.toXML()), canonicalXML(SAMPLE.replace('available="1"', 'available="true"').replace(' classic ', 'classic').replace('2008-09-11T22:42:03.250+02:00', '2008-09-11T20:42:03.250Z')));
    assert.equal(canonicalXML(Catalog.parse(catalog.toXML({ pretty: true })).toXML()), canonicalXML(catalog.toXML()));
  });

  it('accepts bytes', () => {
    assert.equal(Catalog.parse(new TextEncoder().encode(SAMPLE)).length, 3);
  });

  it('is found by content type, ignoring case and parameters', () => {
    assert.equal(documentClassFor('Application/X-Test-Catalog+XML; charset=utf-8'), Catalog);
    assert.equal(documentClassFor('application/unknown+xml'), undefined);
    assert.equal(catalog.contentType, 'application/x-test-catalog+xml');
  });
});

describe('binding: invalid documents', () => {
  it('raises ValidationError naming the element and the reason', () => {
    const error = validationError('<catalog xmlns="urn:test:catalog" version="1">\n<item id="a" count="many"/></catalog>', /\{urn:test:catalog\}item: attribute count: 'many' is not an integer/);
    assert.equal(error.element, '{urn:test:catalog}item');
    assert.equal(error.line, 2);
    validationError('<catalog xmlns="urn:test:catalog"/>', /missing required attribute version/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item/></catalog>', /missing required attribute id/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><bogus/></catalog>', /bogus: not allowed in <catalog>/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><link>x</link><link>y</link></item></catalog>', /more than one/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a" kind="tape"/></catalog>', /not one of book, record/);
    validationError('<catalog xmlns="urn:test:catalog" version="1">stray</catalog>', /unexpected text/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><new>x</new></item></catalog>', /must be an empty element/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><price>cheap</price></item></catalog>', /price: invalid decimal content/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><price>1</price><price>2</price></item></catalog>', /price: more than one/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><price a="1">1</price></item></catalog>', /takes no attributes/);
    validationError('<catalog xmlns="urn:test:catalog" version="1"><item id="a"><tag><b/></tag></item></catalog>', /takes text only/);
    validationError('<other xmlns="urn:test:catalog"/>', /root element is not \{urn:test:catalog\}catalog/);
  });

  it('keeps an invalid extension as raw, reports it, and writes it back', () => {
    const text = '<catalog xmlns="urn:test:catalog" xmlns:x="urn:test:extra" version="1"><item id="a"><x:rating>lots</x:rating></item></catalog>';
    const catalog = Catalog.parse(text);
    assert.equal(catalog.invalid.length, 1);
    assert.equal(catalog.invalid[0]!.element, `{${EXTRA_NS}}rating`);
    assert.match(catalog.invalid[0]!.error.message, /not an integer/);
    assert.ok((catalog[0] as Item).extensions[0] instanceof RawElement);
    assert.equal(canonicalXML(catalog.toXML()), canonicalXML(text));
  });
});

describe('binding: building documents', () => {
  it('writes the registered prefixes and pretty output', () => {
    const catalog = new Catalog([new Item('a', { count: 1, titles: [new Title('T', 'en')], source: new Link('http://x'), flags: ['new'], extensions: [new Rating(3)] })]);
    catalog.version = 7;
    assert.equal(
      catalog.toXML({ pretty: true }),
      `<?xml version='1.0' encoding='UTF-8'?>
<catalog xmlns="urn:test:catalog" xmlns:x="urn:test:extra" version="7">
  <item id="a" count="1">
    <title xml:lang="en">T</title>
    <link>http://x</link>
    <new/>
    <x:rating>3</x:rating>
  </item>
</catalog>
`,
    );
  });

  it('escapes text and attributes and declares unknown namespaces', () => {
    const catalog = new Catalog([new Item('a"<&\n', { titles: [new Title('<&>')] }), RawElement.create('urn:z', 'z', { attributes: [{ namespace: 'urn:q', name: 'q', prefix: null, value: 'v' }] })]);
    const xml = catalog.toXML();
    assert.match(xml, /id="a&quot;&lt;&amp;&#10;"/);
    assert.match(xml, /<title>&lt;&amp;&gt;<\/title>/);
    const back = Catalog.parse(xml);
    assert.equal((back[0] as Item).id, 'a"<&\n');
    assert.equal((back[1] as RawElement).attribute('q', 'urn:q'), 'v');
  });

  it('raises BuilderError for what cannot be written', () => {
    const cases: Array<[() => Catalog, RegExp]> = [
      [() => new Catalog([new Item(undefined as unknown as string)]), /missing required attribute id/],
      [() => new Catalog([new Item('a', { count: 1.5 })]), /invalid attribute count/],
      [() => new Catalog([new Item('a', { titles: [new Title('\u0001')] })]), /cannot carry/],
      [() => new Catalog([new Item('a', { source: new Title('x') as unknown as Link })]), /source is not one of Link, Reference/],
      [() => new Catalog([new Item('a', { flags: ['old'] })]), /'old' is not an allowed flags value/],
      [() => new Catalog([new Item('a', { price: Number.NaN })]), /invalid <price>/],
      [() => new Catalog([new Title('x') as unknown as Item]), /an extension must be in another namespace/],
      [() => new Catalog([new Item('a', { extensions: [{}] })]), /not a bound element/],
    ];
    for (const [build, pattern] of cases) {
      const catalog = build();
      catalog.version = 1;
      assert.throws(() => catalog.toXML(), (error: unknown) => error instanceof BuilderError && pattern.test(error.message));
    }
  });
});

describe('binding: list elements behave like arrays', () => {
  it('index, insert, remove, iterate, look up by key', () => {
    const [a, b, c] = [new Item('a'), new Item('b'), new Item('c')];
    const catalog = new Catalog([a, c]);
    catalog.insertAt(1, [b]);
    assert.deepEqual([...catalog].map((i) => (i as Item).id), ['a', 'b', 'c']);
    assert.equal(catalog.get('b'), b);
    assert.equal(catalog.has('z'), false);
    assert.equal(catalog.remove(a), true);
    assert.equal(catalog.remove(a), false);
    assert.equal(catalog.removeAt(0), b);
    catalog.append(b);
    assert.equal(catalog.removeByKey('b'), 1);
    assert.equal(catalog.length, 1);
    assert.ok(catalog instanceof XMLListElement);
    const mapped = catalog.map((i) => i);
    assert.equal(Object.getPrototypeOf(mapped), Array.prototype);
  });

  it('set and remove extensions by class', () => {
    const item = new Item('a');
    item.setExtension(Rating, new Rating(1));
    item.setExtension(Rating, new Rating(2));
    assert.equal(item.extensions.length, 1);
    assert.equal(item.extension(Rating)?.stars, 2);
    item.setExtension(Rating, undefined);
    assert.equal(item.extension(Rating), undefined);
  });

  it('unknown namespace elements in a closed element are refused', () => {
    assert.throws(() => Catalog.parse(`<catalog xmlns="${CATALOG_NS}" version="1"><item id="a"><title><x xmlns="urn:o"/></title></item></catalog>`), ValidationError);
  });
});
