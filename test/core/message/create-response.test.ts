import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIPRequest, createResponse, parseMessage, reasonPhrase } from '../../../src/core/message/index.js';

const request = parseMessage(
  [
    'INVITE sip:bob@biloxi.com SIP/2.0',
    'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;received=192.0.2.1',
    'Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.com>',
    'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.com',
    'CSeq: 314159 INVITE',
    'Timestamp: 54',
    'Contact: <sip:alice@pc33.atlanta.com>',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
) as SIPRequest;

describe('createResponse (RFC 3261 §8.2.6)', () => {
  it('copies Via in order, From, To, Call-ID and CSeq, and adds the To tag', () => {
    const r = createResponse(request, 180, undefined, { toTag: 'a6c85cf' });
    assert.equal(r.status, 180);
    assert.equal(r.reason, 'Ringing');
    assert.deepEqual(r.getHeaders('via'), request.getHeaders('via'));
    assert.equal(r.getHeader('from'), request.getHeader('from'));
    assert.equal(r.to.tag, 'a6c85cf');
    assert.equal(r.to.displayName, 'Bob');
    assert.equal(r.callId, request.callId);
    assert.deepEqual(r.cseq, request.cseq);
    assert.ok(!r.hasHeader('contact'));
    assert.ok(!r.hasHeader('timestamp'));
    assert.ok(!r.hasHeader('max-forwards'));
  });
  it('keeps an existing To tag and copies Timestamp into 100 Trying', () => {
    const tagged = parseMessage(request.toString().replace('To: Bob <sip:bob@biloxi.com>', 'To: Bob <sip:bob@biloxi.com>;tag=old')) as SIPRequest;
    const r = createResponse(tagged, 100, undefined, { toTag: 'new' });
    assert.equal(r.to.tag, 'old');
    assert.equal(r.getHeader('timestamp'), '54');
    assert.equal(r.reason, 'Trying');
  });
  it('takes a custom reason phrase and serializes to a parseable response', () => {
    const r = createResponse(request, 486, 'Busy Right Now');
    const again = parseMessage(r.toString());
    assert.equal(again.toString(), r.toString());
    assert.ok(r.toString().startsWith('SIP/2.0 486 Busy Right Now\r\n'));
  });
  it('copies a malformed To unchanged (so that a 400 can still be sent)', () => {
    const bad = new SIPRequest('OPTIONS', 'sip:a@b', [['To', '"unterminated <sip:a@b>']]);
    assert.equal(createResponse(bad, 400, 'Malformed To Header Field', { toTag: 'x' }).getHeader('to'), '"unterminated <sip:a@b>');
  });
  it('has default reason phrases', () => {
    assert.equal(reasonPhrase(481), 'Call/Transaction Does Not Exist');
    assert.equal(reasonPhrase(499), 'Client Error');
    assert.equal(reasonPhrase(199), 'Early Dialog Terminated');
  });
});
