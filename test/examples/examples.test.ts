// The README's tour quotes examples/: running them here keeps the README true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runExample(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', `examples/${name}`], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${name} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('examples/message.ts: bob receives alice\'s MESSAGE and alice sees it delivered', async () => {
  const output = await runExample('message.ts');
  assert.match(output, /^bob got from sip:alice@example\.test: Hello, Bob$/m);
  assert.match(output, /^delivered: 200 OK$/m);
});

test('examples/pidf.ts: a PIDF with RPID survives serialization and parsing', async () => {
  const output = await runExample('pidf.ts');
  assert.match(output, /<rpid:activities>\s*<rpid:meeting\/>\s*<\/rpid:activities>/);
  assert.match(output, /^basic: open$/m);
  assert.match(output, /^activities: meeting; mood: happy$/m);
  assert.match(output, /^note: In a meeting until 3$/m);
});
