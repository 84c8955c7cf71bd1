import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DNSLookupError, type ServiceName } from '../../src/lookup/index.js';
import { lookupOver, srv } from './fake-resolver.js';

test('spec §21 lookupService: STUN servers from _stun._udp SRV records, in RFC 2782 order', async () => {
  const { lookup, center } = lookupOver({
    'SRV _stun._udp.example.test': [srv('stun2.example.test', 3479, 20), srv('stun1.example.test', 3478, 10)],
    'A stun1.example.test': ['192.0.2.1'],
    'A stun2.example.test': ['192.0.2.2'],
  });
  const services: Array<string | undefined> = [];
  center.addObserver((n) => services.push(n.data.service), { name: 'DNSLookupTrace' });
  assert.deepEqual(await lookup.lookupService({ host: 'example.test' }, 'stun'), [
    { host: '192.0.2.1', port: 3478 },
    { host: '192.0.2.2', port: 3479 },
  ]);
  assert.deepEqual([...new Set(services)], ['stun']);
});

test('spec §21 lookupService: MSRP relays from _msrps._tcp; without SRV the host with port 2855 (RFC 4976)', async () => {
  const { lookup } = lookupOver({
    'SRV _msrps._tcp.example.test': [srv('relay.example.test', 2856)],
    'A relay.example.test': ['192.0.2.5'],
    'A other.test': ['192.0.2.6'],
  });
  assert.deepEqual(await lookup.lookupService('example.test', 'msrprelay'), [{ host: '192.0.2.5', port: 2856 }]);
  assert.deepEqual(await lookup.lookupService('other.test', 'msrprelay'), [{ host: '192.0.2.6', port: 2855 }]);
  assert.deepEqual(await lookup.lookupService('192.0.2.7', 'stun'), [{ host: '192.0.2.7', port: 3478 }]);
});

test('lookupService rejects an unknown service with a typed error', async () => {
  const { lookup } = lookupOver({});
  await assert.rejects(lookup.lookupService('example.test', 'turn' as ServiceName), (e: unknown) => {
    return e instanceof DNSLookupError && e.kind === 'bad-input';
  });
});

test('spec §21 lookupXCAPServer: http(s) URIs from TXT records of xcap.<domain>, chunks joined', async () => {
  const { lookup, resolver } = lookupOver({
    'TXT xcap.example.test': [
      ['https://xcap.example.test/xcap-root'],
      ['v=spf1 -all'],
      ['http://xcap.example.test', ':8080/xcap-root'],
      ['ftp://nope.example.test/'],
    ],
  });
  assert.deepEqual(await lookup.lookupXCAPServer({ scheme: 'sip', host: 'Example.Test' }), [
    'https://xcap.example.test/xcap-root',
    'http://xcap.example.test:8080/xcap-root',
  ]);
  assert.deepEqual(resolver.queries, ['TXT xcap.example.test']);
});

test('lookupXCAPServer fails with no-data when no TXT record is an HTTP URI, and not-found when there is none', async () => {
  const { lookup } = lookupOver({ 'TXT xcap.example.test': [['hello']] });
  await assert.rejects(lookup.lookupXCAPServer('example.test'), (e: unknown) => e instanceof DNSLookupError && e.kind === 'no-data');
  await assert.rejects(lookup.lookupXCAPServer('nowhere.test'), (e: unknown) => e instanceof DNSLookupError && e.kind === 'not-found');
  await assert.rejects(lookup.lookupXCAPServer('192.0.2.1'), (e: unknown) => e instanceof DNSLookupError && e.kind === 'bad-input');
});
