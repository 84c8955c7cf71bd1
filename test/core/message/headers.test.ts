import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import {
  Contact,
  MediaType,
  NameAddress,
  Via,
  formatAuthValue,
  parseAuthValue,
  parseMessage,
  parseWarning,
  splitChallenges,
} from '../../../src/core/message/index.js';
import { parseURI } from '../../../src/core/uri/index.js';

function message(...headers: string[]) {
  return parseMessage(['SIP/2.0 200 OK', ...headers, '', ''].join('\r\n'));
}

describe('Via (RFC 3261 §20.42, RFC 3581)', () => {
  it('parses protocol, transport, sent-by and parameters with free whitespace', () => {
    const via = Via.parse('SIP / 2.0 / tls [2001:db8::1]:5061 ; branch=z9hG4bKx ;received=192.0.2.1;rport=5062;ttl=16');
    assert.equal(via.transport, 'tls');
    assert.equal(via.host, '[2001:db8::1]');
    assert.equal(via.port, 5061);
    assert.equal(via.branch, 'z9hG4bKx');
    assert.equal(via.received, '192.0.2.1');
    assert.equal(via.rport, 5062);
    assert.equal(Via.parse('SIP/2.0/UDP h;rport').rport, true);
  });
  it('serializes edits', () => {
    const via = new Via({ transport: 'UDP', host: '192.0.2.1', port: 5060 });
    via.branch = 'z9hG4bKabc';
    via.rport = true;
    assert.equal(via.toString(), 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc;rport');
    via.rport = 1234;
    via.received = '10.0.0.1';
    assert.equal(via.clone().toString(), 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc;rport=1234;received=10.0.0.1');
  });
  for (const bad of ['SIP/2.0 host', 'SIP/2.0/UDP', 'SIP/2.0/UDP host;ttl=300', 'SIP/2.0/UDP host;rport=99999', 'SIP/2.0/UDP host;branch', 'SIP/2.0/UDP host;;']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => Via.parse(bad), ParserError));
  }
});

describe('NameAddress and Contact (RFC 3261 §20.10, §20.20, §20.39)', () => {
  it('parses quoted display names with escapes', () => {
    const na = NameAddress.parse('"Alice \\"A\\" Smith" <sip:alice@atlanta.com>;tag=88sja8x');
    assert.equal(na.displayName, 'Alice "A" Smith');
    assert.equal(na.tag, '88sja8x');
    assert.equal(na.toString(), '"Alice \\"A\\" Smith" <sip:alice@atlanta.com>;tag=88sja8x');
  });
  it('parses token display names and the addr-spec form', () => {
    assert.equal(NameAddress.parse('Bob   Smith<sip:bob@b.com>').displayName, 'Bob Smith');
    const spec = NameAddress.parse('sip:bob@b.com;tag=1');
    assert.equal(spec.displayName, undefined);
    assert.equal(spec.tag, '1');
    assert.equal(spec.uri.toString(), 'sip:bob@b.com');
    assert.equal(spec.toString(), '<sip:bob@b.com>;tag=1');
  });
  it('sets and removes the tag', () => {
    const na = new NameAddress(parseURI('sip:a@b.com'));
    na.tag = 'xyz';
    assert.equal(na.toString(), '<sip:a@b.com>;tag=xyz');
    na.tag = undefined;
    assert.equal(na.toString(), '<sip:a@b.com>');
  });
  it('parses contacts with expires and q, and the wildcard', () => {
    const m = message('Contact: <sip:a@b.com>;expires=3600;q=0.7, "B" <sip:b@c.com;transport=tcp>;+sip.instance="<urn:uuid:1>"');
    assert.equal(m.contact.length, 2);
    assert.equal(m.contact[0]!.expires, 3600);
    assert.equal(m.contact[0]!.q, 0.7);
    assert.equal(m.contact[1]!.params.get('+sip.instance'), '"<urn:uuid:1>"');
    const star = Contact.parse('*');
    assert.ok(star.isWildcard);
    assert.equal(star.toString(), '*');
  });
  for (const bad of [
    '"unterminated <sip:a@b.com>',
    'Bell, Alexander <sip:a@b.com>',
    '< sip:a@b.com>',
    '<sip:a@b.com',
    'sip:a@b.com?x=y',
    '<sip:a@b.com>;;',
    '<sip:a@b.com> junk',
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => NameAddress.parse(bad), ParserError));
  }
  it('rejects a bad expires or q', () => {
    assert.throws(() => Contact.parse('<sip:a@b.com>;expires=-1'), ParserError);
    assert.throws(() => Contact.parse('<sip:a@b.com>;q=2'), ParserError);
  });
});

describe('authentication header fields (RFC 3261 §20.44, RFC 7235)', () => {
  it('splits several challenges in one header field', () => {
    const value =
      'Digest realm="atlanta.com", nonce="a,b", qop="auth,auth-int", algorithm=SHA-256, Digest realm="atlanta.com", nonce="c", algorithm=MD5, Basic realm="x"';
    const parts = splitChallenges(value);
    assert.equal(parts.length, 3);
    const m = message(`WWW-Authenticate: ${value}`, 'Proxy-Authenticate: Digest realm="p", nonce="n"');
    const challenges = m.wwwAuthenticate;
    assert.deepEqual(
      challenges.map((c) => [c.scheme, c.params.algorithm ?? null]),
      [
        ['Digest', 'SHA-256'],
        ['Digest', 'MD5'],
        ['Basic', null],
      ],
    );
    assert.equal(challenges[0]!.params.nonce, 'a,b');
    assert.equal(challenges[0]!.params.qop, 'auth,auth-int');
    assert.equal(m.proxyAuthenticate[0]!.params.realm, 'p');
  });
  it('lower-cases parameter names, removes quotes and resolves escapes', () => {
    const c = parseAuthValue('Digest USERNAME="bob", Realm="a \\"b\\"", nc=00000001, uri="sip:x"', 'Authorization');
    assert.deepEqual({ ...c.params }, { username: 'bob', realm: 'a "b"', nc: '00000001', uri: 'sip:x' });
  });
  it('parses a token68 and serializes both forms', () => {
    const basic = parseAuthValue('Basic dXNlcjpwYXNz==', 'Authorization');
    assert.equal(basic.token68, 'dXNlcjpwYXNz==');
    assert.equal(formatAuthValue(basic), 'Basic dXNlcjpwYXNz==');
    assert.equal(
      formatAuthValue({ scheme: 'Digest', params: { username: 'bob', algorithm: 'MD5', nc: '00000001' } }),
      'Digest username="bob", algorithm=MD5, nc=00000001',
    );
  });
  it('rejects broken auth-params', () => {
    assert.throws(() => parseAuthValue('Digest realm="x", ', 'WWW-Authenticate'), ParserError);
    assert.throws(() => parseAuthValue('Digest realm="x', 'WWW-Authenticate'), ParserError);
  });
});

describe('other typed header fields', () => {
  const m = message(
    'Call-ID: f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com',
    'CSeq: 4711 SUBSCRIBE',
    'Max-Forwards: 70',
    'Expires: 3600',
    'Min-Expires: 60',
    'Content-Type: Application/PIDF+XML; charset="UTF-8"',
    'Event: presence.winfo;id=abc',
    'Allow-Events: presence, dialog',
    'Subscription-State: terminated;reason=timeout;retry-after=30',
    'Supported: 100rel, timer, path',
    'Require: pref',
    'Allow: INVITE, ACK, BYE',
    'Accept: application/sdp;level=1, application/*, */*',
    'SIP-ETag: dx200xyz',
    'SIP-If-Match: dx200xyz',
    'Retry-After: 18000 (in a meeting);duration=3600',
    'Reason: SIP;cause=200;text="Call completed elsewhere", Q.850;cause=16',
    'Refer-To: <sip:carol@chicago.com?Replaces=x%40y%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'Referred-By: <sip:alice@atlanta.com>',
    'Replaces: 425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only',
    'User-Agent: sipsimple/0.1 (Node.js)',
    'Server: Kamailio',
    'Warning: 307 isi.edu "Session parameter \'foo\' not understood", 301 isi.edu "Incompatible network address type \'E.164\'"',
    'Path: <sip:P1.EXAMPLEVISITED.COM;lr>',
    'Service-Route: <sip:orig@scscf.home.net;lr>',
    'Record-Route: <sip:p2.example.com;lr>, <sip:p1.example.com;lr>',
  );
  it('reads each one', () => {
    assert.equal(m.callId, 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com');
    assert.deepEqual(m.cseq, { seq: 4711, method: 'SUBSCRIBE' });
    assert.equal(m.maxForwards, 70);
    assert.equal(m.expires, 3600);
    assert.equal(m.minExpires, 60);
    assert.equal(m.contentType!.essence, 'application/pidf+xml');
    assert.equal(m.contentType!.param('charset'), 'UTF-8');
    assert.equal(m.event!.event, 'presence.winfo');
    assert.equal(m.event!.id, 'abc');
    assert.deepEqual(m.allowEvents, ['presence', 'dialog']);
    assert.equal(m.subscriptionState!.state, 'terminated');
    assert.equal(m.subscriptionState!.reason, 'timeout');
    assert.equal(m.subscriptionState!.retryAfter, 30);
    assert.deepEqual(m.supported, ['100rel', 'timer', 'path']);
    assert.deepEqual(m.require, ['pref']);
    assert.deepEqual(m.allow, ['INVITE', 'ACK', 'BYE']);
    assert.deepEqual(
      m.accept.map((a) => a.essence),
      ['application/sdp', 'application/*', '*/*'],
    );
    assert.ok(m.accept[1]!.matches('application/pidf+xml'));
    assert.ok(!m.accept[0]!.matches(new MediaType('text', 'plain')));
    assert.equal(m.sipETag, 'dx200xyz');
    assert.equal(m.sipIfMatch, 'dx200xyz');
    assert.deepEqual({ ...m.retryAfter!, params: undefined }, { seconds: 18000, comment: 'in a meeting', duration: 3600, params: undefined });
    assert.deepEqual(
      m.reasons.map((r) => [r.protocol, r.cause, r.text]),
      [
        ['SIP', 200, 'Call completed elsewhere'],
        ['Q.850', 16, undefined],
      ],
    );
    assert.equal(m.referTo!.uri.kind === 'sip' && m.referTo!.uri.headers.get('Replaces'), 'x%40y%3Bto-tag%3D1%3Bfrom-tag%3D2');
    assert.equal(m.referredBy!.uri.toString(), 'sip:alice@atlanta.com');
    assert.deepEqual(
      { ...m.replaces!, params: undefined },
      { callId: '425928@bobster.example.org', toTag: '7743', fromTag: '6472', earlyOnly: true, params: undefined },
    );
    assert.equal(m.userAgent, 'sipsimple/0.1 (Node.js)');
    assert.equal(m.server, 'Kamailio');
    assert.deepEqual(m.warning[1], { code: 301, agent: 'isi.edu', text: "Incompatible network address type 'E.164'" });
    assert.equal(m.path[0]!.uri.toString(), 'sip:P1.EXAMPLEVISITED.COM;lr');
    assert.equal(m.serviceRoute.length, 1);
    assert.equal(m.recordRoute.length, 2);
  });
  it('returns empty lists and undefined for absent header fields, and throws for absent required ones', () => {
    const empty = message();
    assert.deepEqual(empty.via, []);
    assert.equal(empty.contentType, undefined);
    assert.equal(empty.event, undefined);
    assert.throws(() => empty.from, /missing From/);
    assert.throws(() => empty.cseq, ParserError);
  });
  it('caches values until the header field is set again', () => {
    const n = message('Expires: 10');
    assert.equal(n.expires, 10);
    n.setHeader('Expires', '20');
    assert.equal(n.expires, 20);
    n.removeHeader('Expires');
    assert.equal(n.expires, undefined);
    assert.strictEqual(m.event, m.event);
  });
  it('rejects malformed scalars', () => {
    for (const [header, getter] of [
      ['CSeq: 99999999999 INVITE', 'cseq'],
      ['CSeq: 1', 'cseq'],
      ['Max-Forwards: 256', 'maxForwards'],
      ['Content-Length: -1', 'contentLength'],
      ['Call-ID: a b', 'callId'],
      ['Warning: 30 x "y"', 'warning'],
      ['Replaces: abc;to-tag=1', 'replaces'],
      ['Subscription-State: active;expires=x', 'subscriptionState'],
    ] as const) {
      assert.throws(() => message(header)[getter], ParserError, header);
    }
    assert.throws(() => parseWarning('399 host no-quotes'), ParserError);
  });
});

describe('empty list header fields', () => {
  it('have no elements (RFC 3261 §20.1: an empty Accept accepts no body)', () => {
    const m = message('Accept:', 'Supported:   ', 'Allow: INVITE');
    assert.deepEqual(m.accept, []);
    assert.deepEqual(m.supported, []);
    assert.deepEqual(m.getHeaders('accept'), []);
    assert.ok(m.hasHeader('accept'));
    assert.deepEqual(m.allow, ['INVITE']);
  });
});
