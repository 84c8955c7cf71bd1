import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Description,
  Device,
  DeviceCapabilities,
  EventPackages,
  Languages,
  Methods,
  Mobility,
  PIDF,
  Priority,
  PriorityRange,
  ServiceCapabilities,
  Status,
  Tuple,
} from '../../src/payloads/index.js';
import { BuilderError } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';

/** RFC 5196 section 5 (examples): service capabilities in a tuple, typed in from the RFC. */
const RFC5196_SERVCAPS = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:caps="urn:ietf:params:xml:ns:pidf:caps"
    entity="pres:someone@example.com">
  <tuple id="qoica9">
    <status>
      <basic>open</basic>
    </status>
    <caps:servcaps>
      <caps:audio>true</caps:audio>
      <caps:event-packages>
        <caps:supported>
          <caps:conference/>
          <caps:presence/>
        </caps:supported>
      </caps:event-packages>
      <caps:methods>
        <caps:supported>
          <caps:BYE/>
          <caps:INVITE/>
        </caps:supported>
        <caps:notsupported>
          <caps:REFER/>
        </caps:notsupported>
      </caps:methods>
      <caps:video>false</caps:video>
    </caps:servcaps>
    <contact>sip:someone@example.com</contact>
  </tuple>
</presence>`;

/** RFC 5196 section 5 (examples): device capabilities in a data-model device. */
const RFC5196_DEVCAPS = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
    xmlns:caps="urn:ietf:params:xml:ns:pidf:caps"
    entity="pres:someone@example.com">
  <dm:device id="mobile">
    <caps:devcaps>
      <caps:description xml:lang="en">Mobile phone</caps:description>
      <caps:mobility>
        <caps:supported>
          <caps:mobile/>
        </caps:supported>
      </caps:mobility>
    </caps:devcaps>
    <dm:deviceID>urn:esn:600b40c7</dm:deviceID>
  </dm:device>
</presence>`;

describe('caps (RFC 5196)', () => {
  it('section 5 servcaps example: booleans and feature sets', () => {
    const pidf = PIDF.parse(RFC5196_SERVCAPS);
    assert.deepEqual(pidf.invalid, []);
    const caps = pidf.tuples[0]!.extension(ServiceCapabilities)!;
    assert.equal(caps.audio, true);
    assert.equal(caps.video, false);
    assert.equal(caps.text, undefined);
    assert.deepEqual(caps.eventPackages?.supported?.values, ['conference', 'presence']);
    assert.deepEqual(caps.methods?.supported?.values, ['BYE', 'INVITE']);
    assert.deepEqual(caps.methods?.notSupported?.values, ['REFER']);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(RFC5196_SERVCAPS));
  });

  it('section 5 devcaps example: description and mobility in a device', () => {
    const pidf = PIDF.parse(RFC5196_DEVCAPS);
    assert.deepEqual(pidf.invalid, []);
    const caps = pidf.itemsOf(Device)[0]!.extension(DeviceCapabilities)!;
    assert.equal(caps.descriptions[0]?.value, 'Mobile phone');
    assert.deepEqual(caps.mobility?.supported?.values, ['mobile']);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(RFC5196_DEVCAPS));
  });

  it('builds servcaps in schema order with languages, priority and types', () => {
    const caps = new ServiceCapabilities({
      video: true,
      audio: true,
      methods: new Methods({ supported: ['INVITE', 'MESSAGE'] }),
      eventPackages: new EventPackages({ supported: ['presence'] }),
      languages: new Languages({ supported: ['en', 'nl'] }),
      priority: new Priority({ supported: [new PriorityRange(1, 5)] }),
      types: ['text/plain', 'message/cpim'],
      descriptions: [new Description('softphone', 'en')],
      isFocus: false,
    });
    const tuple = new Tuple('t', { status: new Status('open'), extensions: [caps] });
    const xml = new PIDF('sip:a@example.com', [tuple]).toXML();
    const order = ['audio', 'description', 'event-packages', 'isfocus', 'methods', 'languages', 'priority', 'type', 'video'].map((name) => xml.indexOf(`<caps:${name}`));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    const back = PIDF.parse(xml).tuples[0]!.extension(ServiceCapabilities)!;
    assert.deepEqual(back.languages?.supported?.values, ['en', 'nl']);
    assert.deepEqual(back.types, ['text/plain', 'message/cpim']);
    assert.equal((back.priority?.supported?.conditions[0] as PriorityRange).maxValue, 5);
    assert.equal(back.isFocus, false);
  });

  it('reports an invalid servcaps (unknown method token, non-boolean audio) and keeps it', () => {
    const xml = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:caps="urn:ietf:params:xml:ns:pidf:caps" entity="sip:a@b"><tuple id="t"><status/><caps:servcaps><caps:audio>maybe</caps:audio></caps:servcaps></tuple>
      <tuple id="u"><status/><caps:servcaps><caps:methods><caps:supported><caps:FROB/></caps:supported></caps:methods></caps:servcaps></tuple></presence>`;
    const pidf = PIDF.parse(xml);
    assert.equal(pidf.invalid.length, 2);
    assert.match(pidf.invalid[0]!.error.message, /audio: invalid boolean content/);
    assert.match(pidf.invalid[1]!.error.message, /FROB: not allowed in <supported>/);
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(xml));
  });

  it('refuses to build an unknown token', () => {
    const tuple = new Tuple('t', { extensions: [new ServiceCapabilities({ methods: new Methods({ supported: ['FROB' as 'INVITE'] }) })] });
    assert.throws(() => new PIDF('sip:a@b', [tuple]).toXML(), BuilderError);
    assert.ok(new Mobility({ notSupported: ['fixed'] }).notSupported?.values.includes('fixed'));
  });
});
