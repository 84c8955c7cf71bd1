import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import { MultipartPart, formatMultipart, generateBoundary, parseMultipart } from '../../../src/core/message/index.js';

// An RLS NOTIFY body in the shape of RFC 4662 §5.
const RLS = [
  'preamble to ignore',
  '--50UBfW7LSCVLtggUPe5z',
  'Content-Transfer-Encoding: binary',
  'Content-ID: <nXYxAE@pres.vancouver.example.com>',
  'Content-Type: application/rlmi+xml;charset="UTF-8"',
  '',
  '<list uri="sip:adam-friends@pres.vancouver.example.com" version="1" fullState="true"/>',
  '--50UBfW7LSCVLtggUPe5z',
  'Content-ID: <bUZBsM@pres.vancouver.example.com>',
  'Content-Type: application/pidf+xml;charset="UTF-8"',
  '',
  '<presence/>',
  '',
  '--50UBfW7LSCVLtggUPe5z--',
  'epilogue',
].join('\r\n');

describe('parseMultipart (RFC 2046 §5.1, RFC 4662 §5)', () => {
  it('splits parts with their headers and bodies', () => {
    const parts = parseMultipart(
      Buffer.from(RLS),
      'multipart/related;type="application/rlmi+xml";start="<nXYxAE@pres.vancouver.example.com>";boundary="50UBfW7LSCVLtggUPe5z"',
    );
    assert.equal(parts.length, 2);
    assert.equal(parts[0]!.contentId, 'nXYxAE@pres.vancouver.example.com');
    assert.equal(parts[0]!.contentType!.essence, 'application/rlmi+xml');
    assert.equal(parts[0]!.getHeader('content-transfer-encoding'), 'binary');
    assert.match(parts[0]!.body.toString(), /^<list .*\/>$/);
    assert.equal(parts[1]!.body.toString(), '<presence/>\r\n');
  });
  it('round-trips through formatMultipart', () => {
    const boundary = generateBoundary();
    const parts = [
      new MultipartPart([['Content-Type', 'text/plain']], Buffer.from('Hello')),
      new MultipartPart([], Buffer.from([0, 1, 2, 0x0d, 0x0a])),
    ];
    const back = parseMultipart(formatMultipart(parts, boundary), `multipart/mixed;boundary=${boundary}`);
    assert.equal(back.length, 2);
    assert.equal(back[0]!.body.toString(), 'Hello');
    assert.deepEqual(back[1]!.body, Buffer.from([0, 1, 2, 0x0d, 0x0a]));
    assert.deepEqual(back[1]!.headers, []);
  });
  it('throws ParserError for missing boundary, delimiter or close delimiter', () => {
    assert.throws(() => parseMultipart(Buffer.from('x'), 'multipart/mixed'), ParserError);
    assert.throws(() => parseMultipart(Buffer.from('x'), 'text/plain;boundary=a'), ParserError);
    assert.throws(() => parseMultipart(Buffer.from('no delimiter'), 'multipart/mixed;boundary=a'), ParserError);
    assert.throws(() => parseMultipart(Buffer.from('--a\r\nX: y\r\n\r\nbody'), 'multipart/mixed;boundary=a'), ParserError);
  });
});
