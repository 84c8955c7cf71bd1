/**
 * The journal's operations: re-applying a journal on its own result changes
 * nothing (the basis of exactly-once replay, operations.ts), checked with random
 * journals; and the journal's storage round trip.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MemoryXCAPStorage } from '../../../src/storage/index.js';
import { applyOperation, emptyData, Journal, type Operation, type XCAPData } from '../../../src/xcap/manager/index.js';

const ids = fc.constantFrom('a', 'b', 'c');
const names = fc.constantFrom('x', 'y', 'z');
const handling = fc.record({ policy: fc.constantFrom('default', 'allow', 'block', 'confirm' as const), subscribe: fc.boolean() });
const uri = fc.record({ id: ids, uri: fc.constantFrom('sip:1@h', 'sip:2@h'), attributes: fc.constant({}) });

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ type: fc.constant('add-group' as const), group: fc.record({ id: ids, name: names, contactIds: fc.array(ids, { maxLength: 2 }), attributes: fc.constant({}) }) }),
  fc.record({ type: fc.constant('update-group' as const), id: ids, changes: fc.record({ name: names }) }),
  fc.record({ type: fc.constant('remove-group' as const), id: ids }),
  fc.record({
    type: fc.constant('add-contact' as const),
    contact: fc.record({ id: ids, name: names, uris: fc.array(uri, { maxLength: 2 }), presence: handling, dialog: handling, attributes: fc.constant({}) }),
  }),
  fc.record({ type: fc.constant('update-contact' as const), id: ids, changes: fc.record({ name: names, presence: handling }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('remove-contact' as const), id: ids }),
  fc.record({ type: fc.constant('add-contact-uri' as const), contactId: ids, uri }),
  fc.record({ type: fc.constant('update-contact-uri' as const), contactId: ids, uriId: ids, changes: fc.record({ uri: fc.constantFrom('sip:3@h', 'sip:4@h') }) }),
  fc.record({ type: fc.constant('remove-contact-uri' as const), contactId: ids, uriId: ids }),
  fc.record({ type: fc.constant('add-group-member' as const), groupId: ids, contactId: ids }),
  fc.record({ type: fc.constant('remove-group-member' as const), groupId: ids, contactId: ids }),
  fc.record({ type: fc.constant('add-presence-policy' as const), policy: fc.record({ id: ids, action: fc.constantFrom('allow', 'block' as const), identities: fc.array(fc.constantFrom('sip:1@h', 'sip:2@h'), { maxLength: 2 }) }) }),
  fc.record({ type: fc.constant('update-presence-policy' as const), id: ids, changes: fc.record({ action: fc.constantFrom('allow', 'confirm') }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('remove-presence-policy' as const), id: ids }),
  fc.record({ type: fc.constant('set-status-icon' as const), icon: fc.option(fc.record({ data: fc.constantFrom('AAAA', 'BBBB'), mimeType: fc.constant('image/png') }), { nil: null }) }),
);

function run(journal: readonly Operation[], start: XCAPData): XCAPData {
  const data = structuredClone(start);
  for (const item of journal) applyOperation(data, item);
  return data;
}

/**
 * A comparable view: plain JSON, and collections keyed by id in id order. Their
 * order is not part of the model (RFC 4745 §10 combines rules whatever their order;
 * contacts, groups and URIs are sets keyed by id): a replayed remove-then-add moves
 * an item to the end.
 */
function view(data: XCAPData): unknown {
  return JSON.parse(JSON.stringify(data), (_key, value: unknown) => {
    if (!Array.isArray(value)) return value;
    const keyed = value.every((item) => typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string');
    if (keyed) return [...value].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
    return value.every((item) => typeof item === 'string') ? [...value].sort() : value;
  });
}

describe('journal operations', () => {
  it('replaying a journal on its own result gives that result (apply(s, apply(s, x)) = apply(s, x))', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 6 }), fc.array(operation, { maxLength: 12 }), (setup, journal) => {
        const start = run(setup, emptyData());
        const once = run(journal, start);
        assert.deepEqual(view(run(journal, once)), view(once));
      }),
      { numRuns: 400 },
    );
  });

  it('adding a contact twice leaves one contact', () => {
    const add: Operation = { type: 'add-contact', contact: { id: 'x', name: 'X', uris: [], presence: { policy: 'default', subscribe: false }, dialog: { policy: 'default', subscribe: false }, attributes: {} } };
    assert.deepEqual(run([add, add], emptyData()).contacts.map((contact) => contact.id), ['x']);
  });

  it('keeps entries in storage until removed, with unique ids', async () => {
    const storage = new MemoryXCAPStorage();
    const journal = new Journal(storage);
    await journal.load();
    const added = await journal.append([{ type: 'remove-group', id: 'g' }, { type: 'remove-contact', id: 'c' }]);
    assert.notEqual(added[0]!.id, added[1]!.id);
    const reread = new Journal(storage);
    await reread.load();
    assert.deepEqual(reread.pending, added);
    await reread.remove([added[0]!.id]);
    const third = new Journal(storage);
    await third.load();
    assert.deepEqual(third.pending.map((entry) => entry.operation.type), ['remove-contact']);
  });
});
