import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisplayName, Entry, EntryRef, External, List, ResourceLists } from '../../src/payloads/resourcelists.js';
import { BuilderError, RawElement, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML, exampleFiles, readExample } from './payload-examples.js';

// RFC 4826 section 3.3, typed in from the RFC.
const RFC4826_3_3 = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <list name="friends">
  <entry uri="sip:bill@example.com">
   <display-name>Bill Doe</display-name>
  </entry>
  <entry-ref ref="resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d"/>
  <list name="close-friends">
   <display-name>Close Friends</display-name>
   <entry uri="sip:joe@example.com">
    <display-name>Joe Smith</display-name>
   </entry>
   <entry uri="sip:nancy@example.com">
    <display-name>Nancy Gross</display-name>
   </entry>
   <external anchor="http://xcap.example.org/resource-lists/users/sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkting%22%5d">
     <display-name>Marketing</display-name>
    </external>
  </list>
 </list>
</resource-lists>`;

// payloads-api.md section 4, generation example.
const SEED_OUTPUT = `<?xml version='1.0' encoding='UTF-8'?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
  <rl:list>
    <rl:entry uri="sip:bill@example.com">
      <rl:display-name>Bill Doe</rl:display-name>
    </rl:entry>
    <rl:entry-ref ref="some/ref"/>
  </rl:list>
</rl:resource-lists>
`;

describe('resource-lists (RFC 4826 section 3)', () => {
  it('builds the seed example (payloads-api.md section 4) exactly', () => {
    const bill = new Entry('sip:bill@example.com', 'Bill Doe');
    const petri = new EntryRef('some/ref');
    const friends = new List([bill, petri]);
    const rl = new ResourceLists([friends]);
    assert.equal(rl.toXML({ pretty: true }), SEED_OUTPUT);
    assert.equal(rl.contentType, 'application/resource-lists+xml');
  });

  it('parses the RFC 4826 section 3.3 example as the seed describes', () => {
    const r = ResourceLists.parse(RFC4826_3_3);
    assert.equal(r.length, 1);
    const friends = r[0]!;
    assert.equal(friends.name, 'friends');
    const bill = friends[0] as Entry;
    assert.equal(bill.uri, 'sip:bill@example.com');
    assert.equal(String(bill.displayName), 'Bill Doe');
    const closeFriends = friends[2] as List;
    assert.ok(closeFriends instanceof List);
    assert.equal(String(closeFriends[0]), '"Joe Smith" <sip:joe@example.com>');
    assert.equal(String((closeFriends[2] as External).displayName), 'Marketing');
    assert.equal(closeFriends.displayName?.value, 'Close Friends');
    assert.equal(r.get('friends'), friends);
    assert.equal(friends.list('close-friends'), closeFriends);
    assert.equal(closeFriends.get('sip:nancy@example.com')?.toString(), '"Nancy Gross" <sip:nancy@example.com>');
    assert.deepEqual(friends.entryElements.map((e) => e.uri), ['sip:bill@example.com']);
  });

  it('keeps percent-encoded URIs byte for byte and round-trips the RFC example', () => {
    const r = ResourceLists.parse(RFC4826_3_3);
    const ref = r[0]![1] as EntryRef;
    assert.equal(ref.ref, 'resource-lists/users/sip:bill@example.com/index/~~/resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:petri@example.com%22%5d');
    const again = r.toXML();
    assert.ok(again.includes('list%5b@name=%22mkting%22%5d'));
    assertSameXML(again, RFC4826_3_3);
    assertSameXML(ResourceLists.parse(again).toXML({ pretty: true }), RFC4826_3_3);
  });

  it('parses every python-sipsimple resource-lists example and writes it back', () => {
    const files = exampleFiles('resource-lists');
    assert.ok(files.length >= 2);
    for (const file of files) {
      const text = readExample(file);
      const doc = ResourceLists.parse(text);
      assert.ok(doc.length >= 1, file);
      assertSameXML(doc.toXML(), text);
    }
  });

  it('is found by its content type', () => {
    assert.equal(documentClassFor('application/resource-lists+xml; charset=UTF-8'), ResourceLists);
  });

  it('behaves like an array: insert, remove, look-up', () => {
    const list = new List([], 'buddies', new DisplayName('Buddies', 'en'));
    list.append(new Entry('sip:a@example.com'));
    list.insertAt(0, [new Entry('sip:b@example.com')]);
    assert.deepEqual(list.map((e) => (e as Entry).uri), ['sip:b@example.com', 'sip:a@example.com']);
    assert.equal(list.removeByKey('sip:b@example.com'), 1);
    assert.equal(list.length, 1);
    const doc = new ResourceLists([list]);
    const back = ResourceLists.parse(doc.toXML());
    assert.equal(back.get('buddies')?.displayName?.lang, 'en');
    assert.equal((back.get('buddies')![0] as Entry).uri, 'sip:a@example.com');
  });

  it('keeps unknown extension elements and attributes', () => {
    const text = `<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:x="urn:x">
      <list name="a" x:flag="1"><entry uri="sip:a@example.com"><x:note>hi</x:note></entry><x:extra/></list></resource-lists>`;
    const doc = ResourceLists.parse(text);
    const list = doc[0]!;
    assert.ok((list[0] as Entry).extensions[0] instanceof RawElement);
    assert.ok(list[1] instanceof RawElement);
    assertSameXML(doc.toXML(), text);
  });

  it('rejects invalid documents naming the element and the reason', () => {
    assert.throws(() => ResourceLists.parse('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry/></list></resource-lists>'),
      (error: unknown) => error instanceof ValidationError && /entry.*missing required attribute uri/.test(error.message));
    assert.throws(() => ResourceLists.parse('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><bogus/></list></resource-lists>'),
      (error: unknown) => error instanceof ValidationError && /bogus.*not allowed/.test(error.message));
    assert.throws(() => ResourceLists.parse('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="sip:a@b"><display-name>a</display-name><display-name>b</display-name></entry></list></resource-lists>'),
      (error: unknown) => error instanceof ValidationError && /more than one/.test(error.message));
    assert.throws(() => ResourceLists.parse('<resource-lists xmlns="urn:wrong"/>'), ValidationError);
    assert.throws(() => ResourceLists.parse('<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list>text</list></resource-lists>'), ValidationError);
  });

  it('refuses to build an entry without a URI', () => {
    const entry = new Entry('sip:a@example.com');
    (entry as { uri: string | undefined }).uri = undefined;
    assert.throws(() => new ResourceLists([new List([entry])]).toXML(), BuilderError);
    assert.throws(() => new ResourceLists([new List([42 as unknown as Entry])]).toXML(), BuilderError);
  });
});
