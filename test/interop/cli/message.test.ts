// `sipsimple message` through the lab: bob runs `message --wait` (registers, then prints
// each MESSAGE), alice sends one and exits 0 on the 200; a MESSAGE to a user with no
// registered device exits 1 with the 404.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../lab/lab.js';
import { cliUser, type CLIUser } from './cli-lab.js';

describe('sipsimple message through the lab', { timeout: 120_000 }, () => {
  let lab: Lab;
  let alice: CLIUser;
  let bob: CLIUser;

  before(async () => {
    lab = await startLab();
    alice = await cliUser(lab, lab.users.alice);
    bob = await cliUser(lab, lab.users.bob);
  });

  after(async () => {
    await alice?.remove();
    await bob?.remove();
    await lab?.stop();
  });

  it('alice sends, bob waiting prints it; both exit 0', async () => {
    const waiting = bob.start(['message', '--wait', '--count', '1', '--duration', '30']);
    await waiting.waitForLine(/^waiting for messages as sip:bob@example\.test$/);
    const sent = await alice.run(['message', 'bob@example.test', 'hello', 'bob', '--content-type', 'text/plain']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^delivered: 200$/m);
    const received = await waiting.result;
    assert.equal(received.code, 0, received.stderr);
    assert.match(received.stdout, /^sip:alice@example\.test: hello bob$/m);
  });

  it('--wait exits 1 at once when the account cannot register', async () => {
    const impostor = await cliUser(lab, lab.users.carol, 'wrong');
    try {
      const result = await impostor.run(['message', '--wait', '--duration', '20']);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /^registration failed: 401 Unauthorized/m);
      assert.match(result.stderr, /the account could not be reached/);
    } finally {
      await impostor.remove();
    }
  });

  it('a MESSAGE nobody can take exits 1 with the status', async () => {
    const sent = await alice.run(['message', 'sip:carol@example.test', 'anyone?']);
    assert.equal(sent.code, 1, sent.stderr);
    assert.match(sent.stdout, /^not delivered: 404$/m);
  });
});
