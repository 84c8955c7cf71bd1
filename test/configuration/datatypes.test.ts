import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AudioCodecList,
  BooleanType,
  Hostname,
  InvalidValueError,
  MSRPRelayAddress,
  NonNegativeInteger,
  PathType,
  Port,
  PortRange,
  PortRangeType,
  SIPAddress,
  SIPProxyAddress,
  SIPProxyAddressType,
  SIPTransportList,
  STUNServerList,
  XCAPRoot,
  enumeration,
  expandPath,
} from '../../src/configuration/index.js';
import { homedir } from 'node:os';

test('booleans, integers and ports accept their values and text forms only', () => {
  assert.equal(BooleanType.fromString('Yes'), true);
  assert.equal(BooleanType.fromString('off'), false);
  assert.throws(() => BooleanType.fromString('maybe'), InvalidValueError);
  assert.throws(() => BooleanType.validate('true'), /expected true or false, got string/);
  assert.equal(NonNegativeInteger.fromString(' 42 '), 42);
  assert.throws(() => NonNegativeInteger.validate(-1), /between 0 and/);
  assert.throws(() => NonNegativeInteger.validate(1.5), /expected an integer, got 1.5/);
  assert.throws(() => NonNegativeInteger.fromString('12abc'), /expected an integer/);
  assert.equal(Port.validate(0), 0);
  assert.equal(Port.validate(65535), 65535);
  assert.throws(() => Port.validate(65536), /between 0 and 65535/);
  assert.throws(() => PathType.validate(''), /must not be empty/);
  assert.throws(() => PathType.validate('a\0b'), /NUL/);
  const colour = enumeration('Colour', ['red', 'green']);
  assert.equal(colour.fromString(' red '), 'red');
  assert.throws(() => colour.validate('blue'), /expected one of red, green/);
});

test('host names follow RFC 1123 and IP literals are accepted', () => {
  for (const host of ['example.com', 'a-b.example', 'localhost', '192.0.2.1', '::1', '2001:db8::1']) {
    assert.equal(Hostname.validate(host), host);
  }
  assert.equal(Hostname.validate('[::1]'), '::1');
  for (const host of ['', '-a.com', 'a-.com', 'a..b', 'under_score.com', '[example.com]', 'a'.repeat(64) + '.com']) {
    assert.throws(() => Hostname.validate(host), InvalidValueError, host);
  }
});

test('SIP addresses split into user and domain and print back', () => {
  const address = SIPAddress.parse('sip:alice@example.com');
  assert.equal(address.username, 'alice');
  assert.equal(address.domain, 'example.com');
  assert.equal(String(address), 'alice@example.com');
  assert.equal(address.uri, 'sip:alice@example.com');
  assert.ok(address.equals(SIPAddress.parse('alice@EXAMPLE.com')));
  assert.equal(JSON.stringify({ id: address }), '{"id":"alice@example.com"}');
  for (const bad of ['alice', '@example.com', 'alice@', 'al ice@example.com', 'alice@exa mple.com', 'a%zz@example.com']) {
    assert.throws(() => SIPAddress.parse(bad), InvalidValueError, bad);
  }
});

test('proxy addresses keep what was given and leave the rest to RFC 3263', () => {
  const bare = SIPProxyAddress.parse('proxy.example.com');
  assert.deepEqual([bare.host, bare.port, bare.transport], ['proxy.example.com', null, null]);
  const full = SIPProxyAddress.parse('sip:[2001:db8::1]:5061;transport=TLS');
  assert.deepEqual([full.host, full.port, full.transport], ['2001:db8::1', 5061, 'tls']);
  assert.equal(full.toString(), '[2001:db8::1]:5061;transport=tls');
  assert.equal(full.uri, 'sip:[2001:db8::1]:5061;transport=tls');
  assert.equal(SIPProxyAddress.parse('10.0.0.1:5080').toString(), '10.0.0.1:5080');
  assert.throws(() => SIPProxyAddress.parse('proxy.example.com;transport=sctp'), /transport must be one of udp, tcp, tls, ws, wss/);
  assert.throws(() => SIPProxyAddress.parse('proxy.example.com;lr'), /unknown parameter "lr"/);
  assert.throws(() => SIPProxyAddress.parse('proxy.example.com:99999'), /between 0 and 65535/);
  assert.throws(() => SIPProxyAddress.parse(';transport=udp'), /must not be empty/);
  assert.equal(SIPProxyAddressType.validate('p.example.com:5060').port, 5060);
});

test('MSRP relays default to TLS', () => {
  const relay = MSRPRelayAddress.parse('msrps:relay.example.com:2855');
  assert.deepEqual([relay.host, relay.port, relay.transport], ['relay.example.com', 2855, 'tls']);
  assert.equal(MSRPRelayAddress.parse('relay.example.com;transport=tcp').toString(), 'relay.example.com;transport=tcp');
  assert.throws(() => MSRPRelayAddress.parse('relay.example.com;transport=udp'), /one of tls, tcp/);
});

test('port ranges are ordered and exclude port 0', () => {
  const range = PortRange.parse('50000-50500');
  assert.deepEqual([range.start, range.end, range.size], [50000, 50500, 501]);
  assert.equal(PortRangeType.toJSON(range), '50000-50500');
  assert.throws(() => PortRange.parse('50500-50000'), /starts \(50500\) after it ends \(50000\)/);
  assert.throws(() => PortRange.parse('0-10'), /cannot start at port 0/);
  assert.throws(() => PortRange.parse('1-70000'), /between 0 and 65535/);
  assert.throws(() => PortRange.parse('1:2'), /start-end/);
});

test('lists check every item, duplicates and emptiness', () => {
  assert.deepEqual(SIPTransportList.fromString('tls, tcp'), ['tls', 'tcp']);
  assert.ok(Object.isFrozen(SIPTransportList.validate(['udp'])));
  assert.throws(() => SIPTransportList.validate(['udp', 'udp']), /"udp" appears more than once/);
  assert.throws(() => SIPTransportList.validate(['udp', 'sctp']), /item 2: expected one of udp, tcp, tls, ws, wss/);
  assert.throws(() => SIPTransportList.validate([]), /must not be empty/);
  assert.throws(() => SIPTransportList.validate('udp'), /expected a list/);
  assert.throws(() => AudioCodecList.validate(['opus', 'mp3']), /item 2/);
  const stun = STUNServerList.fromString('stun.example.com, [::1]:3479');
  assert.deepEqual(stun.map(String), ['stun.example.com:3478', '[::1]:3479']);
  assert.deepEqual(STUNServerList.toJSON(stun), ['stun.example.com:3478', '[::1]:3479']);
});

test('XCAP roots are http(s) URIs without query, fragment or trailing slash', () => {
  assert.equal(XCAPRoot.validate('https://xcap.example.org/xcap-root/'), 'https://xcap.example.org/xcap-root');
  assert.throws(() => XCAPRoot.validate('ftp://xcap.example.org/'), /http or https/);
  assert.throws(() => XCAPRoot.validate('https://x.example.org/?a=b'), /no query/);
  assert.throws(() => XCAPRoot.validate('xcap.example.org'), /not an absolute URI/);
});

test('paths expand ~ and resolve relative to a base', () => {
  assert.equal(expandPath('~/certs/ca.pem'), `${homedir()}/certs/ca.pem`);
  assert.equal(expandPath('logs', '/var/lib/sipsimple'), '/var/lib/sipsimple/logs');
  assert.equal(expandPath('/etc/ssl/ca.pem', '/x'), '/etc/ssl/ca.pem');
});

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const hostname = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const host = fc.oneof(hostname, fc.ipV4(), fc.ipV6());

test('text forms round-trip (property)', () => {
  fc.assert(
    fc.property(host, fc.option(fc.integer({ min: 0, max: 65535 })), fc.option(fc.constantFrom('udp', 'tcp', 'tls', 'ws', 'wss' as const)), (h, port, transport) => {
      const address = new SIPProxyAddress(h, port, transport);
      const parsed = SIPProxyAddressType.fromString(SIPProxyAddressType.format(address));
      assert.deepEqual([parsed.host, parsed.port, parsed.transport], [h, port, transport]);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 65535 }), (start, length) => {
      const range = new PortRange(start, Math.min(65535, start + length));
      assert.deepEqual(PortRangeType.fromString(PortRangeType.format(range)), range);
    }),
  );
  fc.assert(
    fc.property(fc.uniqueArray(fc.constantFrom('udp', 'tcp', 'tls', 'ws', 'wss' as const), { minLength: 1 }), (list) => {
      assert.deepEqual(SIPTransportList.fromString(SIPTransportList.format(list)), list);
    }),
  );
});

test('parsers reject arbitrary text with InvalidValueError only (property)', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      for (const datatype of [SIPProxyAddressType, PortRangeType, SIPTransportList, XCAPRoot, Hostname]) {
        try {
          datatype.fromString(text);
        } catch (error) {
          assert.ok(error instanceof InvalidValueError, `${datatype.name} threw ${String(error)} for ${JSON.stringify(text)}`);
        }
      }
      try {
        SIPAddress.parse(text);
      } catch (error) {
        assert.ok(error instanceof InvalidValueError);
      }
    }),
  );
});
