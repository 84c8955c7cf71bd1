// singleLineReason(): fault descriptions made short, single-line reason phrases (RFC 3261 §25.1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_REASON_LENGTH, singleLineReason } from '../../../src/core/engine/reason-text.js';
import { parseMessage, type SIPResponse } from '../../../src/core/index.js';

describe('singleLineReason', () => {
  it('keeps a short phrase as it is', () => {
    assert.equal(singleLineReason('Malformed To Header Field'), 'Malformed To Header Field');
  });

  it('turns control characters into single spaces and cuts long text', () => {
    assert.equal(singleLineReason('bad\r\nvalue\t\x00 here'), 'bad value here');
    const long = singleLineReason('x'.repeat(500));
    assert.equal(long.length, MAX_REASON_LENGTH);
    assert.ok(long.endsWith('...'));
  });

  it('always gives a phrase that a status line can carry', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const reason = singleLineReason(text);
        assert.ok(reason.length <= MAX_REASON_LENGTH);
        assert.doesNotMatch(reason, /[\u0000-\u001f\u007f]/);
        const response = parseMessage(`SIP/2.0 400 ${reason}\r\nContent-Length: 0\r\n\r\n`) as SIPResponse;
        assert.equal(response.reason, reason);
      }),
    );
  });
});
