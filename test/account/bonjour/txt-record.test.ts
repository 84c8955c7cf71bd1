import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ParserError } from '../../../src/errors.js';
import {
  BonjourError,
  buildTXTRecord,
  MAX_TXT_STRING,
  parseTXTRecord,
  parseTXTStrings,
} from '../../../src/account/bonjour/index.js';

const text = (strings: Buffer[]): string[] => strings.map((item) => item.toString('utf8'));

describe('Bonjour TXT record (RFC 6763 §6)', () => {
  it('builds txtvers first, then the contact in angle brackets, name, instance id, state and note', () => {
    const strings = buildTXTRecord({
      contact: 'sip:lxzvgack@10.0.0.1:53024',
      displayName: 'Alice',
      instanceId: '4f2c6a5e-0d1b-4c7e-9a51-2d8c1b7f0e11',
      state: 'away',
      note: 'Back at 3',
    });
    assert.deepEqual(text(strings), [
      'txtvers=1',
      'contact=<sip:lxzvgack@10.0.0.1:53024>',
      'name=Alice',
      'instance_id=4f2c6a5e-0d1b-4c7e-9a51-2d8c1b7f0e11',
      'state=away',
      'note=Back at 3',
    ]);
  });

  it('leaves out what is not given', () => {
    assert.deepEqual(text(buildTXTRecord({ contact: 'sip:a@10.0.0.1' })), ['txtvers=1', 'contact=<sip:a@10.0.0.1>']);
  });

  it('rejects a string longer than 255 bytes, counting UTF-8 bytes', () => {
    const note = 'é'.repeat(126); // 252 bytes, plus "note=" is 257
    assert.throws(() => buildTXTRecord({ contact: 'sip:a@10.0.0.1', note }), (error: unknown) => error instanceof BonjourError && error.code === 'txt-too-long');
    const fits = 'x'.repeat(MAX_TXT_STRING - 'note='.length);
    assert.equal(buildTXTRecord({ contact: 'sip:a@10.0.0.1', note: fits }).at(-1)!.length, MAX_TXT_STRING);
  });

  it('reads keys case-insensitively, keeps the first occurrence, ignores empty keys, and gives true to keys without "="', () => {
    const entries = parseTXTStrings(['Contact=<sip:a@h>', 'contact=<sip:b@h>', '=orphan', '', 'flag', 'empty='].map((item) => Buffer.from(item)));
    assert.deepEqual([...entries], [
      ['contact', '<sip:a@h>'],
      ['flag', true],
      ['empty', ''],
    ]);
  });

  it('keeps "=" inside values', () => {
    assert.equal(parseTXTStrings([Buffer.from('note=a=b')]).get('note'), 'a=b');
  });

  it('reads a Bonjour record back: contact without brackets, name, instance id, presence', () => {
    const data = parseTXTRecord(buildTXTRecord({ contact: 'sip:u@10.1.2.3:5070;transport=tcp', displayName: 'Bob', state: 'busy', note: 'Call later' }));
    assert.deepEqual(data, {
      contact: 'sip:u@10.1.2.3:5070;transport=tcp',
      displayName: 'Bob',
      instanceId: undefined,
      state: 'busy',
      note: 'Call later',
    });
  });

  it('takes a contact without angle brackets', () => {
    assert.equal(parseTXTRecord([Buffer.from('contact=sip:u@10.1.2.3')]).contact, 'sip:u@10.1.2.3');
  });

  it('rejects a record without contact, or with an unknown txtvers, with a ParserError naming TXT', () => {
    for (const strings of [['txtvers=1', 'name=x'], ['txtvers=2', 'contact=<sip:a@h>'], ['contact=  ']]) {
      assert.throws(
        () => parseTXTRecord(strings.map((item) => Buffer.from(item))),
        (error: unknown) => error instanceof ParserError && error.element === 'TXT',
      );
    }
  });

  it('round-trips any values that fit (property)', () => {
    const value = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(fc.record({ user: fc.stringMatching(/^[a-z]{1,12}$/), displayName: value, state: value, note: value }), (input) => {
        const contact = `sip:${input.user}@10.0.0.1:5060`;
        const parsed = parseTXTRecord(buildTXTRecord({ contact, displayName: input.displayName, state: input.state, note: input.note }));
        assert.deepEqual(parsed, { contact, displayName: input.displayName, instanceId: undefined, state: input.state, note: input.note });
      }),
    );
  });

  it('turns any bytes into data or a ParserError, nothing else (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (strings) => {
        try {
          parseTXTRecord(strings);
        } catch (error) {
          assert.ok(error instanceof ParserError);
        }
      }),
    );
  });
});
