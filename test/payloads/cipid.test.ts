import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Card, CIPIDMap, DisplayName, Homepage, Icon, Person, PIDF, Sound } from '../../src/payloads/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';

/** RFC 4482 section 4 (example), typed in from the RFC. */
const RFC4482_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
    xmlns:c="urn:ietf:params:xml:ns:pidf:cipid"
    entity="pres:someone@example.com">
  <tuple id="bs35r9">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="0.8">im:someone@mobilecarrier.net</contact>
    <timestamp>2005-11-27T16:49:29Z</timestamp>
  </tuple>
  <dm:person id="p1">
    <c:card>http://example.com/~someone/card.vcd</c:card>
    <c:display-name>Mr. Someone</c:display-name>
    <c:homepage>http://example.com/~someone</c:homepage>
    <c:icon>http://example.com/~someone/icon.gif</c:icon>
    <c:map>http://example.com/~someone/gml-map.xml</c:map>
    <c:sound>http://example.com/~someone/whoosh.wav</c:sound>
    <dm:timestamp>2005-11-27T16:49:29Z</dm:timestamp>
  </dm:person>
</presence>`;

describe('CIPID (RFC 4482)', () => {
  it('section 4 example: every element is bound and the document round-trips', () => {
    const pidf = PIDF.parse(RFC4482_EXAMPLE);
    assert.deepEqual(pidf.invalid, []);
    const person = pidf.itemsOf(Person)[0]!;
    assert.equal(person.extension(Card)?.value, 'http://example.com/~someone/card.vcd');
    assert.equal(person.extension(DisplayName)?.value, 'Mr. Someone');
    assert.equal(person.extension(Homepage)?.value, 'http://example.com/~someone');
    assert.equal(person.extension(Icon)?.value, 'http://example.com/~someone/icon.gif');
    assert.equal(person.extension(CIPIDMap)?.value, 'http://example.com/~someone/gml-map.xml');
    assert.equal(person.extension(Sound)?.value, 'http://example.com/~someone/whoosh.wav');
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(RFC4482_EXAMPLE));
  });

  it('builds display names with a language and keeps icon URIs byte for byte', () => {
    const person = new Person('p', { extensions: [new DisplayName('Ren\u00e9', 'fr'), new Icon('http://example.com/a%20b.png?x=1&y=2')] });
    const xml = new PIDF('sip:rene@example.com', [person]).toXML();
    assert.match(xml, /<c:display-name xml:lang="fr">René<\/c:display-name><c:icon>http:\/\/example.com\/a%20b.png\?x=1&amp;y=2<\/c:icon>/);
    const back = PIDF.parse(xml).itemsOf(Person)[0]!;
    assert.equal(back.extension(Icon)?.value, 'http://example.com/a%20b.png?x=1&y=2');
    assert.equal(back.extension(DisplayName)?.lang, 'fr');
  });

  it('an invalid CIPID element (child elements in display-name) is kept and reported', () => {
    const xml = '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:c="urn:ietf:params:xml:ns:pidf:cipid" entity="sip:a@b"><dm:person id="p"><c:display-name><b/></c:display-name></dm:person></presence>';
    const pidf = PIDF.parse(xml);
    assert.equal(pidf.invalid.length, 1);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(xml));
  });
});
