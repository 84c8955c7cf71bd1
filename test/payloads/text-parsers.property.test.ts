// Property tests of this part's non-XML parsers: the multipart splitter, media types and message summaries
// either give a result or raise ParserError, whatever the input; well-formed values round-trip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ParserError } from '../../src/errors.js';
import { MessageSummary } from '../../src/payloads/messagesummary.js';
import { RLSNotify, formatMediaType, joinMultipart, parseMediaType, splitMultipart } from '../../src/payloads/rlsnotify/index.js';

const token = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,11}$/);
const onlyParserErrors = (run: () => unknown): void => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ParserError)) throw error;
  }
};

describe('text parsers (property tests)', () => {
  it('multipart bodies split back into the parts they were joined from', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ id: token, body: fc.uint8Array({ maxLength: 64 }) }), { minLength: 1, maxLength: 6 }),
      (parts) => {
        const boundary = 'b0undary-x';
        const joined = joinMultipart(parts.map(({ id, body }) => ({ headers: [['Content-ID', `<${id}>`]] as Array<[string, string]>, body })), boundary);
        const split = splitMultipart(joined, boundary);
        assert.equal(split.length, parts.length);
        split.forEach((part, i) => {
          assert.equal(part.contentID, parts[i]!.id);
          assert.deepEqual([...part.body], [...parts[i]!.body]);
        });
      },
    ), { numRuns: 200 });
  });

  it('mutated RLS NOTIFY bodies give a notification or a ParserError', () => {
    const body = joinMultipart([
      { headers: [['Content-ID', '<root@x>'], ['Content-Type', 'application/rlmi+xml']], body: '<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="1" fullState="true"><resource uri="sip:a@x"><instance id="i" state="active" cid="a@x"/></resource></list>' },
      { headers: [['Content-ID', '<a@x>'], ['Content-Type', 'application/octet-stream']], body: 'state' },
    ], 'bnd');
    const type = 'multipart/related;type="application/rlmi+xml";start="<root@x>";boundary=bnd';
    fc.assert(fc.property(fc.nat(body.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(8), (at, byte, cut) => {
      const mutated = Buffer.from(body);
      mutated[at] = byte;
      onlyParserErrors(() => RLSNotify.parse(mutated.subarray(0, mutated.length - cut), type));
    }), { numRuns: 300 });
  });

  it('media types round-trip and arbitrary text never throws anything but ParserError', () => {
    fc.assert(fc.property(token, token, fc.array(fc.tuple(token, fc.string({ maxLength: 12 })), { maxLength: 4 }), (type, subtype, parameters) => {
      const unique = new Map(parameters);
      const parsed = parseMediaType(formatMediaType(`${type}/${subtype}`, unique));
      assert.equal(parsed.type, `${type}/${subtype}`);
      assert.deepEqual([...parsed.parameters], [...unique]);
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (text) => onlyParserErrors(() => parseMediaType(text))), { numRuns: 300 });
  });

  it('message summaries round-trip and arbitrary text gives a summary or a ParserError', () => {
    const count = fc.integer({ min: 0, max: 999_999_999 });
    fc.assert(fc.property(
      fc.boolean(),
      fc.array(fc.tuple(fc.constantFrom('voice-message', 'fax-message', 'text-message'), count, count, fc.option(fc.tuple(count, count), { nil: undefined })), { maxLength: 3 }),
      (waiting, lines) => {
        const summary = new MessageSummary(waiting, {
          messageAccount: 'sip:alice@example.com',
          summaries: lines.map(([name, fresh, old, urgent]) => [name, urgent === undefined
            ? { newMessages: fresh, oldMessages: old }
            : { newMessages: fresh, oldMessages: old, newUrgentMessages: urgent[0], oldUrgentMessages: urgent[1] }]),
        });
        const back = MessageSummary.parse(summary.encode());
        assert.equal(back.messagesWaiting, waiting);
        assert.deepEqual(back.summaries, summary.summaries);
      },
    ), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => onlyParserErrors(() => MessageSummary.parse(`Messages-Waiting: yes\r\n${text}`))), { numRuns: 300 });
  });
});
