/**
 * `kill -9` of a device process in the middle of an update, then a restart: every
 * journaled operation is on the server exactly once. Three crash points: just after
 * the operations were journaled, as the update starts (PUTs in flight), and after the
 * server took the update but before the journal entries were removed (the replay
 * then finds its contacts on the server already and must not add them twice).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../../lab/lab.js';
import { serverContactIds } from './lab-manager.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'device-process.ts');

/** Runs the device process; `killWhen` sees each output line and says when to SIGKILL it. Resolves with the lines and how it ended. */
function runDevice(
  options: Record<string, unknown>,
  killWhen: (line: string) => boolean = () => false,
): Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => { stderr += data.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (killWhen(line)) child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal === null) reject(new Error(`device exited ${code}: ${stderr}`));
      else resolve({ lines, signal, code });
    });
  });
}

describe('XCAPManager crash safety (kill -9)', { timeout: 240_000 }, () => {
  let lab: Lab;
  let dir: string;

  before(async () => {
    lab = await startLab();
    dir = await mkdtemp(join(tmpdir(), 'xcap-manager-crash-'));
  });
  after(async () => {
    await lab?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('every journaled operation is on the server exactly once after crashes and a restart', async () => {
    const { alice } = lab.users;
    const base = { root: lab.xcapRoot, username: alice.username, password: alice.password, aor: alice.aor, dir };
    const journaled: string[] = [];

    const first = ['a1', 'a2', 'a3'];
    const run1 = await runDevice({ ...base, add: first }, (line) => line === 'journaled a3');
    assert.equal(run1.signal, 'SIGKILL');
    journaled.push(...run1.lines.filter((line) => line.startsWith('journaled ')).map((line) => line.slice(10)));

    const second = ['b1', 'b2', 'b3'];
    const run2 = await runDevice({ ...base, add: second }, (line) => line === 'state updating');
    assert.equal(run2.signal, 'SIGKILL', run2.lines.join('\n'));
    journaled.push(...run2.lines.filter((line) => line.startsWith('journaled ')).map((line) => line.slice(10)));

    const third = ['c1', 'c2', 'c3'];
    const run3 = await runDevice({ ...base, add: third, crashAtJournalRemoval: true });
    assert.equal(run3.signal, 'SIGKILL', run3.lines.join('\n'));
    journaled.push(...run3.lines.filter((line) => line.startsWith('journaled ')).map((line) => line.slice(10)));
    const before = await serverContactIds(lab, alice);
    for (const id of [...first, ...second, ...third]) assert.ok(before.includes(id), `${id} reached the server before the last crash`);

    const resumed = await runDevice({ ...base, add: [] });
    assert.equal(resumed.code, 0);
    assert.ok(resumed.lines.includes('settled 0'), resumed.lines.join('\n'));
    assert.deepEqual(journaled, [...first, ...second, ...third]);
    const onServer = await serverContactIds(lab, alice);
    for (const id of journaled) assert.equal(onServer.filter((item) => item === id).length, 1, `${id} once on the server: ${onServer}`);
    assert.equal(onServer.length, journaled.length);
  });
});
