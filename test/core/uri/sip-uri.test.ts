import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import { SIPURI, parseURI, unescape, escape } from '../../../src/core/uri/index.js';
import { USER } from '../../../src/core/uri/char-class.js';

function sip(text: string): SIPURI {
  const uri = parseURI(text);
  assert.ok(uri instanceof SIPURI);
  return uri;
}

describe('SIPURI.parse (RFC 3261 §19.1.1)', () => {
  it('parses user, password, host, port, parameters and headers', () => {
    const uri = sip('sips:alice:secret@Atlanta.com:5061;transport=TCP;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent');
    assert.equal(uri.scheme, 'sips');
    assert.equal(uri.user, 'alice');
    assert.equal(uri.password, 'secret');
    assert.equal(uri.host, 'Atlanta.com');
    assert.equal(uri.port, 5061);
    assert.equal(uri.transport, 'tcp');
    assert.equal(uri.params.get('lr'), null);
    assert.equal(uri.params.get('MADDR'), '239.255.255.1');
    assert.equal(uri.headers.get('subject'), 'project%20x');
    assert.equal(uri.headers.get('priority'), 'urgent');
  });

  it('parses IPv6 references with and without port', () => {
    assert.equal(sip('sip:[2001:db8::10]').host, '[2001:db8::10]');
    const uri = sip('sip:user@[2001:db8::10]:5070;transport=udp');
    assert.equal(uri.host, '[2001:db8::10]');
    assert.equal(uri.port, 5070);
    assert.equal(uri.hostport, '[2001:db8::10]:5070');
  });

  it('keeps escapes as received and gives back the original text', () => {
    const text = 'SIP:%61lice@Example.COM;%6C%72;n%61me=v%61lue';
    const uri = sip(text);
    assert.equal(uri.user, '%61lice');
    assert.equal(unescape(uri.user!), 'alice');
    assert.equal(uri.toString(), text);
  });

  it('accepts a user part with semicolons, question marks and telephone numbers', () => {
    assert.equal(sip('sip:user;par=u%40example.net@example.com').user, 'user;par=u%40example.net');
    assert.equal(sip('sip:+1-212-555-1212:1234@gateway.com;user=phone').password, '1234');
  });

  it('rebuilds the text after a change', () => {
    const uri = sip('sip:bob@biloxi.com;transport=udp');
    uri.port = 5080;
    assert.equal(uri.toString(), 'sip:bob@biloxi.com:5080;transport=udp');
    uri.params.set('lr');
    uri.params.delete('transport');
    assert.equal(uri.toString(), 'sip:bob@biloxi.com:5080;lr');
    uri.headers.set('Subject', 'hi');
    assert.equal(uri.toString(), 'sip:bob@biloxi.com:5080;lr?Subject=hi');
  });

  it('builds from fields', () => {
    const uri = new SIPURI({ user: 'a', host: 'example.com', params: [['transport', 'tls']] });
    assert.equal(uri.toString(), 'sip:a@example.com;transport=tls');
    assert.equal(uri.clone().toString(), uri.toString());
  });

  for (const bad of [
    'sip:',
    'sip:user@',
    'sip:user@host:',
    'sip:user@host:70000',
    'sip:user@host name',
    'sip:us er@host',
    'sip:user@[::1',
    'sip:user@[zz::1]',
    'sip:user@host;=x',
    'sip:user@host;;',
    'sip:user@host;a=%zz',
    'sip:user@host>',
    'http:user@host',
  ]) {
    it(`rejects ${JSON.stringify(bad)} with a ParserError`, () => {
      assert.throws(() => SIPURI.parse(bad), ParserError);
    });
  }
});

describe('SIPURI.equals (RFC 3261 §19.1.4)', () => {
  const equal: Array<[string, string]> = [
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com',
    ],
    [
      'sip:alice@atlanta.com?subject=project%20x&priority=urgent',
      'sip:alice@atlanta.com?priority=urgent&subject=project%20x',
    ],
  ];
  const different: Array<[string, string]> = [
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
    ['sip:alice@atlanta.com', 'sips:alice@atlanta.com'],
  ];
  for (const [a, b] of equal) {
    it(`${a} equals ${b}`, () => {
      assert.ok(sip(a).equals(sip(b)));
      assert.ok(sip(b).equals(sip(a)));
    });
  }
  for (const [a, b] of different) {
    it(`${a} differs from ${b}`, () => {
      assert.ok(!sip(a).equals(sip(b)));
      assert.ok(!sip(b).equals(sip(a)));
    });
  }
});

describe('escape / unescape', () => {
  it('round-trips text through escapes', () => {
    const text = 'I have spaces & ünïcode';
    const escaped = escape(text, USER);
    assert.equal(escaped, 'I%20have%20spaces%20&%20%C3%BCn%C3%AFcode');
    assert.equal(unescape(escaped), text);
  });
  it('leaves a % that starts no escape alone', () => {
    assert.equal(unescape('%Z%45'), '%ZE');
  });
});
