import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Activities,
  AudioPlaceInformation,
  Class,
  Device,
  Mood,
  Other,
  Person,
  PIDF,
  PlaceIs,
  PlaceType,
  Privacy,
  Relationship,
  RPIDNote,
  ServiceClass,
  Sphere,
  StatusIcon,
  TimeOffset,
  Tuple,
  UserInput,
  DeviceID,
  DMNote,
} from '../../src/payloads/index.js';
import { RawElement } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';
import { RFC4480_EXAMPLE } from './fixtures/rfc4480-example.js';



/** The same document as python-sipsimple would need it normalised: instants in UTC, q-values with a decimal. */
function normalisedExample(): string {
  return RFC4480_EXAMPLE.replace('2004-10-21T13:20:00.000-05:00', '2004-10-21T18:20:00Z')
    .replace('2005-05-30T12:00:00+05:00', '2005-05-30T07:00:00Z')
    .replace('2005-05-30T17:00:00+05:00', '2005-05-30T12:00:00Z')
    .replace('2005-05-30T16:09:44+05:00', '2005-05-30T11:09:44Z');
}

describe('RPID (RFC 4480)', () => {
  const pidf = PIDF.parse(RFC4480_EXAMPLE);
  const person = pidf.itemsOf(Person)[0]!;

  it('section 4 example: parses every element into its typed class, nothing invalid', () => {
    assert.deepEqual(pidf.invalid, []);
    const activities = person.extension(Activities)!;
    assert.deepEqual(activities.values, ['away']);
    assert.equal(activities.notes[0]?.value, 'Far away');
    assert.equal(activities.from?.toISOString(), '2005-05-30T07:00:00.000Z');
    assert.equal(activities.until?.toISOString(), '2005-05-30T12:00:00.000Z');
    assert.equal(person.extension(Class)?.value, 'calendar');
    const mood = person.extension(Mood)!;
    assert.deepEqual(mood.values, ['angry']);
    assert.equal(mood.others[0]?.value, 'brooding');
    assert.equal(person.extension(PlaceIs)?.audio?.value, 'noisy');
    assert.deepEqual(person.extension(Privacy)?.values, ['unknown']);
    assert.equal(person.extension(StatusIcon)?.value, 'http://example.com/play.gif');
    assert.equal(person.extension(TimeOffset)?.value, -240);
    assert.equal(person.notes[0]?.value, 'Scoring 120');
  });

  it('does better than python-sipsimple on place-type, sphere and relationship', () => {
    const placeType = person.extension(PlaceType)!;
    assert.ok(placeType.extensions[0] instanceof RawElement);
    assert.equal((placeType.extensions[0] as RawElement).namespace, 'urn:ietf:params:xml:ns:location-type');
    assert.equal((placeType.extensions[0] as RawElement).name, 'residence');
    assert.equal(person.extension(Sphere)?.text, 'bowling league');
    const [self, assistant] = pidf.tuples.map((tuple) => tuple.extension(Relationship)?.values);
    assert.deepEqual(self, ['self']);
    assert.deepEqual(assistant, ['assistant']);
  });

  it('tuple and device elements', () => {
    const tuple = pidf.get('eg92n8') as Tuple;
    assert.equal(tuple.extension(Class)?.value, 'email');
    assert.deepEqual(tuple.extension(ServiceClass)?.values, ['electronic']);
    assert.equal(tuple.extension(DeviceID)?.value, 'urn:x-mac:0003ba4811e3');
    const device = pidf.itemsOf(Device)[0]!;
    const input = device.extension(UserInput)!;
    assert.equal(input.value, 'idle');
    assert.equal(input.idleThreshold, 600);
    assert.equal(input.lastInput?.toISOString(), '2004-10-21T18:20:00.000Z');
  });

  it('round-trips the section 4 example (instants written in UTC)', () => {
    assert.equal(canonicalXML(pidf.toXML({ pretty: true })), canonicalXML(normalisedExample()));
  });

  it('builds a person with RPID elements', () => {
    const person = new Person('p1', {
      extensions: [
        new Activities(['meeting', 'on-the-phone'], { notes: [new RPIDNote('Busy', 'en')], others: [new Other('coding')] }),
        new Mood(['happy']),
        new PlaceIs({ audio: new AudioPlaceInformation('quiet') }),
        new Sphere('work'),
        new TimeOffset(60, { description: 'CET' }),
        new UserInput('active', { idleThreshold: 300 }),
      ],
      notes: [new DMNote('at work')],
    });
    const built = new PIDF('sip:alice@example.com', [person]).toXML();
    const back = PIDF.parse(built).itemsOf(Person)[0]!;
    assert.deepEqual(back.extension(Activities)?.values, ['meeting', 'on-the-phone']);
    assert.equal(back.extension(Activities)?.others[0]?.value, 'coding');
    assert.deepEqual(back.extension(Sphere)?.values, ['work']);
    assert.equal(back.extension(Sphere)?.text, undefined);
    assert.equal(back.extension(TimeOffset)?.description, 'CET');
    assert.match(built, /<rpid:activities><rpid:note xml:lang="en">Busy<\/rpid:note><rpid:meeting\/><rpid:on-the-phone\/><rpid:other>coding<\/rpid:other><\/rpid:activities>/);
  });

  it('keeps an invalid RPID element as raw and reports it (never dropped, never a crash)', () => {
    const xml = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="pres:a@example.com">
      <dm:person id="p"><rpid:mood><rpid:ecstatic/></rpid:mood><rpid:user-input>sleepy</rpid:user-input><rpid:time-offset>x</rpid:time-offset></dm:person></presence>`;
    const pidf = PIDF.parse(xml);
    assert.deepEqual(pidf.invalid.map((i) => i.element.replace('{urn:ietf:params:xml:ns:pidf:rpid}', 'rpid:')), ['rpid:mood', 'rpid:user-input', 'rpid:time-offset']);
    assert.match(pidf.invalid[0]!.error.message, /ecstatic: not allowed in <mood>/);
    assert.match(pidf.invalid[1]!.error.message, /'sleepy' is not one of active, idle/);
    assert.ok(pidf.itemsOf(Person)[0]!.extensions.every((e) => e instanceof RawElement));
    assert.equal(canonicalXML(pidf.toXML()), canonicalXML(xml));
  });
});
