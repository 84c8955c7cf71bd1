import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Add, Attribute, Document, Element, Remove, Replace, XCAPDiff } from '../../src/payloads/xcapdiff.js';
import { BuilderError, RawElement, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// In the form of the examples of RFC 5874 section 4 (patches of one document, prefixed namespace), typed in.
const RFC5874_PATCHES = `<?xml version="1.0" encoding="UTF-8"?>
<d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff"
           xcap-root="http://xcap.example.com/">

 <d:document previous-etag="7ahggs"
             sel="tests/users/sip:joe@example.com/index"
             new-etag="fgherhryt3">
   <d:add sel="*"
    ><foo>this is a new element</foo></d:add></d:document>

 <d:document previous-etag="fgherhryt3"
             sel="tests/users/sip:joe@example.com/index"
             new-etag="dgdgdfgrrr">
   <d:add sel="*"
    ><bar>this is a bar element
</bar></d:add></d:document>

 <d:document previous-etag="dgdgdfgrrr"
             sel="tests/users/sip:joe@example.com/index"
             new-etag="63hjjsll">
   <d:add sel="*"
    ><foobar>this is a foobar element</foobar></d:add></d:document>
</d:xcap-diff>`;

// In the form of RFC 5874 section 4: a created document, a removed one, an unchanged body, element and attribute aggregation.
const RFC5874_AGGREGATION = `<?xml version="1.0" encoding="UTF-8"?>
<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"
           xcap-root="http://xcap.example.com/root/">
 <document new-etag="7" sel="resource-lists/users/sip:joe@example.com/index"/>
 <document previous-etag="4" sel="rls-services/users/sip:joe@example.com/index"/>
 <document previous-etag="2" new-etag="3" sel="pres-rules/users/sip:joe@example.com/index"><body-not-changed/></document>
 <document previous-etag="3" new-etag="4" sel="pres-rules/users/sip:joe@example.com/other">
  <replace sel="ruleset/rule[@id='a']/actions/sub-handling/text()">block</replace>
  <remove sel="ruleset/rule[@id='b']" ws="after"/>
 </document>
 <element sel="resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22friends%22%5d"
   ><list xmlns="urn:ietf:params:xml:ns:resource-lists" name="friends"><entry uri="sip:bill@example.com"/></list></element>
 <element sel="resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22gone%22%5d" exists="0"/>
 <attribute sel="resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22friends%22%5d/@name">friends</attribute>
</xcap-diff>`;

describe('xcap-diff (RFC 5874)', () => {
  it('parses patch operations with their content', () => {
    const diff = XCAPDiff.parse(RFC5874_PATCHES);
    assert.equal(diff.xcapRoot, 'http://xcap.example.com/');
    assert.equal(diff.documents.length, 3);
    const first = diff[0] as Document;
    assert.equal(first.selector, 'tests/users/sip:joe@example.com/index');
    assert.equal(first.previousEtag, '7ahggs');
    assert.equal(first.newEtag, 'fgherhryt3');
    const add = first[0] as Add;
    assert.ok(add instanceof Add);
    assert.equal(add.sel, '*');
    assert.ok(add.content[0] instanceof RawElement);
    assert.equal((add.content[0] as RawElement).text, 'this is a new element');
    assertSameXML(diff.toXML(), RFC5874_PATCHES);
  });

  it('parses created, removed and unchanged documents, elements and attributes', () => {
    const diff = XCAPDiff.parse(RFC5874_AGGREGATION);
    const [created, removed, unchanged, patched, element, missing, attribute] = diff;
    assert.ok(created instanceof Document && created.previousEtag === undefined && !created.removed);
    assert.ok(removed instanceof Document && removed.removed);
    assert.ok(unchanged instanceof Document && unchanged.bodyNotChanged);
    assert.ok(patched instanceof Document);
    assert.equal((patched[0] as Replace).text, 'block');
    assert.equal((patched[1] as Remove).ws, 'after');
    assert.ok(element instanceof Element && element.content.length === 1 && element.exists === undefined);
    assert.ok(missing instanceof Element && missing.exists === false);
    assert.ok(attribute instanceof Attribute && attribute.value === 'friends');
    assert.ok(attribute.selector.includes('%5b@name=%22friends%22%5d'));
    assert.equal(diff.get('pres-rules/users/sip:joe@example.com/index'), unchanged);
    // Booleans are written in their canonical form (`0` becomes `false`), as docs/xml-binding.md says.
    assertSameXML(diff.toXML(), RFC5874_AGGREGATION.replace('exists="0"', 'exists="false"'));
    assert.equal(documentClassFor('application/xcap-diff+xml'), XCAPDiff);
  });

  it('builds a notification like an XCAP server sends', () => {
    const diff = new XCAPDiff('https://xcap.example.org/xcap-root', [
      new Document('resource-lists/users/sip:alice@example.org/index', { previousEtag: '1', newEtag: '2' }, [new Replace("resource-lists/list[@name='a']/@name", { text: 'b' })]),
      new Document('pres-rules/users/sip:alice@example.org/index', { previousEtag: '5', newEtag: '6', bodyNotChanged: true }),
      new Attribute('x/@y', { exists: false }),
    ]);
    const back = XCAPDiff.parse(diff.toXML({ pretty: true }));
    assert.equal((back[0] as Document).length, 1);
    assert.equal((back[1] as Document).bodyNotChanged, true);
    assert.equal((back[2] as Attribute).exists, false);
  });

  it('rejects invalid documents naming the element and the reason', () => {
    assert.throws(() => XCAPDiff.parse('<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"/>'),
      (error: unknown) => error instanceof ValidationError && /missing required attribute xcap-root/.test(error.message));
    assert.throws(() => XCAPDiff.parse('<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://x/"><document/></xcap-diff>'),
      /document.*missing required attribute sel/);
    assert.throws(() => XCAPDiff.parse('<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://x/"><element sel="a" exists="maybe"/></xcap-diff>'),
      /attribute exists.*not a boolean/);
    assert.throws(() => XCAPDiff.parse('<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://x/"><document sel="a"><remove sel="b" ws="never"/></document></xcap-diff>'),
      /remove.*ws/);
    assert.throws(() => new XCAPDiff(undefined as unknown as string).toXML(), BuilderError);
  });
});
