import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParserError } from '../../src/errors.js';
import { parseXML, XML_NAMESPACE, nodeText, type XMLNode } from '../../src/xml/index.js';

function element(node: XMLNode | string | undefined): XMLNode {
  assert.ok(node !== undefined && typeof node !== 'string', 'expected an element');
  return node;
}

function rejects(text: string | Uint8Array, pattern: RegExp, options?: Parameters<typeof parseXML>[1]): ParserError {
  let caught: unknown;
  try {
    parseXML(text, options);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ParserError, `expected ParserError for ${String(text).slice(0, 60)}, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

describe('XML tokenizer: well-formed input', () => {
  it('resolves default and prefixed namespaces, attribute namespaces and xml:lang', () => {
    const root = parseXML(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a xmlns="urn:a" xmlns:b="urn:b" x="1" b:y="2"><b:c xml:lang="fr">t</b:c><d xmlns=""/></a>',
    );
    assert.equal(root.namespace, 'urn:a');
    assert.equal(root.name, 'a');
    assert.deepEqual(root.declarations, [['', 'urn:a'], ['b', 'urn:b']]);
    assert.deepEqual(
      root.attributes.map((a) => [a.namespace, a.name, a.value]),
      [[null, 'x', '1'], ['urn:b', 'y', '2']],
    );
    const c = element(root.children[0]);
    assert.equal(c.namespace, 'urn:b');
    assert.equal(c.prefix, 'b');
    assert.deepEqual(c.attributes[0], { namespace: XML_NAMESPACE, name: 'lang', prefix: 'xml', value: 'fr' });
    assert.equal(element(root.children[1]).namespace, null);
  });

  it('decodes the predefined entities and character references, and CDATA', () => {
    const root = parseXML('<a t="&lt;&#x41;&#66;&quot;">&amp;&apos;&gt;<![CDATA[<raw & text>]]>&#x1F600;</a>');
    assert.equal(root.attributes[0]!.value, '<AB"');
    assert.equal(nodeText(root), "&'><raw & text>\u{1F600}");
  });

  it('normalises line ends in text and whitespace in attribute values', () => {
    const root = parseXML('<a v="x\ty\r\nz&#10;">l1\r\nl2\rl3</a>');
    assert.equal(root.attributes[0]!.value, 'x y z\n');
    assert.equal(nodeText(root), 'l1\nl2\nl3');
  });

  it('drops whitespace between elements, keeps mixed content, skips comments and PIs', () => {
    const root = parseXML('<!-- c --><?pi x?>\n<a>\n  <b/>\n  text <!-- c --> more\n  <c>x</c>\n</a>\n<!-- after -->\n');
    assert.equal(root.children.length, 3);
    assert.equal(root.children[1], '\n  text  more\n  ');
  });

  it('accepts UTF-8 bytes with or without BOM, and UTF-16 with BOM', () => {
    const text = '<a>caf\u00e9 \u{1F600}</a>';
    assert.equal(nodeText(parseXML(new TextEncoder().encode(text))), 'caf\u00e9 \u{1F600}');
    assert.equal(nodeText(parseXML(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))), 'caf\u00e9 \u{1F600}');
    const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le');
    assert.equal(nodeText(parseXML(new Uint8Array(utf16))), 'caf\u00e9 \u{1F600}');
  });

  it('records the offset of each element', () => {
    const root = parseXML('<a>\n <b/></a>');
    assert.equal(element(root.children[0]).offset, 5);
  });
});

describe('XML tokenizer: malformed input raises ParserError with position and element', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /no root element/],
    ['text', /text before the root/],
    ['<a>', /not closed/],
    ['<a></b>', /does not match/],
    ['<a><b></a></b>', /does not match/],
    ['<a/><b/>', /after the root/],
    ['<a/>text', /after the root/],
    ['<a b=1/>', /quoted value/],
    ['<a b="1" b="2"/>', /duplicate attribute b/],
    ['<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', /duplicate attribute/],
    ['<a b="<"/>', /'<' in the value/],
    ['<a>&unknown;</a>', /undeclared entity &unknown;/],
    ['<a>& b</a>', /not followed by a reference/],
    ['<a>&#0;</a>', /not an XML character/],
    ['<a>&#xD800;</a>', /not an XML character/],
    ['<a>\u0001</a>', /character not allowed/],
    ['<p:a/>', /undeclared namespace prefix 'p'/],
    ['<a xmlns:p=""/>', /cannot be undeclared/],
    ['<a xmlns:xml="urn:x"/>', /invalid declaration of prefix xml/],
    ['<1a/>', /expected an element name/],
    ['<a:b:c xmlns:a="u"/>', /malformed qualified name/],
    ['<a b="1"c="2"/>', /whitespace before an attribute/],
    ['<a>]]></a>', /not allowed in text/],
    ['<a><?xml version="1.0"?></a>', /XML declaration not at the start/],
    ['<?xml encoding="UTF-8"?><a/>', /without a 1.x version/],
    ['<a><!-- unterminated </a>', /unterminated comment/],
    ['<a><![CDATA[x</a>', /unterminated CDATA/],
  ];
  for (const [text, pattern] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      const error = rejects(text, pattern);
      assert.equal(typeof error.offset, 'number');
      assert.equal(typeof error.line, 'number');
    });
  }

  it('reports the line and the element', () => {
    const error = rejects('<a>\n<b>\n<c x=1/></b></a>', /quoted value/);
    assert.equal(error.line, 3);
    assert.equal(error.element, 'c');
  });

  it('rejects bytes that are not UTF-8 and declared encodings it does not support', () => {
    rejects(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), /not valid UTF-8/);
    rejects(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'), /unsupported encoding/);
  });
});

describe('XML tokenizer: hostile input is refused quickly', () => {
  it('refuses any DTD, so billion laughs never expands', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
      ']><lolz>&lol9;</lolz>';
    const error = rejects(laughs, /DTDs are not accepted/);
    assert.equal(error.offset, 21);
  });

  it('refuses external entities (XXE) and parameter entities', () => {
    rejects('<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>', /DTDs are not accepted/);
    rejects('<!DOCTYPE a SYSTEM "http://127.0.0.1/evil.dtd"><a/>', /DTDs are not accepted/);
    rejects('<a><!ENTITY x "y"></a>', /entity declarations are not accepted/);
    rejects('<a>&xxe;</a>', /undeclared entity/);
  });

  it('bounds the nesting depth', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    rejects(deep, /nesting deeper than 64/);
    rejects('<a><a><a></a></a></a>', /nesting deeper than 2/, { maxDepth: 2 });
    assert.equal(parseXML('<a><a></a></a>', { maxDepth: 2 }).name, 'a');
  });

  it('bounds the document size', () => {
    rejects(`<a>${'x'.repeat(100)}</a>`, /exceeds the limit of 50/, { maxSize: 50 });
    rejects(new Uint8Array(5 * 1024 * 1024), /exceeds the limit/);
  });
});
