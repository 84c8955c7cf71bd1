import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import { SIPRequest, SIPResponse, parseMessage } from '../../../src/core/message/index.js';

const INVITE = [
  'INVITE sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds, SIP/2.0/TCP proxy.example.com;branch=z9hG4bK1',
  'v: SIP/2.0/UDP third.example.com;branch=z9hG4bK2',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.com>',
  'f: "Alice, the first" <sip:alice@atlanta.com>;tag=1928301774',
  'i: a84b4c76e66710@pc33.atlanta.com',
  'CSeq: 314159 INVITE',
  'm: <sip:alice@pc33.atlanta.com>, "Quoted, comma" <sip:x@y.com;a=b>;q=0.5',
  'Subject: lunch, or not',
  'c: application/sdp',
  'l: 4',
  '',
  'v=0\r\n',
].join('\r\n');

describe('parseMessage', () => {
  it('parses a request line, compact forms and the body', () => {
    const m = parseMessage(INVITE);
    assert.ok(m instanceof SIPRequest);
    assert.equal(m.method, 'INVITE');
    assert.equal(m.uri.toString(), 'sip:bob@biloxi.com');
    assert.equal(m.getHeader('Call-ID'), 'a84b4c76e66710@pc33.atlanta.com');
    assert.equal(m.getHeader('I'), 'a84b4c76e66710@pc33.atlanta.com');
    assert.equal(m.getHeader('content-type'), 'application/sdp');
    assert.equal(m.body.toString(), 'v=0\r');
    assert.equal(m.contentLength, 4);
  });

  it('splits comma lists only where the grammar has lists', () => {
    const m = parseMessage(INVITE);
    assert.deepEqual(m.getHeaders('via').length, 3);
    assert.equal(m.getHeader('Via'), 'SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds');
    assert.deepEqual(m.getHeaders('Contact'), [
      '<sip:alice@pc33.atlanta.com>',
      '"Quoted, comma" <sip:x@y.com;a=b>;q=0.5',
    ]);
    assert.deepEqual(m.getHeaders('Subject'), ['lunch, or not']);
    assert.equal(m.getHeader('From'), '"Alice, the first" <sip:alice@atlanta.com>;tag=1928301774');
    assert.deepEqual(m.getHeaders('X-Missing'), []);
    assert.equal(m.getHeader('X-Missing'), undefined);
    assert.ok(m.hasHeader('T'));
  });

  it('parses responses, with and without a reason phrase', () => {
    const r = parseMessage('SIP/2.0 486 Busy Here\r\nCall-ID: x\r\n\r\n');
    assert.ok(r instanceof SIPResponse);
    assert.equal(r.status, 486);
    assert.equal(r.reason, 'Busy Here');
    const e = parseMessage('SIP/2.0 200\r\n\r\n') as SIPResponse;
    assert.equal(e.status, 200);
    assert.equal(e.reason, '');
  });

  it('unfolds continuation lines and trims arbitrary whitespace', () => {
    const m = parseMessage('OPTIONS sip:a@b SIP/2.0\r\nSubject  :\t  one\r\n   two\r\n\tthree  \r\n\r\n');
    assert.equal(m.getHeader('subject'), 'one two three');
  });

  it('accepts bare LF line ends and ignores CRLFs before the start line', () => {
    const m = parseMessage('\r\n\r\nOPTIONS sip:a@b SIP/2.0\nCall-ID: abc\nContent-Length: 2\n\nhi');
    assert.equal(m.getHeader('call-id'), 'abc');
    assert.equal(m.body.toString(), 'hi');
  });

  it('takes the rest as body without Content-Length, and stops at Content-Length otherwise', () => {
    assert.equal(parseMessage('MESSAGE sip:a@b SIP/2.0\r\n\r\nhello').body.toString(), 'hello');
    assert.equal(parseMessage('MESSAGE sip:a@b SIP/2.0\r\nl: 3\r\n\r\nhello').body.toString(), 'hel');
  });

  it('keeps the body bytes exact', () => {
    const head = Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\n');
    const body = Buffer.from([0, 0xff, 0x0d, 0x0a]);
    const m = parseMessage(Buffer.concat([head, body]));
    assert.deepEqual(m.body, body);
    assert.deepEqual(m.toBuffer(), Buffer.concat([head, body]));
  });

  it('keeps repeated and unknown header fields in order', () => {
    const m = parseMessage('FOO sip:a@b SIP/2.0\r\nX-A: 1\r\nX-B: 2\r\nx-a: 3\r\n\r\n');
    assert.equal(m.getHeader('x-a'), '1');
    assert.deepEqual(m.getHeaders('X-A'), ['1', '3']);
    assert.deepEqual(
      m.headerFields.map((f) => f.name),
      ['X-A', 'X-B', 'x-a'],
    );
  });

  const failures: Array<[string, string, RegExp, number | undefined]> = [
    ['empty input', '\r\n\r\n', /empty message/, 1],
    ['no empty line', 'OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n', /no empty line/, undefined],
    ['header without colon', 'OPTIONS sip:a@b SIP/2.0\r\nCall-ID x\r\n\r\n', /without ":"/, 2],
    ['bad header name', 'OPTIONS sip:a@b SIP/2.0\r\nCall ID: x\r\n\r\n', /bad character in header field name/, 2],
    ['empty header name', 'OPTIONS sip:a@b SIP/2.0\r\n: x\r\n\r\n', /empty header field name/, 2],
    ['continuation first', 'OPTIONS sip:a@b SIP/2.0\r\n x\r\n\r\n', /continuation line/, 2],
    ['request line without version', 'OPTIONS sip:a@b\r\n\r\n', /SIP-Version/, 1],
    ['bad version', 'OPTIONS sip:a@b HTTP/1.1\r\n\r\n', /bad SIP version/, 1],
    ['bad method', 'OPT[IONS sip:a@b SIP/2.0\r\n\r\n', /bad character in method/, 1],
    ['bad status', 'SIP/2.0 2000 OK\r\n\r\n', /bad status code/, 1],
    ['status out of range', 'SIP/2.0 099 Low\r\n\r\n', /bad status code/, 1],
  ];
  for (const [what, text, message, line] of failures) {
    it(`throws a ParserError for ${what}`, () => {
      assert.throws(
        () => parseMessage(text),
        (e: unknown) => e instanceof ParserError && message.test(e.message) && e.line === line,
      );
    });
  }
});

describe('SIPMessage serialization and edits', () => {
  it('reuses the received bytes while unchanged', () => {
    const m = parseMessage(INVITE);
    // Content-Length 4 leaves out the final LF, which is not part of the message.
    assert.equal(m.toString(), INVITE.slice(0, -1));
  });

  it('rebuilds after an edit and writes Content-Length from the body', () => {
    const m = parseMessage(INVITE);
    m.body = 'v=0\r\no=-\r\n';
    assert.equal(m.contentLength, 10);
    const text = m.toString();
    assert.match(text, /\r\nl: 10\r\n/);
    assert.ok(text.endsWith('\r\n\r\nv=0\r\no=-\r\n'));
    assert.equal(parseMessage(text).body.toString(), 'v=0\r\no=-\r\n');
  });

  it('sets, adds (first or last) and removes header fields', () => {
    const m = parseMessage(INVITE);
    m.addHeader('Via', 'SIP/2.0/UDP top.example.com;branch=z9hG4bKtop', { first: true });
    assert.equal(m.via[0]!.host, 'top.example.com');
    assert.equal(m.via.length, 4);
    m.addHeader('Route', '<sip:p1.example.com;lr>');
    m.addHeader('Route', '<sip:p2.example.com;lr>');
    assert.deepEqual(
      m.route.map((r) => r.uri.toString()),
      ['sip:p1.example.com;lr', 'sip:p2.example.com;lr'],
    );
    m.setHeader('Max-Forwards', 69);
    assert.equal(m.maxForwards, 69);
    m.setHeader('Supported', ['100rel', 'timer']);
    assert.deepEqual(m.supported, ['100rel', 'timer']);
    assert.ok(m.removeHeader('subject'));
    assert.ok(!m.removeHeader('subject'));
    const again = parseMessage(m.toString());
    assert.equal(again.via.length, 4);
    assert.equal(again.maxForwards, 69);
    assert.equal(again.getHeader('subject'), undefined);
  });

  it('refuses header values with line breaks', () => {
    const m = new SIPRequest('OPTIONS', 'sip:a@b');
    assert.throws(() => m.setHeader('Subject', 'a\r\nVia: evil'), ParserError);
  });

  it('builds requests and responses from parts', () => {
    const r = new SIPRequest('MESSAGE', 'sip:bob@example.com', [
      ['Call-ID', 'abc'],
      ['Content-Type', 'text/plain'],
    ], 'hi');
    assert.equal(
      r.toString(),
      'MESSAGE sip:bob@example.com SIP/2.0\r\nCall-ID: abc\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi',
    );
    const s = new SIPResponse(404);
    assert.equal(s.toString(), 'SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    s.status = 410;
    s.reason = 'Gone Away';
    assert.ok(s.toString().startsWith('SIP/2.0 410 Gone Away\r\n'));
  });

  it('rebuilds after the start line changes', () => {
    const m = parseMessage(INVITE) as SIPRequest;
    m.method = 'ACK';
    assert.ok(m.toString().startsWith('ACK sip:bob@biloxi.com SIP/2.0\r\n'));
  });
});

describe('parseMessage line-break hygiene', () => {
  it('rejects a bare CR inside a header line', () => {
    assert.throws(
      () => parseMessage('OPTIONS sip:a@b SIP/2.0\r\nSubject: a\rVia: x\r\n\r\n'),
      (e: unknown) => e instanceof ParserError && /CR not followed by LF/.test(e.message) && e.line === 2,
    );
  });
  it('keeps the body of an edited message', () => {
    const m = parseMessage('MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5\r\n\r\nhello');
    m.setHeader('Subject', 'x');
    assert.equal(m.toString(), 'MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 5\r\nSubject: x\r\n\r\nhello');
    assert.equal(parseMessage(m.toBuffer()).body.toString(), 'hello');
  });
});

describe('parseMessage on large inputs', () => {
  it('parses thousands of LF-terminated header lines and URI parameters in one pass', () => {
    const lines = ['OPTIONS sip:a@b.example' + ';p'.repeat(5000) + ' SIP/2.0'];
    for (let i = 0; i < 5000; i++) lines.push(`X-H${i}: value ${i}`);
    const m = parseMessage(lines.join('\n') + '\n\n') as SIPRequest;
    assert.equal(m.headerFields.length, 5000);
    assert.equal(m.getHeader('x-h4999'), 'value 4999');
    assert.ok(m.uri.kind === 'sip' && m.uri.params.size === 5000);
  });
});
