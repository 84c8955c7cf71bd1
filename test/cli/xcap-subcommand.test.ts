// The argument checks and lookups the `xcap` subcommands share, and the image sniffing of `xcap icon set`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageTypeOf } from '../../src/cli/commands/xcap-icon.js';
import { fieldsLine, findContact, findGroup, sipURIArgument } from '../../src/cli/commands/xcap-subcommand.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { Addressbook, Contact, ContactURI, Group } from '../../src/xcap/index.js';

const bob = new Contact('b1', 'Bob', [new ContactURI('u1', 'sip:bob@example.test'), new ContactURI('u2', 'sip:robert@example.test')]);
const twinA = new Contact('t1', 'Twin', [new ContactURI('u3', 'sip:a@example.test')]);
const twinB = new Contact('t2', 'Twin', [new ContactURI('u4', 'sip:b@example.test')]);
const addressbook = new Addressbook([bob, twinA, twinB], [new Group('g1', 'Friends', [bob]), new Group('g2', 'Dup'), new Group('g3', 'Dup')]);

test('sipURIArgument adds sip: and refuses what is no SIP address', () => {
  assert.equal(sipURIArgument('bob@example.test', 'URI'), 'sip:bob@example.test');
  assert.equal(sipURIArgument('SIPS:bob@example.test', 'URI'), 'sips:bob@example.test');
  assert.equal(sipURIArgument('sip:bob@example.test;transport=tcp', 'URI'), 'sip:bob@example.test;transport=tcp');
  for (const bad of ['bob', '', 'bob@', '@example.test', 'bob@example.test extra', '<sip:bob@example.test>', 'mailto:bob@example.test']) {
    assert.throws(() => sipURIArgument(bad, '--uri'), (error: Error) => error instanceof UsageError && error.message.startsWith('--uri must be a SIP address'), bad);
  }
});

test('findContact by id, by any URI (with or without sip:, any case), by a unique name', () => {
  assert.equal(findContact(addressbook, 'b1'), bob);
  assert.equal(findContact(addressbook, 'robert@example.test'), bob);
  assert.equal(findContact(addressbook, 'sip:BOB@example.test'), bob);
  assert.equal(findContact(addressbook, 'Bob'), bob);
  assert.equal(findContact(addressbook, 'a@example.test'), twinA);
  assert.throws(() => findContact(addressbook, 'Twin'), /CONTACT "Twin" names 2 contacts \(t1, t2\): give the id/);
  assert.throws(() => findContact(addressbook, 'carol@example.test'), /CONTACT "carol@example\.test" is no contact's id, URI or name/);
});

test('findGroup by id or unique name', () => {
  assert.equal(findGroup(addressbook, 'g1').name, 'Friends');
  assert.equal(findGroup(addressbook, 'Friends').id, 'g1');
  assert.throws(() => findGroup(addressbook, 'Dup'), /GROUP "Dup" names 2 groups \(g2, g3\): give the id/);
  assert.throws(() => findGroup(addressbook, 'Family'), /GROUP "Family" is no group's id or name/);
});

test('fieldsLine separates fields by tabs and escapes control characters inside them', () => {
  assert.equal(fieldsLine(['a', 'b c', '']), 'a\tb c\t');
  assert.equal(fieldsLine(['x\ty', 'z\u001b[2J']), 'x\\u0009y\tz\\u001b[2J');
});

test('imageTypeOf knows PNG, GIF and JPEG by their signatures only', () => {
  assert.equal(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png');
  assert.equal(imageTypeOf(Buffer.from('GIF89a....')), 'image/gif');
  assert.equal(imageTypeOf(Buffer.from('GIF87a')), 'image/gif');
  assert.equal(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(imageTypeOf(Buffer.from('<svg/>')), undefined);
  assert.equal(imageTypeOf(Buffer.alloc(0)), undefined);
});
