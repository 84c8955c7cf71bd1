import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError, ConfigurationManager, ObjectNotFoundError } from '../../src/configuration/index.js';
import { MemoryConfigurationBackend } from '../../src/storage/index.js';

test('get, update, delete and getNames work on key paths and copy data', async () => {
  const backend = new MemoryConfigurationBackend({ Accounts: { 'alice@example.com': { enabled: true } } });
  const manager = new ConfigurationManager();
  await manager.start(backend);
  assert.deepEqual(manager.getNames(['Accounts']), ['alice@example.com']);
  assert.deepEqual(manager.get(['Accounts', 'alice@example.com']), { enabled: true });
  const data = { enabled: false, sip: { registerInterval: 600 } };
  manager.update(['Accounts', 'bob@example.com'], data);
  data.sip.registerInterval = 1;
  assert.deepEqual(manager.get(['Accounts', 'bob@example.com', 'sip']), { registerInterval: 600 });
  assert.deepEqual(manager.getNames(['Accounts']), ['alice@example.com', 'bob@example.com']);
  manager.delete(['Accounts', 'alice@example.com']);
  manager.delete(['Accounts', 'nobody@example.com']);
  assert.equal(manager.has(['Accounts', 'alice@example.com']), false);
  assert.throws(() => manager.get(['Accounts', 'alice@example.com']), ObjectNotFoundError);
  assert.deepEqual(manager.getNames(['Nothing']), []);
  // Not stored until save().
  assert.deepEqual(await backend.load(), { Accounts: { 'alice@example.com': { enabled: true } } });
  await manager.save();
  assert.deepEqual(await backend.load(), { Accounts: { 'bob@example.com': { enabled: false, sip: { registerInterval: 600 } } } });
});

test('update creates the objects on its way and replaces non-objects', async () => {
  const manager = new ConfigurationManager();
  await manager.start(new MemoryConfigurationBackend({ a: 1 }));
  manager.update(['a', 'b', 'c'], 'value');
  assert.deepEqual(manager.get([]), { a: { b: { c: 'value' } } });
  manager.update([], { fresh: true });
  assert.deepEqual(manager.get([]), { fresh: true });
  assert.throws(() => manager.update([], 'scalar'), /root must be an object/);
  manager.delete([]);
  assert.deepEqual(manager.get([]), {});
});

test('the manager must be started once before use', async () => {
  const manager = new ConfigurationManager();
  assert.throws(() => manager.get(['x']), /not started/);
  await assert.rejects(manager.save(), /not started/);
  await manager.start(new MemoryConfigurationBackend());
  await assert.rejects(manager.start(new MemoryConfigurationBackend()), ConfigurationError);
  manager.stop();
  assert.equal(manager.started, false);
  await manager.start(new MemoryConfigurationBackend({ again: true }));
  assert.deepEqual(manager.get([]), { again: true });
});

test('a backend that cannot load leaves the manager stopped, to be started again', async () => {
  const manager = new ConfigurationManager();
  const broken = { load: async () => Promise.reject(new Error('disk on fire')), save: async () => {}, delete: async () => {} };
  await assert.rejects(manager.start(broken), /disk on fire/);
  assert.equal(manager.started, false);
  await manager.start(new MemoryConfigurationBackend());
  assert.equal(manager.started, true);
});
