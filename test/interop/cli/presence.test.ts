// Presence through the CLI and the lab: alice publishes (status, note, activity, mood);
// bob's subscribe-presence is pending until alice allows him with subscribe-winfo, which
// sets her presence policy through her account's XCAPManager (as `xcap policy set` does:
// org.openmobilealliance.pres-rules on the lab's server); then bob prints the active state
// with her note. Without xcap.enabled subscribe-winfo's decisions name the setting. Ctrl-C ends bob's subscription cleanly (exit 0), and alice's publication ends
// with her command.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { curl } from '../../lab/curl.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { cliUser, type CLIUser } from './cli-lab.js';

describe('sipsimple presence through the lab', { timeout: 120_000 }, () => {
  let lab: Lab;
  let alice: CLIUser;
  let bob: CLIUser;

  before(async () => {
    lab = await startLab();
    alice = await cliUser(lab, lab.users.alice);
    bob = await cliUser(lab, lab.users.bob);
  });

  it('--allow-pending without xcap.enabled exits 2 naming the setting', async () => {
    const winfo = await alice.run(['subscribe-winfo', '--allow-pending', '--count', '1']);
    assert.equal(winfo.code, 2, winfo.stdout + winfo.stderr);
    assert.match(winfo.stderr, /sipsimple settings set --account alice@example\.test xcap\.enabled true/);
    const enabled = await alice.run(['settings', 'set', '--account', 'alice@example.test', 'xcap.enabled', 'true']);
    assert.equal(enabled.code, 0, enabled.stderr);
  });

  after(async () => {
    await alice?.remove();
    await bob?.remove();
    await lab?.stop();
  });

  it('pending, then allowed through pres-rules, then active with the note', async () => {
    const publishing = alice.start(['publish-presence', '--note', 'In a meeting', '--activity', 'meeting', '--mood', 'happy', '--duration', '60'], 70_000);
    await publishing.waitForLine(/^published: open, note "In a meeting", activities meeting, mood happy \(expires in \d+ s\)$/);

    const watching = bob.start(['subscribe-presence', 'alice@example.test', '--duration', '60'], 70_000);
    await watching.waitForLine(/^sip:alice@example\.test: pending$/);

    const winfo = await alice.run(['subscribe-winfo', '--allow-pending', '--count', '2', '--duration', '20'], 30_000);
    assert.equal(winfo.code, 0, winfo.stdout + winfo.stderr);
    assert.match(winfo.stdout, /^subscribed to the watchers of sip:alice@example\.test$/m);
    assert.match(winfo.stdout, /^watcher sip:bob@example\.test: pending \(subscribe\)$/m);
    assert.match(winfo.stdout, /^allowed sip:bob@example\.test$/m);
    assert.match(winfo.stdout, /^watcher sip:bob@example\.test: active \(\w+\)$/m);
    const rules = await curl({ url: `${lab.xcapRoot}/org.openmobilealliance.pres-rules/users/${lab.users.alice.aor}/index`, method: 'GET', auth: lab.users.alice });
    assert.match(rules.body, /<(\w+:)?one id="sip:bob@example\.test"\/>/);
    assert.match(rules.body, /sub-handling>allow</);

    await watching.waitForLine(/^sip:alice@example\.test: active: open, note "In a meeting", activities meeting, mood happy$/);
    watching.child.kill('SIGINT');
    const watched = await watching.result;
    assert.equal(watched.code, 0, watched.stderr);

    publishing.child.kill('SIGINT');
    const published = await publishing.result;
    assert.equal(published.code, 0, published.stderr);
  });

  it('--block writes a blocking rule; the blocked watcher gets no presence', async () => {
    const winfo = await alice.run(['subscribe-winfo', '--block', 'carol@example.test', '--count', '1', '--duration', '10']);
    assert.equal(winfo.code, 0, winfo.stdout + winfo.stderr);
    assert.match(winfo.stdout, /^blocked sip:carol@example\.test$/m);
    const carol = await cliUser(lab, lab.users.carol);
    try {
      const watched = await carol.run(['subscribe-presence', 'alice@example.test', '--duration', '3']);
      assert.doesNotMatch(watched.stdout, /: active/, watched.stdout);
    } finally {
      await carol.remove();
    }
  });
});
