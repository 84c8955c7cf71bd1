// Node selectors of RFC 4825 §6.3: element steps by name, position, attribute test and both;
// attribute and namespace terminal selectors; XML AttValue quoting and references.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nodeSelectorArbitrary } from './arbitraries.js';
import {
  formatNodeSelector,
  isQName,
  parseNodeSelector,
  quoteAttributeValue,
  validateNodeSelector,
  XCAPURIError,
  type NodeSelector,
} from '../../src/xcap/index.js';

describe('node selector parsing (RFC 4825 §6.3)', () => {
  it('reads by-name, by-pos, by-attr and by-pos-attr steps', () => {
    const selector = parseNodeSelector('/resource-lists/list[@name="friends"]/entry[2]/display-name/*[1][@xml:lang="en"]');
    assert.deepEqual(selector.steps, [
      { name: 'resource-lists', position: undefined, attribute: undefined },
      { name: 'list', position: undefined, attribute: { name: 'name', value: 'friends' } },
      { name: 'entry', position: 2, attribute: undefined },
      { name: 'display-name', position: undefined, attribute: undefined },
      { name: '*', position: 1, attribute: { name: 'xml:lang', value: 'en' } },
    ]);
    assert.equal(selector.terminal, undefined);
  });

  it('reads the §6.3 watcherinfo selectors: an attribute test and a terminal attribute selector', () => {
    const byId = parseNodeSelector('watcherinfo/watcher-list/watcher[@id="8ajksjda7s"]');
    assert.deepEqual(byId.steps[2], { name: 'watcher', position: undefined, attribute: { name: 'id', value: '8ajksjda7s' } });
    const attribute = parseNodeSelector('watcherinfo/watcher-list/watcher[1]/@status');
    assert.deepEqual(attribute.terminal, { kind: 'attribute', name: 'status' });
    assert.equal(attribute.steps.length, 3);
  });

  it('reads the namespace selector namespace::* (§6.3, §7.10)', () => {
    const selector = parseNodeSelector('/resource-lists/list/namespace::*');
    assert.deepEqual(selector.terminal, { kind: 'namespace' });
  });

  it('decodes references and single quotes in attribute values (XML AttValue)', () => {
    const selector = parseNodeSelector(`/a/b[@c='say "hi" &amp; &#x41;&#66;&lt;&apos;']`);
    assert.equal(selector.steps[1]!.attribute!.value, `say "hi" & AB<'`);
  });

  it('keeps "/" and "]" inside quoted values', () => {
    const selector = parseNodeSelector('/rls-services/service[@uri="sip:a/b]c@example.com"]/list');
    assert.equal(selector.steps[1]!.attribute!.value, 'sip:a/b]c@example.com');
    assert.equal(selector.steps.length, 3);
  });

  for (const [text, fault] of [
    ['', 'empty'],
    ['/', 'empty'],
    ['/a/', 'ends with "/"'],
    ['/a[0]', 'position of 1 or more'],
    ['/a[x]', 'position'],
    ['/a[@b=c]', 'quoted attribute value'],
    ['/a[@b="c]', 'unterminated'],
    ['/a[@b="<"]', '"<"'],
    ['/a[@b="&bogus;"]', 'unknown reference'],
    ['/a[@b="a & b"]', 'starts no reference'],
    ['/a/@b/c', 'nothing may follow'],
    ['/1a', 'not a valid element name'],
    ['/a:b:c', 'not a valid element name'],
    ['/@b', 'missing element name'],
  ] as const) {
    it(`rejects ${JSON.stringify(text)} (${fault})`, () => {
      assert.throws(() => parseNodeSelector(text), (error: unknown) => {
        assert.ok(error instanceof XCAPURIError);
        assert.match(error.message, new RegExp(fault.replace(/[[\]"()]/g, '\\$&')));
        assert.equal(typeof error.offset, 'number');
        return true;
      });
    });
  }
});

describe('node selector formatting', () => {
  it('quotes with " and falls back to \' or &quot;', () => {
    assert.equal(quoteAttributeValue('plain'), '"plain"');
    assert.equal(quoteAttributeValue('say "hi"'), `'say "hi"'`);
    assert.equal(quoteAttributeValue(`it's "x"`), '"it\'s &quot;x&quot;"');
    assert.equal(quoteAttributeValue('a&b<c'), '"a&amp;b&lt;c"');
  });

  it('writes steps, positions, attribute tests and terminals', () => {
    const selector: NodeSelector = {
      steps: [{ name: 'resource-lists' }, { name: 'list', position: 1, attribute: { name: 'name', value: 'x' } }],
      terminal: { kind: 'attribute', name: 'name' },
    };
    assert.equal(formatNodeSelector(selector), '/resource-lists/list[1][@name="x"]/@name');
  });

  it('rejects selectors built with bad names or positions', () => {
    assert.throws(() => validateNodeSelector({ steps: [] }), XCAPURIError);
    assert.throws(() => validateNodeSelector({ steps: [{ name: 'a b' }] }), XCAPURIError);
    assert.throws(() => validateNodeSelector({ steps: [{ name: 'a', position: 0 }] }), XCAPURIError);
    assert.throws(() => validateNodeSelector({ steps: [{ name: 'a' }], terminal: { kind: 'attribute', name: '' } }), XCAPURIError);
  });
});

describe('node selector round trip (property)', () => {
  it('parse(format(s)) equals s', () => {
    fc.assert(
      fc.property(nodeSelectorArbitrary, (selector) => {
        assert.deepEqual(parseNodeSelector(formatNodeSelector(selector)), selector);
      }),
      { numRuns: 300 },
    );
  });

  it('any text either parses or throws XCAPURIError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '/', '[', ']', '@', '=', '"', "'", '1', ':', '*', '&', ';', '#') , maxLength: 20 }), (text) => {
        try {
          const parsed = parseNodeSelector(text);
          assert.ok(parsed.steps.every((s) => s.name === '*' || isQName(s.name)));
        } catch (error) {
          assert.ok(error instanceof XCAPURIError, String(error));
        }
      }),
      { numRuns: 300 },
    );
  });
});
