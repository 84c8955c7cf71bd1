/**
 * The presence the CLI publishes and how it prints the presence it receives: a PIDF
 * document (RFC 3863) with one tuple (basic status and note) and, when activities or a
 * mood are given, a data-model person (RFC 4479 §3.2) with RPID `<activities>` and
 * `<mood>` (RFC 4480 §3.2, §3.5); and the one-line summary of a received document.
 */
import { randomBytes } from 'node:crypto';
import type { PresenceResource } from '../account/index.js';
import { Person } from '../payloads/datamodel.js';
import { Basic, Note, PIDF, Status, Tuple, type BasicValue } from '../payloads/pidf.js';
import { Activities, Mood, type ActivityValue, type MoodValue } from '../payloads/rpid.js';
import '../payloads/index.js';

/** What `publish-presence` publishes. */
export interface PresenceChoice {
  status: BasicValue;
  note: string | undefined;
  activities: ActivityValue[];
  mood: MoodValue[];
}

/** A token for element ids (XML ids must not start with a digit). */
function elementId(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** The PIDF document of `entity` (the account's address of record) for `choice`. */
export function buildPresence(entity: string, choice: PresenceChoice): PIDF {
  const notes = choice.note === undefined ? [] : [new Note(choice.note)];
  const tuple = new Tuple(elementId('t'), { status: new Status(new Basic(choice.status)), notes });
  const extensions: object[] = [];
  if (choice.activities.length > 0) extensions.push(new Activities(choice.activities));
  if (choice.mood.length > 0) extensions.push(new Mood(choice.mood));
  const items: object[] = [tuple];
  if (extensions.length > 0) items.push(new Person(elementId('p'), { extensions }));
  return new PIDF(entity, items);
}

/**
 * One line about a received PIDF document: the basic status of its tuples, its notes
 * (document, tuple and person notes), activities and mood, e.g.
 * `open, note "In a meeting", activities meeting, mood happy`.
 */
export function summarizePresence(pidf: PIDF): string {
  const tuples = pidf.tuples;
  const basics = [...new Set(tuples.map((tuple) => tuple.status.basic?.value).filter((value) => value !== undefined))];
  const persons = pidf.itemsOf(Person);
  const notes = [
    ...pidf.notes.map((note) => note.value),
    ...tuples.flatMap((tuple) => tuple.notes.map((note) => note.value)),
    ...persons.flatMap((person) => person.notes.map((note) => note.value)),
  ];
  const personExtensions = persons.flatMap((person) => person.extensions);
  const activities = personExtensions.filter((item): item is Activities => item instanceof Activities).flatMap((item) => [...item.values, ...item.others.map((other) => other.value)]);
  const moods = personExtensions.filter((item): item is Mood => item instanceof Mood).flatMap((item) => [...item.values, ...item.others.map((other) => other.value)]);
  const parts = [
    basics.length === 0 ? 'no status' : basics.join('/'),
    ...[...new Set(notes)].map((note) => `note ${JSON.stringify(note)}`),
    ...(activities.length === 0 ? [] : [`activities ${activities.join(' ')}`]),
    ...(moods.length === 0 ? [] : [`mood ${moods.join(' ')}`]),
  ];
  return parts.join(', ');
}

/** `sip:alice@example.test: active: open, note "..."` (or `: pending` without a document), the list's name in parentheses. */
export function describeResource(resource: PresenceResource): string {
  const name = resource.name === undefined ? '' : ` (${resource.name})`;
  const documents = resource.pidf.map((pidf) => summarizePresence(pidf));
  return `${resource.uri}${name}: ${resource.state}${documents.length === 0 ? '' : `: ${documents.join('; ')}`}`;
}
