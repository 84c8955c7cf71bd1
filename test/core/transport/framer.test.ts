import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamFramer, type FrameEvent } from '../../../src/core/transport/framer.js';
import { FramingError } from '../../../src/core/transport/errors.js';

function message(headers: string[], body = ''): Buffer {
  const bodyBytes = Buffer.from(body, 'utf8');
  return Buffer.concat([
    Buffer.from(`OPTIONS sip:bob@example.com SIP/2.0\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'),
    bodyBytes,
  ]);
}

function withLength(body: string, extra: string[] = []): Buffer {
  return message(['Via: SIP/2.0/TCP host;branch=z9hG4bK1', ...extra, `Content-Length: ${Buffer.byteLength(body)}`], body);
}

function messages(events: FrameEvent[]): Buffer[] {
  return events.flatMap((event) => (event.type === 'message' ? [event.data] : []));
}

function feed(framer: StreamFramer, chunks: Buffer[]): FrameEvent[] {
  return chunks.flatMap((chunk) => framer.push(chunk));
}

function errorOf(events: FrameEvent[]): FramingError {
  const last = events.at(-1);
  assert.ok(last && last.type === 'error', `expected an error event, got ${JSON.stringify(events.map((e) => e.type))}`);
  assert.ok(last.error instanceof FramingError);
  return last.error;
}

describe('StreamFramer', () => {
  it('returns a message that arrives whole as a view of the chunk', () => {
    const data = withLength('hello');
    const events = new StreamFramer().push(data);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event?.type === 'message');
    assert.deepEqual(event.data, data);
    assert.equal(event.data.buffer, data.buffer);
  });

  it('splits packed messages and joins split ones, byte by byte', () => {
    const first = withLength('first body');
    const second = withLength('');
    const third = withLength('a\r\n\r\nbody with an empty line inside');
    const stream = Buffer.concat([first, second, third]);
    const framer = new StreamFramer();
    const events = feed(framer, [...stream].map((byte) => Buffer.from([byte])));
    assert.deepEqual(messages(events), [first, second, third]);
    assert.equal(framer.bufferedBytes, 0);
  });

  it('reads the compact form, any case, whitespace around the colon and folded values', () => {
    for (const header of ['l: 3', 'L:3', 'content-LENGTH  :   3  ', 'Content-Length:\r\n  3', 'Content-Length \t:\r\n\t 3\r\n ']) {
      const data = message(['Call-ID: a', header], 'abc');
      assert.deepEqual(messages(new StreamFramer().push(data)), [data], header);
    }
  });

  it('does not mistake other headers for Content-Length', () => {
    const data = message(['Lines: 99', 'Content-Language: en', 'X-Content-Length: 50', 'l: 2'], 'ab');
    assert.deepEqual(messages(new StreamFramer().push(data)), [data]);
  });

  it('accepts repeated equal Content-Length headers and refuses different ones', () => {
    const same = message(['Content-Length: 2', 'l: 2'], 'ab');
    assert.deepEqual(messages(new StreamFramer().push(same)), [same]);
    const error = errorOf(new StreamFramer().push(message(['Content-Length: 2', 'l: 3'], 'abc')));
    assert.equal(error.reason, 'invalid-content-length');
  });

  it('reports a message without Content-Length as a framing error and stops', () => {
    const framer = new StreamFramer();
    const events = framer.push(message(['Call-ID: x']));
    assert.equal(errorOf(events).reason, 'missing-content-length');
    assert.equal(framer.isFailed, true);
    assert.deepEqual(framer.push(withLength('')), []);
  });

  it('reports a malformed Content-Length value with the offset of its line', () => {
    const data = message(['Call-ID: x', 'Content-Length: 1x'], 'a');
    const error = errorOf(new StreamFramer().push(data));
    assert.equal(error.reason, 'invalid-content-length');
    assert.equal(error.offset, data.indexOf('Content-Length'));
  });

  it('refuses Content-Length values that are not a plain number', () => {
    for (const value of ['', '-1', '1 2', '0x10', '+3', '3;x']) {
      const error = errorOf(new StreamFramer().push(message([`Content-Length: ${value}`])));
      assert.equal(error.reason, 'invalid-content-length', JSON.stringify(value));
    }
  });

  it('reports a ping before a message in the same segment, then the message', () => {
    const data = withLength('after ping');
    const events = new StreamFramer().push(Buffer.concat([Buffer.from('\r\n\r\n'), data]));
    assert.deepEqual(events.map((e) => e.type), ['ping', 'message']);
    assert.deepEqual(messages(events), [data]);
  });

  it('bounds headers even when the empty line never comes', () => {
    const framer = new StreamFramer({ maxHeaderSize: 100 });
    const events = feed(framer, [Buffer.from('OPTIONS sip:a SIP/2.0\r\n'), Buffer.alloc(90, 0x61)]);
    assert.equal(errorOf(events).reason, 'headers-too-large');
    assert.equal(framer.bufferedBytes, 0);
  });

  it('bounds headers that arrive complete', () => {
    const data = withLength('', [`Subject: ${'x'.repeat(200)}`]);
    assert.equal(errorOf(new StreamFramer({ maxHeaderSize: 100 }).push(data)).reason, 'headers-too-large');
  });

  it('bounds the body by its Content-Length before reading it', () => {
    const error = errorOf(new StreamFramer({ maxBodySize: 10 }).push(message(['Content-Length: 99999999999999999999999'])));
    assert.equal(error.reason, 'body-too-large');
    assert.deepEqual(messages(new StreamFramer({ maxBodySize: 10 }).push(withLength('0123456789'))).length, 1);
  });

  it('reports a double CRLF as a ping and a single CRLF as a pong (RFC 5626 §3.5.1)', () => {
    assert.deepEqual(new StreamFramer().push(Buffer.from('\r\n\r\n')), [{ type: 'ping' }]);
    assert.deepEqual(new StreamFramer().push(Buffer.from('\r\n')), [{ type: 'pong' }]);
    const framer = new StreamFramer();
    assert.deepEqual(feed(framer, [Buffer.from('\r'), Buffer.from('\n')]), [{ type: 'pong' }]);
  });

  it('ignores CRLFs before a message', () => {
    const data = withLength('x');
    const events = new StreamFramer().push(Buffer.concat([Buffer.from('\r\n'), data]));
    assert.deepEqual(events.map((e) => e.type), ['message']);
    assert.deepEqual(messages(events), [data]);
  });

  it('gives back exactly the messages and pings for any split of the stream', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/).filter((name) => !/^(l|content-length)$/i.test(name));
    const header = fc.tuple(token, fc.stringMatching(/^[ -~]{0,40}$/)).map(([name, value]) => `${name}: ${value}`);
    const lengthHeader = fc.constantFrom('Content-Length: ', 'l:', 'content-length :  ', 'L:\r\n ', 'CONTENT-LENGTH:\t');
    const body = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes));
    const sipMessage = fc
      .tuple(fc.array(header, { maxLength: 6 }), lengthHeader, body, fc.nat({ max: 6 }))
      .map(([headers, name, bodyBytes, position]) => {
        const all = [...headers];
        all.splice(Math.min(position, all.length), 0, `${name}${bodyBytes.length}`);
        return Buffer.concat([Buffer.from(`MESSAGE sip:a@b SIP/2.0\r\n${all.join('\r\n')}\r\n\r\n`, 'latin1'), bodyBytes]);
      });
    const item = fc.oneof(
      { weight: 4, arbitrary: sipMessage.map((data) => ({ ping: false, data })) },
      { weight: 1, arbitrary: fc.constant({ ping: true, data: Buffer.from('\r\n\r\n') }) },
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }), (items, sizes) => {
        const stream = Buffer.concat(items.map((i) => i.data));
        const chunks: Buffer[] = [];
        for (let pos = 0, k = 0; pos < stream.length; k++) {
          const size = sizes[k % sizes.length]!;
          chunks.push(stream.subarray(pos, pos + size));
          pos += size;
        }
        const events = feed(new StreamFramer(), chunks);
        assert.deepEqual(messages(events), items.filter((i) => !i.ping).map((i) => i.data));
        assert.equal(events.filter((e) => e.type === 'ping').length, items.filter((i) => i.ping).length);
        assert.equal(events.some((e) => e.type === 'error'), false);
      }),
      { numRuns: 200 },
    );
  });

  it('turns random bytes into messages, keep-alives or one final framing error, never an exception', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      fc
        .array(fc.constantFrom('\r\n', 'Content-Length: 5', 'l:', ' ', 'INVITE sip:a SIP/2.0', 'abcde', '\r', '\n', '99'), { maxLength: 30 })
        .map((parts) => Buffer.from(parts.join(''), 'latin1')),
    );
    fc.assert(
      fc.property(fc.array(garbage, { maxLength: 5 }), (chunks) => {
        const framer = new StreamFramer({ maxHeaderSize: 256, maxBodySize: 128 });
        const events = feed(framer, chunks);
        const errorAt = events.findIndex((e) => e.type === 'error');
        assert.ok(errorAt === -1 || errorAt === events.length - 1);
        for (const event of events) {
          if (event.type === 'message') assert.ok(event.data.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
