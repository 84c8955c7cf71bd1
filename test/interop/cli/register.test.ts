// `sipsimple register` against the lab's registrar: --max-registers 1 exits 0 once the
// REGISTER got its 200 (and unregisters on the way out); a wrong password exits 1 with
// the registrar's refusal in words; a run ended by SIGINT (Ctrl-C) unregisters and exits.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../lab/lab.js';
import { cliUser, type CLIUser } from './cli-lab.js';

describe('sipsimple register against the lab', { timeout: 120_000 }, () => {
  let lab: Lab;
  let alice: CLIUser;
  let impostor: CLIUser;

  before(async () => {
    lab = await startLab();
    alice = await cliUser(lab, lab.users.alice);
    impostor = await cliUser(lab, lab.users.alice, 'not-the-password');
  });

  after(async () => {
    await alice?.remove();
    await impostor?.remove();
    await lab?.stop();
  });

  it('--max-registers 1 exits 0 once registered, and unregisters', async () => {
    const result = await alice.run(['register', '--max-registers', '1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^registered as sip:alice@example\.test at <sip:\w+@127\.0\.0\.1:\d+;transport=tcp> for 3600 s via 127\.0\.0\.1:\d+\/tcp$/m);
    assert.match(result.stdout, /^unregistered$/m);
    assert.doesNotMatch(await lab.kamcmd('ul.dump'), /alice/, 'no binding left');
  });

  it('a wrong password exits 1 with a clear message, and never shows the password', async () => {
    const result = await impostor.run(['register', '--max-registers', '1', '--trace-sip', '--trace-notifications']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^registration failed: 401 Unauthorized: credentials rejected for realm "example\.test"/m);
    assert.match(result.stderr, /Authorization: Digest username="alice"/, 'the trace shows the digest header');
    assert.doesNotMatch(result.stdout + result.stderr, /not-the-password/);
  });

  it('--expires asks the registrar for that interval; Ctrl-C unregisters and exits 0', async () => {
    const running = alice.start(['register', '--expires', '120']);
    await running.waitForLine(/^registered as .* for 120 s/);
    running.child.kill('SIGINT');
    const result = await running.result;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^unregistered$/m);
  });
});
