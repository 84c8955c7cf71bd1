import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Entry } from '../../src/payloads/resourcelists.js';
import { Packages, RLSList, RLSServices, ResourceListURI, Service } from '../../src/payloads/rlsservices.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML, exampleFiles, readExample } from './payload-examples.js';

// RFC 4826 section 4.3, typed in from the RFC.
const RFC4826_4_3 = `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"
   xmlns:rl="urn:ietf:params:xml:ns:resource-lists"
   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <service uri="sip:mybuddies@example.com">
  <resource-list>http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d</resource-list>
  <packages>
   <package>presence</package>
  </packages>
 </service>
 <service uri="sip:marketing@example.com">
   <list name="marketing">
     <rl:entry uri="sip:joe@example.com"/>
     <rl:entry uri="sip:sudhir@example.com"/>
   </list>
   <packages>
     <package>presence</package>
   </packages>
 </service>
</rls-services>`;

// payloads-api.md section 5, generation example.
const SEED_OUTPUT = `<?xml version='1.0' encoding='UTF-8'?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">
  <service uri="sip:mybuddies@example.com">
    <resource-list>http://xcap.example.com/xxx</resource-list>
    <packages>
      <package>presence</package>
    </packages>
  </service>
  <service uri="sip:marketing@example.com">
    <list>
      <rl:entry uri="sip:joe@example.com"/>
      <rl:entry uri="sip:sudhir@example.com"/>
    </list>
    <packages>
      <package>presence</package>
    </packages>
  </service>
</rls-services>
`;

describe('rls-services (RFC 4826 section 4)', () => {
  it('builds the seed example (payloads-api.md section 5)', () => {
    const buddies = new Service('sip:mybuddies@example.com', 'http://xcap.example.com/xxx', ['presence']);
    const marketing = new Service('sip:marketing@example.com');
    marketing.list = new RLSList([new Entry('sip:joe@example.com'), new Entry('sip:sudhir@example.com')]);
    marketing.packages = ['presence'];
    const rls = new RLSServices([buddies, marketing]);
    const xml = rls.toXML({ pretty: true });
    assert.equal(xml, SEED_OUTPUT);
    assertSameXML(xml, readExample('rls-services__sipsimple-doctest__1.xml'));
  });

  it('parses the RFC 4826 section 4.3 example as the seed describes', () => {
    const rls = RLSServices.parse(RFC4826_4_3);
    assert.equal(rls.length, 2);
    assert.equal(rls[0]!.uri, 'sip:mybuddies@example.com');
    assert.ok(rls[0]!.list instanceof ResourceListURI);
    assert.equal(String(rls[0]!.list), 'http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d');
    assert.equal(rls[0]!.packages?.[0], 'presence');
    assert.equal(rls[1]!.uri, 'sip:marketing@example.com');
    assert.deepEqual(rls[1]!.packages, ['presence']);
    const inline = rls[1]!.list as RLSList;
    assert.ok(inline instanceof RLSList);
    assert.equal(inline.name, 'marketing');
    assert.deepEqual(inline.map((e) => (e as Entry).uri), ['sip:joe@example.com', 'sip:sudhir@example.com']);
    assert.equal(rls.get('sip:marketing@example.com'), rls[1]);
    assertSameXML(rls.toXML(), RFC4826_4_3);
  });

  it('parses every python-sipsimple rls-services example and writes it back', () => {
    const files = exampleFiles('rls-services');
    assert.ok(files.length >= 2);
    for (const file of files) {
      const text = readExample(file);
      assertSameXML(RLSServices.parse(text).toXML(), text);
    }
  });

  it('distinguishes an absent <packages> (all packages) from an empty one', () => {
    const all = RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"><resource-list>http://x/y</resource-list></service></rls-services>');
    assert.equal(all[0]!.packages, undefined);
    const none = RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"><resource-list>http://x/y</resource-list><packages/></service></rls-services>');
    assert.equal(none[0]!.packages?.length, 0);
    assert.ok(none[0]!.packagesElement instanceof Packages);
    none[0]!.packages!.push('dialog');
    assert.ok(none.toXML().includes('<package>dialog</package>'));
    none[0]!.packages = undefined;
    assert.ok(!none.toXML().includes('packages'));
  });

  it('is found by its content type', () => {
    assert.equal(documentClassFor('application/rls-services+xml'), RLSServices);
  });

  it('rejects invalid documents naming the element and the reason', () => {
    assert.throws(() => RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"/></rls-services>'),
      (error: unknown) => error instanceof ValidationError && /service.*missing required child/.test(error.message));
    assert.throws(() => RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service><resource-list>http://x</resource-list></service></rls-services>'),
      (error: unknown) => error instanceof ValidationError && /missing required attribute uri/.test(error.message));
    assert.throws(() => RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"><resource-list>http://x</resource-list><list/></service></rls-services>'),
      (error: unknown) => error instanceof ValidationError && /more than one/.test(error.message));
    assert.throws(() => RLSServices.parse('<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@b"><resource-list>http://x</resource-list><packages><package a="1">x</package></packages></service></rls-services>'),
      (error: unknown) => error instanceof ValidationError && /package.*takes no attributes/.test(error.message));
  });

  it('refuses to build a service without a list', () => {
    assert.throws(() => new RLSServices([new Service('sip:a@example.com')]).toXML(), BuilderError);
  });
});
