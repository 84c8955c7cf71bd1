import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIPRequest, SIPResponse, parseMessage, validateRequest, validateResponse } from '../../../src/core/message/index.js';

const GOOD = [
  'MESSAGE sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: <sip:bob@biloxi.com>',
  'From: <sip:alice@atlanta.com>;tag=1',
  'Call-ID: abc',
  'CSeq: 1 MESSAGE',
  'Content-Type: text/plain',
  'Content-Length: 2',
  '',
  'hi',
].join('\r\n');

function check(text: string, options = {}) {
  return validateRequest(parseMessage(text) as SIPRequest, options);
}

describe('validateRequest (RFC 3261 §8.2)', () => {
  it('accepts a well-formed request', () => {
    assert.equal(check(GOOD), undefined);
    assert.equal(check(GOOD, { acceptedContentTypes: ['text/plain'], supportedExtensions: [] }), undefined);
  });
  it('names the fault in the reason phrase', () => {
    assert.deepEqual(check(GOOD.replace('Call-ID: abc\r\n', '')), { status: 400, reason: 'Missing Required Header Field Call-ID' });
    assert.deepEqual(check(GOOD.replace('Max-Forwards: 70', 'Max-Forwards: x')), { status: 400, reason: 'Malformed Max-Forwards Header Field' });
    assert.deepEqual(check(GOOD.replace('CSeq: 1 MESSAGE', 'CSeq: 1 INFO')), { status: 400, reason: 'CSeq Method Does Not Match Request Method' });
    assert.equal(check(GOOD.replace('Content-Length: 2', 'Content-Length: 3'))?.reason, 'Content-Length Larger Than Message');
  });
  it('answers 415 and 420 only when told what is supported', () => {
    assert.equal(check(GOOD, { acceptedContentTypes: ['application/sdp'] })?.status, 415);
    const withRequire = GOOD.replace('Call-ID: abc', 'Call-ID: abc\r\nRequire: foo, 100rel');
    assert.equal(check(withRequire), undefined);
    assert.deepEqual(check(withRequire, { supportedExtensions: ['100rel'] }), { status: 420, reason: 'Bad Extension', unsupported: ['foo'] });
  });
  it('answers 416 for unserved URI schemes and 505 for other versions', () => {
    assert.equal(check(GOOD.replace('sip:bob@biloxi.com SIP/2.0', 'im:bob@biloxi.com SIP/2.0'))?.status, 416);
    assert.equal(check(GOOD.replace('sip:bob@biloxi.com SIP/2.0', 'im:bob@biloxi.com SIP/2.0'), { uriSchemes: ['sip', 'im'] }), undefined);
    assert.equal(check(GOOD.replace(' SIP/2.0\r\n', ' SIP/3.0\r\n'))?.status, 505);
  });
  it('checks requests built in code too', () => {
    assert.equal(validateRequest(new SIPRequest('OPTIONS', 'sip:a@b'))?.reason, 'Missing Required Header Field To');
  });
});

describe('validateResponse (RFC 3261 §8.1.3.1)', () => {
  it('accepts a good response and names faults of bad ones', () => {
    const text = GOOD.replace('MESSAGE sip:bob@biloxi.com SIP/2.0', 'SIP/2.0 200 OK');
    assert.equal(validateResponse(parseMessage(text) as SIPResponse), undefined);
    assert.equal(validateResponse(parseMessage(text.replace('Call-ID: abc', 'Call-ID: abc\r\nRetry-After: x')) as SIPResponse), 'Malformed Retry-After Header Field');
    assert.equal(validateResponse(parseMessage(text.replace('Via: ', 'X-Via: ')) as SIPResponse), 'Missing Required Header Field Via');
  });
});
