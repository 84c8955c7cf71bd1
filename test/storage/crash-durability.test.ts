import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationManager, SIPSimpleSettings } from '../../src/configuration/index.js';
import { FileStorage } from '../../src/storage/index.js';
import { crashDocument, crashUserAgent, crashVersion } from './fixtures/crash-documents.js';

const saveLoop = fileURLToPath(new URL('./fixtures/save-loop.ts', import.meta.url));
const ROUNDS = 20;

/**
 * Starts the save loop, waits until it has saved at least once, lets it run a
 * random 0-40 ms more and kills it with SIGKILL. Resolves with the highest
 * version the child reported as saved.
 */
function runAndKill(directory: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', saveLoop, directory], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acknowledged = 0;
    let buffered = '';
    let stderr = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acknowledged = Math.max(acknowledged, Number(line));
      if (!killScheduled && acknowledged > 0) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`save loop exited with code ${code} before being killed: ${stderr}`));
    });
  });
}

test('kill -9 during SettingsObject.save() leaves the old or the new settings, never a broken file', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'sipsimple-crash-'));
  try {
    const storage = new FileStorage(directory);
    let previous = 0;
    let killedMidWrite = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const acknowledged = await runAndKill(directory);
      if ((await readdir(directory)).some((name) => name.endsWith('.tmp'))) killedMidWrite += 1;
      const text = await readFile(storage.configurationBackend.path, 'utf8');
      const document = JSON.parse(text) as { SIPSimpleSettings: { userAgent: string } };
      const version = crashVersion(document.SIPSimpleSettings.userAgent);
      // A save that resolved is durable: the file holds that version or the one being written after it.
      assert.ok(version >= acknowledged, `round ${round}: found ${version}, saved ${acknowledged}`);
      assert.ok(version > previous, `round ${round}: no progress past ${previous}`);
      assert.deepEqual(document, crashDocument(version));
      previous = version;
    }
    t.diagnostic(`${ROUNDS} rounds, ${killedMidWrite} killed between creating and renaming a temporary file`);
    // The next start reads the last version and sweeps temporary files that killed writers left behind.
    const configurationManager = new ConfigurationManager();
    await configurationManager.start(storage.configurationBackend);
    assert.equal(SIPSimpleSettings.instance({ configurationManager }).userAgent, crashUserAgent(previous));
    assert.deepEqual((await readdir(directory)).filter((name) => name.endsWith('.tmp')), []);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
