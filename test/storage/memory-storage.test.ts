import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage, StorageError, defaultStorageDirectory } from '../../src/storage/index.js';

test('the memory configuration backend copies documents in and out', async () => {
  const backend = new MemoryStorage().configurationBackend;
  const data = { Accounts: { 'alice@example.com': { enabled: true } } };
  await backend.save(data);
  data.Accounts['alice@example.com'].enabled = false;
  const loaded = await backend.load();
  assert.deepEqual(loaded, { Accounts: { 'alice@example.com': { enabled: true } } });
  (loaded.Accounts as Record<string, unknown>).x = 1;
  assert.deepEqual(await backend.load(), { Accounts: { 'alice@example.com': { enabled: true } } });
  await backend.delete();
  assert.deepEqual(await backend.load(), {});
});

test('the memory XCAP factory returns one storage per account', async () => {
  const storage = new MemoryStorage();
  await storage.xcapStorageFactory('alice@example.com').save('journal', '[]');
  assert.equal(await storage.xcapStorageFactory('alice@example.com').load('journal'), '[]');
  assert.equal(await storage.xcapStorageFactory('bob@example.com').load('journal'), undefined);
  await storage.xcapStorageFactory('alice@example.com').delete('journal');
  assert.equal(await storage.xcapStorageFactory('alice@example.com').load('journal'), undefined);
  await storage.xcapStorageFactory('alice@example.com').save('a', '1');
  await storage.xcapStorageFactory('alice@example.com').purge();
  assert.equal(await storage.xcapStorageFactory('alice@example.com').load('a'), undefined);
  await assert.rejects(storage.xcapStorageFactory('alice@example.com').save('', 'x'), StorageError);
});

test('the default directory follows each platform convention', () => {
  assert.equal(defaultStorageDirectory('linux', {}, '/home/alice'), '/home/alice/.config/sipsimple');
  assert.equal(defaultStorageDirectory('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/alice'), '/xdg/sipsimple');
  assert.equal(defaultStorageDirectory('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/alice'), '/home/alice/.config/sipsimple');
  assert.equal(defaultStorageDirectory('darwin', {}, '/Users/alice'), '/Users/alice/Library/Application Support/sipsimple');
  assert.equal(
    defaultStorageDirectory('win32', { APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' }, 'C:\\Users\\alice'),
    'C:\\Users\\alice\\AppData\\Roaming\\sipsimple',
  );
});
