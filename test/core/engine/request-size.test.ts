// serializedSize(): the RFC 3261 §18.1.1 size check counts what toBuffer() would write.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMessage, SIPRequest } from '../../../src/core/index.js';
import { serializedSize } from '../../../src/core/engine/request-sender.js';
import { newRequest } from './helpers.js';

describe('serializedSize', () => {
  it('equals the length of the serialized request for generated bodies and header values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (body, subject) => {
        const request = newRequest('MESSAGE', 'sip:bob@example.test', body);
        const value = subject.replace(/[\r\n]/g, ' ').trim();
        if (value !== '') request.setHeader('Subject', value);
        assert.equal(serializedSize(request), request.toBuffer().length);
      }),
    );
  });

  it('counts the Content-Length the serializer writes, not a stale one', () => {
    const request = newRequest('MESSAGE', 'sip:bob@example.test', 'héllo');
    request.setHeader('Content-Length', '1');
    assert.equal(serializedSize(request), request.toBuffer().length);
    const parsed = parseMessage(request.toBuffer()) as SIPRequest;
    assert.equal(parsed.contentLength, Buffer.byteLength('héllo'));
  });
});
