import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage, StorageError, removeStaleTemporaryFiles, writeFileAtomic } from '../../src/storage/index.js';

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'sipsimple-storage-'));
  try {
    await run(join(directory, 'config'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('the configuration backend round-trips a document and creates its directory owner-only', () =>
  withDirectory(async (directory) => {
    const backend = new FileStorage(directory).configurationBackend;
    assert.deepEqual(await backend.load(), {});
    const data = { SIPSimpleSettings: { userAgent: 'x' }, Accounts: { 'alice@example.com': { enabled: true } } };
    await backend.save(data);
    assert.deepEqual(await new FileStorage(directory).configurationBackend.load(), data);
    assert.equal((await stat(directory)).mode & 0o777, 0o700);
    assert.equal((await stat(backend.path)).mode & 0o777, 0o600);
    await backend.delete();
    assert.deepEqual(await backend.load(), {});
    await backend.delete();
  }));

test('saves to one file land in call order', () =>
  withDirectory(async (directory) => {
    const backend = new FileStorage(directory).configurationBackend;
    await Promise.all(Array.from({ length: 10 }, (_, i) => backend.save({ version: i })));
    assert.deepEqual(await backend.load(), { version: 9 });
  }));

test('a broken configuration file is a StorageError naming the file', () =>
  withDirectory(async (directory) => {
    const backend = new FileStorage(directory).configurationBackend;
    await backend.save({});
    await writeFile(backend.path, '{"truncated": ');
    await assert.rejects(backend.load(), (error: unknown) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.path, backend.path);
      assert.match(error.message, /config\.json is not valid JSON/);
      return true;
    });
    await writeFile(backend.path, '[1, 2]');
    await assert.rejects(backend.load(), /does not hold a JSON object/);
  }));

test('XCAP storage keeps entries per account, atomically, and purges them', () =>
  withDirectory(async (directory) => {
    const storage = new FileStorage(directory);
    const alice = storage.xcapStorageFactory('alice@example.com');
    const bob = storage.xcapStorageFactory('bob@example.com');
    assert.equal(await alice.load('journal'), undefined);
    await alice.save('journal', '[]');
    await alice.save('pres-rules', '<ruleset/>');
    await bob.save('journal', '[{"op":"add_group"}]');
    assert.equal(await storage.xcapStorageFactory('alice@example.com').load('journal'), '[]');
    assert.equal(await bob.load('journal'), '[{"op":"add_group"}]');
    await alice.delete('pres-rules');
    await alice.delete('pres-rules');
    assert.equal(await alice.load('pres-rules'), undefined);
    await alice.purge();
    assert.equal(await alice.load('journal'), undefined);
    assert.deepEqual(await readdir(join(directory, 'xcap')), ['bob%40example.com']);
    await alice.purge();
  }));

test('XCAP entry names cannot escape the account directory', () =>
  withDirectory(async (directory) => {
    const storage = new FileStorage(directory);
    const xcap = storage.xcapStorageFactory('../../evil');
    await xcap.save('../../../outside', 'data');
    await xcap.save('..', 'dots');
    assert.deepEqual(await readdir(join(directory, 'xcap')), ['%2E.%2F..%2Fevil']);
    assert.deepEqual((await readdir(join(directory, 'xcap', '%2E.%2F..%2Fevil'))).sort(), [
      '%2E.',
      '%2E.%2F..%2F..%2Foutside',
    ]);
    assert.equal(await xcap.load('../../../outside'), 'data');
    await assert.rejects(xcap.save('', 'x'), StorageError);
  }));

test('stale temporary files of dead writers are swept, those of live ones kept', () =>
  withDirectory(async (directory) => {
    await writeFileAtomic(join(directory, 'doc'), 'content');
    const dead = join(directory, '.doc.999999999.0123456789ab.tmp');
    const live = join(directory, `.doc.${process.pid}.0123456789ab.tmp`);
    await writeFile(dead, 'half');
    await writeFile(live, 'in progress');
    assert.equal(await removeStaleTemporaryFiles(directory), 1);
    assert.deepEqual((await readdir(directory)).sort(), [`.doc.${process.pid}.0123456789ab.tmp`, 'doc']);
    assert.equal(await readFile(join(directory, 'doc'), 'utf8'), 'content');
    assert.equal(await removeStaleTemporaryFiles(join(directory, 'missing')), 0);
  }));

test('a write that cannot complete is a StorageError and leaves no temporary file', () =>
  withDirectory(async (directory) => {
    await writeFileAtomic(join(directory, 'file'), 'x');
    await assert.rejects(writeFileAtomic(join(directory, 'file', 'below-a-file'), 'y'), StorageError);
    assert.deepEqual(await readdir(directory), ['file']);
  }));
