import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Device, DeviceID, DMNote, DMTimestamp, Person, PIDF, Status, Tuple } from '../../src/payloads/index.js';
import { BuilderError, RawElement } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';
import { RFC4480_EXAMPLE } from './fixtures/rfc4480-example.js';

describe('presence data model (RFC 4479)', () => {
  it('persons, devices and tuple deviceIDs of the RFC 4480 section 4 example are bound to their classes', () => {
    const pidf = PIDF.parse(RFC4480_EXAMPLE);
    assert.equal(pidf.itemsOf(Person).length, 1);
    const device = pidf.itemsOf(Device)[0]!;
    assert.equal(device.id, 'pc147');
    assert.equal(device.deviceID.value, 'urn:device:0003ba4811e3');
    assert.equal(device.notes[0]?.value, 'PC');
    assert.equal(pidf.itemsOf(Person)[0]!.timestamp?.value.toISOString(), '2005-05-30T11:09:44.000Z');
    assert.equal(pidf.tuples[0]!.extension(DeviceID)?.value, 'urn:x-mac:0003ba4811e3');
  });

  it('writes tuples, then document notes, then persons and devices (RFC 3863 section 4.4 sequence)', () => {
    const pidf = new PIDF('sip:alice@example.com', [
      new Person('p1', { notes: [new DMNote('hi', 'en')], timestamp: new DMTimestamp(new Date(Date.UTC(2020, 0, 1))) }),
      new Tuple('t1', { status: new Status('closed'), extensions: [new DeviceID('urn:uuid:1')] }),
      new Device('d1', 'urn:uuid:1'),
    ]);
    const xml = pidf.toXML();
    assert.ok(xml.indexOf('<tuple') < xml.indexOf('<dm:person'));
    assert.ok(xml.indexOf('<dm:person') < xml.indexOf('<dm:device '));
    assert.equal(
      canonicalXML(xml),
      canonicalXML(`<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:alice@example.com">
        <tuple id="t1"><status><basic>closed</basic></status><dm:deviceID>urn:uuid:1</dm:deviceID></tuple>
        <dm:person id="p1"><dm:note xml:lang="en">hi</dm:note><dm:timestamp>2020-01-01T00:00:00Z</dm:timestamp></dm:person>
        <dm:device id="d1"><dm:deviceID>urn:uuid:1</dm:deviceID></dm:device></presence>`),
    );
  });

  it('a device without deviceID is kept as raw and reported', () => {
    const xml = '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:a@b"><dm:device id="d"/></presence>';
    const pidf = PIDF.parse(xml);
    assert.equal(pidf.invalid.length, 1);
    assert.match(pidf.invalid[0]!.error.message, /missing required child <deviceID>/);
    assert.ok(pidf[0] instanceof RawElement);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(xml));
  });

  it('refuses to build a person without id', () => {
    assert.throws(() => new PIDF('sip:a@b', [new Person(undefined as unknown as string)]).toXML(), BuilderError);
  });
});
