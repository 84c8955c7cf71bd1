import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParserError } from '../../../src/errors.js';
import {
  BonjourServiceDescription,
  browseNameOf,
  buildTXTRecord,
  describeInstance,
  instanceNameOf,
  neighbourOf,
  serviceTypeOf,
  type BrowsedService,
} from '../../../src/account/bonjour/index.js';

function browsed(type: string, txt: string[], instance = 'peer-x'): BrowsedService {
  return {
    description: new BonjourServiceDescription(instance, type),
    host: 'bob-host.local',
    port: 5060,
    txt: txt.map((item) => Buffer.from(item)),
    addresses: ['10.0.0.2'],
  };
}

describe('Bonjour service types and descriptions (RFC 6763 §4, §7)', () => {
  it('uses _sipuri._udp for UDP and _sipuri._tcp for TCP and TLS, as python-sipsimple', () => {
    assert.equal(serviceTypeOf('udp'), '_sipuri._udp');
    assert.equal(serviceTypeOf('tcp'), '_sipuri._tcp');
    assert.equal(serviceTypeOf('tls'), '_sipuri._tcp');
    assert.equal(browseNameOf('udp'), '_sipuri._udp.local');
    assert.equal(instanceNameOf('lxzvgack', 'tls'), 'lxzvgack-tls');
  });

  it('splits full instance names, with dots in the instance label and any case', () => {
    const description = describeInstance('Alice. Home._SIPURI._udp.LOCAL', '_sipuri._udp');
    assert.equal(description?.name, 'Alice. Home');
    assert.equal(description?.fullName, 'Alice. Home._sipuri._udp.local');
    assert.ok(description!.equals(new BonjourServiceDescription('alice. home', '_sipuri._udp')));
    assert.equal(describeInstance('_sipuri._udp.local', '_sipuri._udp'), undefined);
    assert.equal(describeInstance('x._sipuri._tcp.local', '_sipuri._udp'), undefined);
  });
});

describe('neighbourOf', () => {
  it('builds the neighbour from the SRV target and the TXT record', () => {
    const txt = buildTXTRecord({ contact: 'sip:bob@10.0.0.2:5070;transport=tcp', displayName: 'Bob', instanceId: 'id-1', state: 'away', note: 'lunch' });
    const neighbour = neighbourOf({ ...browsed('_sipuri._tcp', []), txt });
    assert.equal(neighbour.uri.toString(), 'sip:bob@10.0.0.2:5070;transport=tcp');
    assert.equal(neighbour.transport, 'tcp');
    assert.equal(neighbour.displayName, 'Bob');
    assert.equal(neighbour.host, 'bob-host.local');
    assert.equal(neighbour.instanceId, 'id-1');
    assert.deepEqual(neighbour.presence, { state: 'away', note: 'lunch' });
    assert.deepEqual(neighbour.addresses, ['10.0.0.2']);
  });

  it('takes TLS contacts (transport=tls or sips) from _sipuri._tcp', () => {
    assert.equal(neighbourOf(browsed('_sipuri._tcp', ['contact=<sip:b@10.0.0.2:5061;transport=tls>'])).transport, 'tls');
    assert.equal(neighbourOf(browsed('_sipuri._tcp', ['contact=<sips:b@10.0.0.2:5061>'])).transport, 'tls');
  });

  it('has no presence when the TXT record has no state', () => {
    assert.equal(neighbourOf(browsed('_sipuri._udp', ['contact=<sip:b@10.0.0.2>'])).presence, undefined);
  });

  it('rejects a contact that is not a SIP URI, or of a transport the service type does not carry', () => {
    for (const [type, contact] of [
      ['_sipuri._udp', 'contact=<mailto:b@example.com>'],
      ['_sipuri._udp', 'contact=<sip:b@10.0.0.2;transport=tcp>'],
      ['_sipuri._tcp', 'contact=<sip:b@10.0.0.2>'],
      ['_sipuri._tcp', 'contact=<sip:b@10.0.0.2;transport=sctp>'],
      ['_sipuri._udp', 'contact=<sip:@@>'],
    ] as const) {
      assert.throws(() => neighbourOf(browsed(type, [contact])), ParserError, contact);
    }
  });
});
