import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import { AbsoluteURI, Params, TelURI, isSIPURI, parseURI } from '../../../src/core/uri/index.js';

describe('TelURI (RFC 3966)', () => {
  it('parses a global number with parameters', () => {
    const uri = parseURI('tel:+1-201-555-0123;ext=1234;isub=5');
    assert.ok(uri instanceof TelURI);
    assert.equal(uri.isGlobal, true);
    assert.equal(uri.digits, '+12015550123');
    assert.equal(uri.params.get('ext'), '1234');
    assert.equal(uri.toString(), 'tel:+1-201-555-0123;ext=1234;isub=5');
  });
  it('parses a local number with phone-context', () => {
    const uri = TelURI.parse('tel:7042;phone-context=example.com');
    assert.equal(uri.isGlobal, false);
    assert.equal(uri.params.get('phone-context'), 'example.com');
  });
  it('compares ignoring visual separators', () => {
    assert.ok(TelURI.parse('tel:+1-201-555-0123').equals(TelURI.parse('tel:+1.201.555.0123')));
    assert.ok(!TelURI.parse('tel:+12015550123').equals(TelURI.parse('tel:+12015550124')));
  });
  it('rejects a number without digits', () => {
    assert.throws(() => TelURI.parse('tel:+-'), ParserError);
    assert.throws(() => TelURI.parse('tel:12 34'), ParserError);
  });
});

describe('AbsoluteURI', () => {
  it('keeps other schemes opaque', () => {
    const uri = parseURI('soap.beep://192.0.2.103:3002');
    assert.ok(uri instanceof AbsoluteURI);
    assert.equal(uri.scheme, 'soap.beep');
    assert.equal(uri.rest, '//192.0.2.103:3002');
    assert.equal(uri.toString(), 'soap.beep://192.0.2.103:3002');
    assert.ok(!isSIPURI(uri));
    assert.equal(parseURI('URN:uuid:f81d4fae').scheme, 'urn');
  });
  for (const bad of ['<sip:a@b>', 'nocolon', '1abc:x', 'im:', 'x:a b', ':x']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseURI(bad), ParserError));
  }
});

describe('Params', () => {
  it('is ordered, case-insensitive and tracks valueless parameters', () => {
    const params = new Params([
      ['Transport', 'tcp'],
      ['lr', null],
    ]);
    assert.equal(params.get('transport'), 'tcp');
    assert.equal(params.get('LR'), null);
    assert.equal(params.get('x'), undefined);
    assert.ok(params.has('lr'));
    params.set('TRANSPORT', 'udp');
    params.append('x', '1');
    params.append('x', '2');
    assert.equal(params.toString(), ';Transport=udp;lr;x=1;x=2');
    assert.ok(params.delete('x'));
    assert.ok(!params.delete('x'));
    assert.equal(params.size, 2);
    assert.deepEqual([...params].map((p) => p.name), ['Transport', 'lr']);
  });
  it('counts changes in version', () => {
    const params = new Params();
    const v = params.version;
    params.set('a', '1');
    assert.ok(params.version > v);
  });
});
