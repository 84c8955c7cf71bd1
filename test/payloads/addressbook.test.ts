import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Addressbook, Attribute, Attributes, Contact, ContactURI, ContactURIList, DialogHandling, Group, Policy, PresenceHandling,
} from '../../src/payloads/addressbook.js';
import { Entry, List, ResourceLists } from '../../src/payloads/resourcelists.js';
import { BuilderError } from '../../src/xml/index.js';
import { assertSameXML, exampleFiles, readExample } from './payload-examples.js';

// A resource-lists document as the XCAP manager stores the addressbook: a buddy list plus the addressbook list.
const STORED = `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:addressbook="urn:ag-projects:xml:ns:addressbook">
  <rl:list name="buddies">
    <rl:entry uri="sip:alice@example.com">
      <rl:display-name>Alice</rl:display-name>
      <addressbook:attributes><addressbook:attribute name="icon">alice.png</addressbook:attribute></addressbook:attributes>
    </rl:entry>
  </rl:list>
  <rl:list name="sipsimple_addressbook">
    <addressbook:group id="g1">
      <addressbook:name>Friends</addressbook:name>
      <addressbook:contact-id>c1</addressbook:contact-id>
      <addressbook:contact-id>c2</addressbook:contact-id>
    </addressbook:group>
    <addressbook:contact id="c1">
      <addressbook:name>Alice</addressbook:name>
      <addressbook:uris default="u1">
        <addressbook:uri id="u1" uri="sip:alice@example.com" type="SIP"/>
        <addressbook:uri id="u2" uri="tel:+1-212-555-1234"><addressbook:attributes><addressbook:attribute name="label">mobile</addressbook:attribute></addressbook:attributes></addressbook:uri>
      </addressbook:uris>
      <addressbook:presence policy="allow" subscribe="true"/>
      <addressbook:dialog policy="default" subscribe="false"/>
      <addressbook:attributes><addressbook:attribute name="favorite">yes</addressbook:attribute></addressbook:attributes>
    </addressbook:contact>
    <addressbook:contact id="c2">
      <addressbook:name>Bob</addressbook:name>
      <addressbook:uris/>
      <addressbook:presence policy="default" subscribe="false"/>
      <addressbook:dialog policy="default" subscribe="false"/>
    </addressbook:contact>
    <addressbook:policy id="p1" uri="sip:spam@example.net">
      <addressbook:name>Spammer</addressbook:name>
      <addressbook:presence policy="block" subscribe="false"/>
      <addressbook:dialog policy="block" subscribe="false"/>
    </addressbook:policy>
  </rl:list>
</rl:resource-lists>`;

describe('addressbook extension of resource-lists', () => {
  it('reads contacts, groups and policies out of a stored document', () => {
    const doc = ResourceLists.parse(STORED);
    assert.deepEqual(doc.invalid, []);
    const book = Addressbook.fromList(doc.get('sipsimple_addressbook')!);
    assert.equal(book.contacts.length, 2);
    const alice = book.contact('c1')!;
    assert.equal(alice.name, 'Alice');
    assert.equal(alice.uris.default, 'u1');
    assert.equal(alice.uris.get('u2')?.uri, 'tel:+1-212-555-1234');
    assert.equal(alice.uris.get('u2')?.attributes?.get('label')?.value, 'mobile');
    assert.equal(alice.presence.policy, 'allow');
    assert.equal(alice.presence.subscribe, true);
    assert.deepEqual(alice.attributes?.toRecord(), { favorite: 'yes' });
    assert.deepEqual(book.membersOf(book.groups[0]!).map((c) => c.name), ['Alice', 'Bob']);
    assert.equal(book.policies[0]!.uri, 'sip:spam@example.net');
    assert.equal(book.policies[0]!.dialog.policy, 'block');
    const entry = doc.get('buddies')![0] as Entry;
    assert.deepEqual(entry.extension(Attributes)?.toRecord(), { icon: 'alice.png' });
    assertSameXML(doc.toXML(), STORED);
  });

  it('builds an addressbook with the documented defaults and reads it back', () => {
    const contact = new Contact('c9', 'Carol', [new ContactURI('u', 'sip:carol@example.com')]);
    assert.equal(contact.presence.policy, 'default');
    assert.equal(contact.dialog.subscribe, false);
    const policy = new Policy('p9', 'Dave', 'sip:dave@example.com', { presence: new PresenceHandling('allow', true), dialog: new DialogHandling('confirm') });
    const group = new Group('g9', 'Work', ['c9'], Attributes.fromRecord({ color: 'blue' }));
    const book = new Addressbook([contact], [group], [policy]);
    const doc = new ResourceLists([book.toList('sipsimple_addressbook')]);
    const back = Addressbook.fromList(ResourceLists.parse(doc.toXML({ pretty: true })).get('sipsimple_addressbook')!);
    assert.equal(back.contact('c9')!.uris[0]!.uri, 'sip:carol@example.com');
    assert.equal(back.policies[0]!.presence.subscribe, true);
    assert.equal(back.groups[0]!.attributes?.get('color')?.value, 'blue');
    assert.ok(new ContactURIList([], undefined).default === undefined);
  });

  it('still parses the python-sipsimple resource-lists examples with the extension registered', () => {
    for (const file of exampleFiles('resource-lists')) assertSameXML(ResourceLists.parse(readExample(file)).toXML(), readExample(file));
  });

  it('reports invalid addressbook elements instead of dropping them', () => {
    const text = `<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:a="urn:ag-projects:xml:ns:addressbook"><list name="x">
      <a:contact id="c"><a:name>N</a:name><a:uris/><a:presence policy="sometimes" subscribe="true"/><a:dialog policy="default" subscribe="false"/></a:contact>
      <a:policy id="p"><a:name>P</a:name><a:presence policy="allow" subscribe="true"/><a:dialog policy="allow" subscribe="true"/></a:policy></list></resource-lists>`;
    const doc = ResourceLists.parse(text);
    assert.equal(doc.invalid.length, 2);
    assert.match(doc.invalid[0]!.error.message, /presence.*policy.*not one of default, allow, block, confirm/);
    assert.match(doc.invalid[1]!.error.message, /policy.*missing required attribute uri/);
    assertSameXML(doc.toXML(), text);
  });

  it('refuses to build incomplete elements', () => {
    const contact = new Contact('c', 'N');
    (contact as { name: string | undefined }).name = undefined;
    assert.throws(() => new ResourceLists([new List([contact], 'x')]).toXML(), BuilderError);
    assert.throws(() => new ResourceLists([new List([new Group('g', 'G', [], new Attributes([new Attribute('a', undefined as unknown as string)]))], 'x')]).toXML(), BuilderError);
  });
});
