import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { headerKey, isListHeader, splitChallenges, splitList } from '../../../src/core/message/index.js';

describe('headerKey (RFC 3261 §7.3.3 compact forms)', () => {
  const compact: Record<string, string> = {
    f: 'from',
    t: 'to',
    v: 'via',
    i: 'call-id',
    m: 'contact',
    l: 'content-length',
    c: 'content-type',
    k: 'supported',
    s: 'subject',
    o: 'event',
    u: 'allow-events',
    e: 'content-encoding',
    r: 'refer-to',
    b: 'referred-by',
  };
  for (const [letter, full] of Object.entries(compact)) {
    it(`${letter} and ${letter.toUpperCase()} mean ${full}`, () => {
      assert.equal(headerKey(letter), full);
      assert.equal(headerKey(letter.toUpperCase()), full);
    });
  }
  it('ignores case of full names and keeps unknown names', () => {
    assert.equal(headerKey('CALL-ID'), 'call-id');
    assert.equal(headerKey('X-Custom'), 'x-custom');
    assert.equal(headerKey('q'), 'q');
  });
  it('knows which header fields are comma lists', () => {
    assert.ok(isListHeader('via'));
    assert.ok(isListHeader('contact'));
    assert.ok(!isListHeader('subject'));
    assert.ok(!isListHeader('from'));
    assert.ok(!isListHeader('www-authenticate'));
  });
});

describe('splitList (RFC 3261 §7.3.1)', () => {
  it('splits at commas outside quotes, angle brackets and comments', () => {
    assert.deepEqual(splitList('"a, \\"b," <sip:x@y;p=a,b>;q=1, <sip:z@w> (c, d), e'), [
      '"a, \\"b," <sip:x@y;p=a,b>;q=1',
      '<sip:z@w> (c, d)',
      'e',
    ]);
  });
  it('keeps empty elements so that extraneous separators can be seen', () => {
    assert.deepEqual(splitList('a,,b, '), ['a', '', 'b', '']);
    assert.deepEqual(splitList('single'), ['single']);
  });
  it('splits challenges only where a new scheme starts', () => {
    assert.deepEqual(splitChallenges('Digest realm="a", nonce="b,c", Digest realm = "d"'), ['Digest realm="a", nonce="b,c"', 'Digest realm = "d"']);
    assert.deepEqual(splitChallenges('Basic realm="x", Newauth realm="y", title="Login"'), ['Basic realm="x"', 'Newauth realm="y", title="Login"']);
  });
});
