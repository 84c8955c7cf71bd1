// Build a rich presence document (PIDF with RPID), serialize it, and parse it back.
// Run: node --import tsx examples/pidf.ts
import { Activities, Basic, Mood, Note, PIDF, Person, Status, Tuple } from 'sipsimple/payloads';

const document = new PIDF('sip:alice@example.test', [
  new Tuple('phone', { status: new Status(new Basic('open')) }),
  new Person('alice', { extensions: [new Activities(['meeting']), new Mood(['happy'])] }),
], [new Note('In a meeting until 3')]);

const xml = document.toXML({ pretty: true });
console.log(xml);

const parsed = PIDF.parse(xml);
const person = parsed.itemsOf(Person)[0]!;
console.log(`basic: ${parsed.tuples[0]!.status?.basic?.value}`);
console.log(`activities: ${person.extension(Activities)?.values.join(', ')}; mood: ${person.extension(Mood)?.values.join(', ')}`);
console.log(`note: ${parsed.notes[0]?.value}`);
