import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationCenter } from '../../src/notification/index.js';
import { DNSLookup, DNSManager } from '../../src/lookup/index.js';
import { FakeResolver, naptr, type FakeAnswer } from './fake-resolver.js';

/** A resolver factory whose probe answer depends on the nameservers it is built for. */
function probeFactory(answers: Record<string, FakeAnswer>) {
  const built: string[][] = [];
  return {
    built,
    factory: (options: { nameservers: readonly string[] }) => {
      built.push([...options.nameservers]);
      const key = options.nameservers.join(',');
      return new FakeResolver({ 'NAPTR probe.test': answers[key] ?? { error: 'ETIMEOUT' } });
    },
  };
}

test('spec §20: working local nameservers are used, with DNSResolverDidInitialize', async () => {
  const center = new NotificationCenter();
  const probe = probeFactory({ '127.0.0.1:5353': [naptr(1, 1, 'SIP+D2U', '_sip._udp.probe.test')] });
  const manager = new DNSManager({
    notificationCenter: center,
    systemNameservers: () => ['127.0.0.1:5353'],
    fallbackNameservers: ['127.0.0.2:5353'],
    probeDomain: 'probe.test',
    resolverFactory: probe.factory,
  });
  const initialized = center.waitFor({ name: 'DNSResolverDidInitialize', sender: manager });
  assert.equal(manager.nameservers, undefined);
  await manager.start();
  assert.deepEqual((await initialized).data.nameservers, ['127.0.0.1:5353']);
  assert.deepEqual(manager.nameservers, ['127.0.0.1:5353']);
  assert.deepEqual(new DNSLookup({ manager, notificationCenter: center }).nameservers, ['127.0.0.1:5353']);
  manager.stop();
});

test('spec §20: broken local nameservers give way to the fallback, and come back once a later probe works', async () => {
  const center = new NotificationCenter();
  const answers: Record<string, FakeAnswer> = { '127.0.0.1:5353': { error: 'ESERVFAIL' } };
  const probe = probeFactory(answers);
  const manager = new DNSManager({
    notificationCenter: center,
    systemNameservers: () => ['127.0.0.1:5353'],
    fallbackNameservers: ['127.0.0.2:5353'],
    probeDomain: 'probe.test',
    probeInterval: 5,
    resolverFactory: probe.factory,
  });
  const events: string[] = [];
  center.addObserver((n) => events.push(`${n.name} ${(n.data as { nameservers: string[] }).nameservers.join(',')}`), { sender: manager });
  await manager.start();
  assert.deepEqual(manager.nameservers, ['127.0.0.2:5353']);
  // The probe timer is unref'd; the wait's own timeout keeps the test's event loop alive.
  const changed = center.waitFor({ name: 'DNSNameserversDidChange', sender: manager }, { timeout: 10_000 });
  // The local nameserver gets fixed; the next scheduled probe finds out.
  answers['127.0.0.1:5353'] = [naptr(1, 1, 'SIP+D2U', '_sip._udp.probe.test')];
  await changed;
  assert.deepEqual(manager.nameservers, ['127.0.0.1:5353']);
  assert.deepEqual(events, [
    'DNSResolverDidInitialize 127.0.0.2:5353',
    'DNSNameserversDidChange 127.0.0.1:5353',
  ]);
  assert.ok(probe.built.every((servers) => servers.join(',') === '127.0.0.1:5353'), 'only local nameservers are probed');
  manager.stop();
  assert.equal(manager.isRunning, false);
});

test('a probe answer without records counts as broken; no local nameservers means the fallback', async () => {
  const center = new NotificationCenter();
  const empty = new DNSManager({
    notificationCenter: center,
    systemNameservers: () => ['127.0.0.1:5353'],
    fallbackNameservers: ['127.0.0.2:5353'],
    probeDomain: 'probe.test',
    resolverFactory: probeFactory({ '127.0.0.1:5353': [] }).factory,
  });
  await empty.start();
  assert.deepEqual(empty.nameservers, ['127.0.0.2:5353']);
  empty.stop();
  const none = new DNSManager({
    notificationCenter: center,
    systemNameservers: () => [],
    fallbackNameservers: ['127.0.0.2:5353'],
    resolverFactory: probeFactory({}).factory,
  });
  await none.start();
  assert.deepEqual(none.nameservers, ['127.0.0.2:5353']);
  none.stop();
});

test('DNSManager.default is one shared instance that does nothing until started', () => {
  assert.equal(DNSManager.default, DNSManager.default);
  assert.equal(DNSManager.default.isRunning, false);
  assert.equal(DNSManager.default.nameservers, undefined);
});
