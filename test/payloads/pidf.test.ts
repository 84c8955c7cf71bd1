import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { richPIDF } from '../../bench/payloads.js';
import { ParserError } from '../../src/errors.js';
import { Basic, Contact, documentClassFor, Note, PIDF, ServiceNote, Status, Timestamp, Tuple } from '../../src/payloads/index.js';
import { BuilderError, RawElement, ValidationError } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';

const EXAMPLES = new URL('../../../shared/testdata/payload-examples/', import.meta.url);

/** The expected output of spec/payloads-api.md section 6; the seed drops the `>` of the start tag (a typo), restored here. */
const SEED_PIDF = `<?xml version='1.0' encoding='UTF-8'?>
<presence xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:someone@example.com">
  <tuple id="bs35r9">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="0.8">im:someone@mobilecarrier.net</contact>
    <note>Don't Disturb Please!</note>
    <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
    <timestamp>2008-09-11T20:42:03Z</timestamp>
  </tuple>
  <tuple id="eg92n8">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="1.0">mailto:someone@example.com</contact>
  </tuple>
  <note>I'll be in Tokyo next week</note>
</presence>
`;

/** RFC 3863 section 4.3 (example): status extensions of foreign namespaces (im:im, myex:location). */
const RFC3863_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:im="urn:ietf:params:xml:ns:pidf:im"
    xmlns:myex="http://id.example.com/presence/"
    entity="pres:someone@example.com">
  <tuple id="bs35r9">
    <status>
      <basic>open</basic>
      <im:im>busy</im:im>
      <myex:location>home</myex:location>
    </status>
    <contact priority="0.8">im:someone@mobilecarrier.net</contact>
    <note xml:lang="en">Don't Disturb Please!</note>
    <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
    <timestamp>2001-10-27T16:49:29Z</timestamp>
  </tuple>
  <tuple id="eg92n8">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="1.0">mailto:someone@example.com</contact>
  </tuple>
  <note>I'll be in Tokyo next week</note>
</presence>`;

function buildSeedDocument(): PIDF {
  const pidf = new PIDF('pres:someone@example.com');
  const tuple1 = new Tuple('bs35r9', {
    notes: [new ServiceNote("Don't Disturb Please!"), new ServiceNote("Ne derangez pas, s'il vous plait", 'fr')],
    status: new Status(new Basic('open')),
  });
  const contact = new Contact('im:someone@mobilecarrier.net');
  contact.priority = 0.8;
  tuple1.contact = contact;
  tuple1.timestamp = new Timestamp(new Date(Date.UTC(2008, 8, 11, 20, 42, 3)));
  const tuple2 = new Tuple('eg92n8', { status: new Status('open'), contact: new Contact('mailto:someone@example.com') });
  tuple2.contact!.priority = 1.0;
  pidf.notes.push(new Note("I'll be in Tokyo next week"));
  pidf.append(tuple1);
  pidf.append(tuple2);
  return pidf;
}

describe('PIDF (RFC 3863)', () => {
  it('builds the seed example of spec/payloads-api.md section 6', () => {
    const xml = buildSeedDocument().toXML({ pretty: true });
    assert.equal(canonicalXML(xml), canonicalXML(SEED_PIDF));
    assert.ok(xml.endsWith('</presence>\n'));
  });

  it('parses the seed example back into the objects', () => {
    const pidf = PIDF.parse(SEED_PIDF);
    assert.equal(pidf.entity, 'pres:someone@example.com');
    assert.equal(pidf.length, 2);
    const [tuple1, tuple2] = pidf.tuples;
    assert.equal(tuple1!.id, 'bs35r9');
    assert.equal(tuple1!.status.basic?.value, 'open');
    assert.equal(tuple1!.contact?.value, 'im:someone@mobilecarrier.net');
    assert.equal(tuple1!.contact?.priority, 0.8);
    assert.deepEqual(tuple1!.notes.map((n) => [n.value, n.lang]), [["Don't Disturb Please!", undefined], ["Ne derangez pas, s'il vous plait", 'fr']]);
    assert.equal(tuple1!.timestamp?.value.toISOString(), '2008-09-11T20:42:03.000Z');
    assert.equal(tuple2!.contact?.priority, 1);
    assert.equal(pidf.get('eg92n8'), tuple2);
    assert.deepEqual(pidf.notes.map(String), ["I'll be in Tokyo next week"]);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(SEED_PIDF));
  });

  it('parses the payload-examples document produced by python-sipsimple and round-trips it', () => {
    const bytes = readFileSync(new URL('pidf__sipsimple-doctest__1.xml', EXAMPLES));
    const pidf = PIDF.parse(new Uint8Array(bytes));
    assert.equal(pidf.tuples.length, 2);
    assert.deepEqual(pidf.invalid, []);
    assert.equal(canonicalXML(pidf.toXML({ pretty: true })), canonicalXML(bytes.toString('utf8')));
  });

  it('RFC 3863 section 4.3 example: status extensions are kept and written back', () => {
    const pidf = PIDF.parse(RFC3863_EXAMPLE);
    const status = pidf.tuples[0]!.status;
    assert.equal(status.extensions.length, 2);
    assert.ok(status.extensions[0] instanceof RawElement);
    assert.equal((status.extensions[1] as RawElement).text, 'home');
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(RFC3863_EXAMPLE));
  });

  it('is registered for application/pidf+xml', () => {
    assert.equal(documentClassFor('application/pidf+xml'), PIDF);
    assert.equal(new PIDF('sip:a@example.com').contentType, 'application/pidf+xml');
  });

  it('keeps contact URIs byte for byte', () => {
    const xml = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:%61@example.com"><tuple id="a"><status/><contact>sip:b%40c@example.com;transport=TCP?Subject=%20x</contact></tuple></presence>';
    const pidf = PIDF.parse(xml);
    assert.equal(pidf.entity, 'sip:%61@example.com');
    assert.equal(pidf.tuples[0]!.contact?.value, 'sip:b%40c@example.com;transport=TCP?Subject=%20x');
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(xml));
  });

  describe('invalid documents', () => {
    const wrap = (body: string, attributes = 'entity="pres:a@example.com"') => `<presence xmlns="urn:ietf:params:xml:ns:pidf" ${attributes}>${body}</presence>`;
    const cases: Array<[string, string, RegExp]> = [
      ['no entity', wrap('', ''), /missing required attribute entity/],
      ['tuple without id', wrap('<tuple><status/></tuple>'), /tuple: missing required attribute id/],
      ['tuple without status', wrap('<tuple id="a"></tuple>'), /missing required child <status>/],
      ['unknown basic value', wrap('<tuple id="a"><status><basic>maybe</basic></status></tuple>'), /'maybe' is not one of open, closed/],
      ['priority out of range', wrap('<tuple id="a"><status/><contact priority="2">sip:a@b</contact></tuple>'), /is not a q-value/],
      ['bad timestamp', wrap('<tuple id="a"><status/><timestamp>yesterday</timestamp></tuple>'), /is not a dateTime/],
      ['two statuses', wrap('<tuple id="a"><status/><status/></tuple>'), /more than one/],
      ['unknown PIDF element', wrap('<tuple id="a"><status/><mood/></tuple>'), /mood: not allowed in <tuple>/],
      ['wrong root', '<presence xmlns="urn:other"/>', /root element is not/],
    ];
    for (const [what, xml, pattern] of cases) {
      it(`rejects ${what} with ValidationError`, () => {
        assert.throws(() => PIDF.parse(xml), (error: unknown) => error instanceof ValidationError && pattern.test(error.message));
      });
    }

    it('rejects malformed and hostile input with ParserError', () => {
      assert.throws(() => PIDF.parse('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="a">'), ParserError);
      assert.throws(() => PIDF.parse('<!DOCTYPE presence [<!ENTITY x SYSTEM "file:///etc/passwd">]><presence/>'), /DTDs are not accepted/);
    });

    it('refuses to build a document without required parts', () => {
      assert.throws(() => new PIDF(undefined as unknown as string).toXML(), BuilderError);
      assert.throws(() => new PIDF('sip:a@b', [new Tuple('a', { contact: new Contact('sip:x', 1.5) })]).toXML(), /invalid attribute priority/);
    });
  });
});

describe('PIDF: hostile and damaged input', () => {
  it('random mutations of a rich document yield a PIDF or a ParserError, nothing else', () => {
    const text = richPIDF().toXML({ pretty: true });
    const mutation = fc.record({
      at: fc.nat({ max: text.length }),
      length: fc.nat({ max: 8 }),
      insert: fc.constantFrom('', '<', '>', '&', '"', '/', 'x', '<rpid:busy/>', '<foo xmlns="urn:x"/>', 'maybe', '-1', '</status>', '<!DOCTYPE x>'),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let damaged = text;
        for (const { at, length, insert } of mutations) damaged = damaged.slice(0, at) + insert + damaged.slice(at + length);
        try {
          const pidf = PIDF.parse(damaged);
          pidf.toXML();
        } catch (error) {
          if (!(error instanceof ParserError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
