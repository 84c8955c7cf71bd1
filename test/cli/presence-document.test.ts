import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PIDF } from '../../src/payloads/pidf.js';
import { buildPresence, describeResource, summarizePresence } from '../../src/cli/presence-document.js';

test('the published document survives XML and reads back as the same summary', () => {
  const pidf = buildPresence('sip:alice@example.test', { status: 'open', note: 'In a meeting', activities: ['meeting', 'busy'], mood: ['happy'] });
  const xml = pidf.toXML();
  assert.match(xml, /urn:ietf:params:xml:ns:pidf:rpid/);
  const parsed = PIDF.parse(xml);
  assert.equal(summarizePresence(parsed), 'open, note "In a meeting", activities meeting busy, mood happy');
});

test('a closed status without note, activities or mood has no person element', () => {
  const pidf = buildPresence('sip:alice@example.test', { status: 'closed', note: undefined, activities: [], mood: [] });
  assert.doesNotMatch(pidf.toXML(), /person/);
  assert.equal(summarizePresence(PIDF.parse(pidf.toXML())), 'closed');
});

test('notes of the document, its tuples and persons are all shown once; no tuple is "no status"', () => {
  const xml = `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:bob@example.test">
  <dm:person id="p1"><dm:note>lunch</dm:note></dm:person>
  <note>away</note><note>lunch</note>
</presence>`;
  assert.equal(summarizePresence(PIDF.parse(xml)), 'no status, note "away", note "lunch"');
});

test('a resource line names the URI, the list name, the state and each document', () => {
  const pidf = buildPresence('sip:bob@example.test', { status: 'open', note: 'hi', activities: [], mood: [] });
  assert.equal(describeResource({ uri: 'sip:bob@example.test', name: 'Bob', state: 'active', pidf: [pidf] }), 'sip:bob@example.test (Bob): active: open, note "hi"');
  assert.equal(describeResource({ uri: 'sip:carol@example.test', name: undefined, state: 'pending', pidf: [] }), 'sip:carol@example.test: pending');
});
