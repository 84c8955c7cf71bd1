// Property tests (fast-check): round trips of generated valid messages, and
// random byte mutations that may only ever give a message or a ParserError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParserError } from '../../../src/errors.js';
import {
  SIPRequest,
  SIPResponse,
  parseMessage,
  parseMultipart,
  validateRequest,
  validateResponse,
  type SIPMessage,
} from '../../../src/core/message/index.js';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TOKEN_CHARS = ALNUM + "-.!%*_+`'~";

const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
const token = chars(TOKEN_CHARS, 1, 12);
const lower = chars('abcdefghijklmnopqrstuvwxyz0123456789', 1, 10);
const hostName = fc.array(lower, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.') + '.example');
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ipv6 = fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([a, b]) => `[2001:db8::${a.toString(16)}:${b.toString(16)}]`);
const host = fc.oneof(hostName, ipv4, ipv6);
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const param = fc.tuple(lower, fc.option(chars(ALNUM + '-_.', 1, 8), { nil: null }));
const params = fc.array(param, { maxLength: 3 }).map((ps) => ps.map(([n, v]) => (v === null ? `;${n}` : `;${n}=${v}`)).join(''));
const sipUri = fc
  .record({
    scheme: fc.constantFrom('sip', 'sips'),
    user: fc.option(chars(ALNUM + "-_.!~*'&=+$,?/", 1, 10), { nil: undefined }),
    host,
    port,
    params,
  })
  .map((u) => `${u.scheme}:${u.user === undefined ? '' : u.user + '@'}${u.host}${u.port === undefined ? '' : ':' + u.port}${u.params}`);
const printable = chars(ALNUM + ' !#$%&\'()*+,-./:;<=>?@[]^_`{|}~"\\é€', 0, 20);
const displayName = fc.option(
  fc.oneof(
    printable.map((t) => '"' + t.replace(/["\\]/g, '\\$&') + '" '),
    fc.array(token, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ') + ' '),
  ),
  { nil: undefined },
);
const nameAddr = fc.tuple(displayName, sipUri).map(([d, u]) => `${d ?? ''}<${u}>`);
const via = fc
  .tuple(fc.constantFrom('UDP', 'TCP', 'TLS', 'WS', 'WSS'), host, port, token)
  .map(([t, h, p, b]) => `SIP/2.0/${t} ${h}${p === undefined ? '' : ':' + p};branch=z9hG4bK${b}`);
const extension = fc.tuple(
  token.filter((n) => n.length > 1),
  printable.map((v) => v.trim()),
);
const body = chars(ALNUM + ' \r\n=<>/', 0, 60);

interface Generated {
  text: string;
  tag: string;
  callId: string;
  seq: number;
  method: string;
  vias: number;
}

const message: fc.Arbitrary<Generated> = fc
  .record({
    request: fc.boolean(),
    method: fc.oneof(fc.constantFrom('INVITE', 'REGISTER', 'MESSAGE', 'SUBSCRIBE'), token),
    uri: sipUri,
    status: fc.integer({ min: 100, max: 699 }),
    reason: printable.map((r) => r.trim()),
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: nameAddr,
    to: nameAddr,
    tag: token,
    callId: fc.tuple(token, fc.option(token, { nil: undefined })).map(([a, b]) => (b === undefined ? a : `${a}@${b}`)),
    seq: fc.nat(0xffffffff),
    contacts: fc.array(nameAddr, { maxLength: 2 }),
    extensions: fc.array(extension, { maxLength: 4 }),
    body,
    compact: fc.boolean(),
  })
  .map((g) => {
    const lines = [g.request ? `${g.method} ${g.uri} SIP/2.0` : `SIP/2.0 ${g.status} ${g.reason}`];
    for (const v of g.vias) lines.push(`${g.compact ? 'v' : 'Via'}: ${v}`);
    lines.push(`${g.compact ? 'f' : 'From'}: ${g.from};tag=${g.tag}`);
    lines.push(`To: ${g.to}`);
    lines.push(`${g.compact ? 'i' : 'Call-ID'}: ${g.callId}`);
    lines.push(`CSeq: ${g.seq} ${g.method}`);
    lines.push('Max-Forwards: 70');
    if (g.contacts.length > 0) lines.push(`Contact: ${g.contacts.join(', ')}`);
    for (const [name, value] of g.extensions) lines.push(`X-${name}: ${value}`);
    lines.push(`Content-Length: ${Buffer.byteLength(g.body)}`);
    const text = lines.join('\r\n') + '\r\n\r\n' + g.body;
    return { text, tag: g.tag, callId: g.callId, seq: g.seq, method: g.method, vias: g.vias.length };
  });

const GETTERS = [
  'via',
  'from',
  'to',
  'callId',
  'cseq',
  'contact',
  'route',
  'recordRoute',
  'path',
  'serviceRoute',
  'maxForwards',
  'contentLength',
  'expires',
  'minExpires',
  'contentType',
  'event',
  'allowEvents',
  'subscriptionState',
  'supported',
  'require',
  'allow',
  'accept',
  'wwwAuthenticate',
  'proxyAuthenticate',
  'authorization',
  'proxyAuthorization',
  'sipETag',
  'sipIfMatch',
  'retryAfter',
  'reasons',
  'referTo',
  'referredBy',
  'replaces',
  'userAgent',
  'server',
  'warning',
] as const;

/** Runs `f`; any exception other than ParserError fails the property. */
function onlyParserErrors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!(error instanceof ParserError)) throw error;
  }
}

/** Touches everything a UA might read on a received message. */
function exercise(m: SIPMessage): void {
  for (const getter of GETTERS) onlyParserErrors(() => String(m[getter]));
  onlyParserErrors(() => m.toString());
  onlyParserErrors(() => parseMessage(m.toBuffer()));
  if (m instanceof SIPRequest) {
    onlyParserErrors(() => m.uri.toString());
    onlyParserErrors(() => validateRequest(m, { supportedExtensions: [], acceptedContentTypes: ['application/sdp'] }));
  } else if (m instanceof SIPResponse) {
    onlyParserErrors(() => validateResponse(m));
  }
  onlyParserErrors(() => {
    const type = m.contentType;
    if (type?.type === 'multipart') parseMultipart(m.body, type);
  });
}

const SEED_MESSAGES = [
  'REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds7;rport\r\nMax-Forwards: 70\r\nFrom: "Alice" <sip:alice@example.com>;tag=a73kszlfl\r\nTo: <sip:alice@example.com>\r\nCall-ID: 1j9FpLxk3uxtm8tn@192.0.2.1\r\nCSeq: 2 REGISTER\r\nContact: <sip:alice@192.0.2.1:5060>;expires=3600;+sip.instance="<urn:uuid:1>"\r\nAuthorization: Digest username="alice", realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", uri="sip:example.com", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, qop=auth, nc=00000001, cnonce="0a4f113b"\r\nContent-Length: 0\r\n\r\n',
  'SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds7;received=192.0.2.1;rport=5060\r\nFrom: <sip:alice@example.com>;tag=a73kszlfl\r\nTo: <sip:alice@example.com>;tag=1410948204\r\nCall-ID: 1j9FpLxk3uxtm8tn@192.0.2.1\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", qop="auth,auth-int", algorithm=SHA-256, Digest realm="example.com", nonce="x", algorithm=MD5\r\nRetry-After: 10 (later);duration=5\r\nWarning: 399 example.com "note"\r\nContent-Length: 0\r\n\r\n',
  'NOTIFY sip:bob@192.0.2.4 SIP/2.0\r\nVia: SIP/2.0/TCP rls.example.com;branch=z9hG4bKx\r\nMax-Forwards: 70\r\nFrom: <sip:list@example.com>;tag=zpNctbZq\r\nTo: <sip:bob@example.com>;tag=ie4hbb8t\r\nCall-ID: cdB34qLToC@terminal.example.com\r\nCSeq: 997935769 NOTIFY\r\nEvent: presence;id=1\r\nSubscription-State: active;expires=7200\r\nRequire: eventlist\r\nContent-Type: multipart/related;type="application/rlmi+xml";boundary=b1\r\nContent-Length: 120\r\n\r\n--b1\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <a@b>\r\n\r\n<list/>\r\n--b1\r\nContent-Type: application/pidf+xml\r\n\r\n<presence/>\r\n--b1--\r\n',
];

describe('parser properties (fast-check)', () => {
  it('parseMessage(x.toString()) is stable for generated valid messages', () => {
    fc.assert(
      fc.property(message, (g) => {
        const m = parseMessage(g.text);
        assert.equal(m.toString(), g.text);
        assert.equal(m.from.tag, g.tag);
        assert.equal(m.callId, g.callId);
        assert.deepEqual(m.cseq, { seq: g.seq, method: g.method });
        assert.equal(m.via.length, g.vias);
        m.contact.forEach((c) => assert.ok(c.uri.kind === 'sip'));
        if (m instanceof SIPRequest) assert.equal(m.uri.kind, 'sip');
        // Rebuilt serialization (after an edit) parses to the same values.
        m.setHeader('Max-Forwards', 69);
        const again = parseMessage(m.toString());
        assert.equal(again.toString(), m.toString());
        assert.deepEqual(again.getHeaders('via'), m.getHeaders('via'));
        assert.equal(again.to.toString(), m.to.toString());
        assert.equal(again.body.toString(), m.body.toString());
      }),
      { numRuns: 300 },
    );
  });

  it('byte mutations of valid messages give a message or a ParserError, never another exception', { timeout: 120_000 }, () => {
    const seeds = fc.oneof(message.map((g) => Buffer.from(g.text)), fc.constantFrom(...SEED_MESSAGES.map((s) => Buffer.from(s))));
    const mutation = fc.tuple(fc.constantFrom('flip', 'insert', 'delete', 'set'), fc.nat(), fc.nat(255));
    fc.assert(
      fc.property(seeds, fc.array(mutation, { minLength: 1, maxLength: 8 }), (seed, mutations) => {
        let bytes = Buffer.from(seed);
        for (const [op, where, value] of mutations) {
          const at = bytes.length === 0 ? 0 : where % bytes.length;
          if (op === 'flip') bytes[at] = bytes[at]! ^ (1 << value % 8);
          else if (op === 'set') bytes[at] = [0x0d, 0x0a, 0x20, 0x3a, 0x2c, 0x3b, 0x22, 0x3c, 0x3e, 0x5c, 0x00, value][value % 12]!;
          else if (op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([value]), bytes.subarray(at)]);
          else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        }
        let m: SIPMessage;
        try {
          m = parseMessage(bytes);
        } catch (error) {
          if (error instanceof ParserError) return;
          throw error;
        }
        exercise(m);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('typed header parsers on arbitrary values (fast-check)', () => {
  it('throw only ParserError', () => {
    const alphabet = fc.constantFrom(...'aZ09 \t;,:=<>"\\@/?%*[].-'.split(''), 'sip:', 'SIP/2.0/', 'Digest ', '\u00e9');
    const value = fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('').trim());
    const names = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Route', 'Max-Forwards', 'Content-Type', 'Event', 'Subscription-State', 'WWW-Authenticate', 'Authorization', 'Retry-After', 'Reason', 'Replaces', 'Warning', 'Accept', 'Refer-To'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), value), { minLength: 1, maxLength: 6 }), (headers) => {
        const m = new SIPRequest('OPTIONS', 'sip:a@b.example');
        for (const [name, v] of headers) m.addHeader(name, v);
        exercise(m);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('whitespace and line folding (fast-check)', () => {
  it('give the same typed values as the plain form (RFC 3261 §7.3.1)', () => {
    fc.assert(
      fc.property(message, fc.array(fc.nat(7), { minLength: 64, maxLength: 64 }), (g, choices) => {
        let k = 0;
        const pick = () => choices[k++ % choices.length]!;
        const [head, ...bodyParts] = g.text.split('\r\n\r\n');
        const [startLine, ...headerLines] = head!.split('\r\n');
        const varied = headerLines.map((line) => {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon);
          let value = line.slice(colon + 2);
          // Fold at one space outside quoted strings (a fold is equivalent to SP).
          const space = value.indexOf(' ');
          if (pick() < 4 && space > 0 && !value.slice(0, space).includes('"')) {
            value = value.slice(0, space) + '\r\n' + ' \t'.slice(0, 1 + (pick() % 2)) + value.slice(space + 1);
          }
          return name + ' '.repeat(pick() % 3) + ':' + ' \t '.slice(0, pick() % 4) + value + ' '.repeat(pick() % 2);
        });
        const text = [startLine, ...varied].join('\r\n') + '\r\n\r\n' + bodyParts.join('\r\n\r\n');
        const plain = parseMessage(g.text);
        const m = parseMessage(text);
        assert.equal(m.from.toString(), plain.from.toString());
        assert.equal(m.to.toString(), plain.to.toString());
        assert.equal(m.callId, plain.callId);
        assert.deepEqual(m.cseq, plain.cseq);
        assert.deepEqual(m.via.map(String), plain.via.map(String));
        assert.deepEqual(m.contact.map(String), plain.contact.map(String));
        assert.deepEqual(m.body, plain.body);
      }),
      { numRuns: 300 },
    );
  });
});
