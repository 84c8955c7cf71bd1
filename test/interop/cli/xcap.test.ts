// `sipsimple xcap` through the lab's XCAP server as alice: capabilities; a contact's
// life cycle; a group with a member; bob allowed by presence policy; offline status set
// and cleared (the lab has pidf-manipulation); a status icon refused (no pres-content).
// Every change is read back from the server with plain HTTP (curl); presence policy is
// read from org.openmobilealliance.pres-rules, the document the manager writes when the
// server has it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { curl } from '../../lab/curl.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { cliUser, type CLIUser } from './cli-lab.js';

/** The document `auid` of alice, as the server holds it (empty when there is none). */
async function documentOf(lab: Lab, auid: string): Promise<{ status: number; body: string }> {
  const response = await curl({ url: `${lab.xcapRoot}/${auid}/users/${lab.users.alice.aor}/index`, auth: lab.users.alice });
  return { status: response.status, body: response.body };
}

describe('sipsimple xcap through the lab', { timeout: 240_000 }, () => {
  let lab: Lab;
  let alice: CLIUser;
  const xcap = async (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => alice.run(['xcap', ...args, '--timeout', '25'], 60_000);

  before(async () => {
    lab = await startLab();
    alice = await cliUser(lab, lab.users.alice);
  });

  after(async () => {
    await alice?.remove();
    await lab?.stop();
  });

  it('with xcap.enabled false it exits 2 naming the setting', async () => {
    const result = await xcap(['contacts', 'list']);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /settings set --account alice@example\.test xcap\.enabled true/);
    const enabled = await alice.run(['settings', 'set', '--account', 'alice@example.test', 'xcap.enabled', 'true']);
    assert.equal(enabled.code, 0, enabled.stderr);
  });

  it('capabilities lists the lab\'s application usages and features', async () => {
    const result = await xcap(['capabilities']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^xcap-root\\t${lab.xcapRoot.replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(result.stdout, /^auid\tresource-lists$/m);
    assert.match(result.stdout, /^auid\tpidf-manipulation$/m);
    assert.match(result.stdout, /^contacts\tyes$/m);
    assert.match(result.stdout, /^offline-status\tyes$/m);
    assert.match(result.stdout, /^status-icon\tno$/m);
    assert.match(result.stdout, /^dialog-policies\tno$/m);
  });

  it('a contact is added, listed, updated and removed, each change on the server', async () => {
    const added = await xcap(['contacts', 'add', 'Carol Example', 'carol@example.test', '--presence', 'allow']);
    assert.equal(added.code, 0, added.stdout + added.stderr);
    const id = /^added contact ([0-9a-f]+)\tCarol Example\tsip:carol@example\.test\tpresence=allow\tdialog=default$/m.exec(added.stdout)?.[1];
    assert.ok(id, added.stdout);
    let lists = await documentOf(lab, 'resource-lists');
    assert.equal(lists.status, 200);
    assert.match(lists.body, /sip:carol@example\.test/);
    assert.match(lists.body, /Carol Example/);

    const listed = await xcap(['contacts', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, `${id}\tCarol Example\tsip:carol@example.test\tpresence=allow\tdialog=default\n`);
    const json = await xcap(['contacts', 'list', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), [
      { id, name: 'Carol Example', uris: ['sip:carol@example.test'], presence: { policy: 'allow', subscribe: false }, dialog: { policy: 'default', subscribe: false }, groups: [] },
    ]);

    const updated = await xcap(['contacts', 'update', 'carol@example.test', '--name', 'Carol C', '--presence', 'block']);
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    assert.match(updated.stdout, new RegExp(`^updated contact ${id}\\tCarol C\\tsip:carol@example\\.test\\tpresence=block\\tdialog=default$`, 'm'));
    lists = await documentOf(lab, 'resource-lists');
    assert.match(lists.body, /Carol C/);
    assert.doesNotMatch(lists.body, /Carol Example/);
    const rules = await documentOf(lab, 'org.openmobilealliance.pres-rules');
    assert.match(rules.body, /wp_prs_blockedcontacts[\s\S]*sip:carol@example\.test/);

    const removed = await xcap(['contacts', 'remove', id]);
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);
    assert.match(removed.stdout, new RegExp(`^removed contact ${id}\\t`, 'm'));
    lists = await documentOf(lab, 'resource-lists');
    assert.doesNotMatch(lists.body, /sip:carol@example\.test/);

    const missing = await xcap(['contacts', 'remove', id]);
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /CONTACT "[0-9a-f]+" is no contact's id, URI or name/);
  });

  it('a group gets a member, and loses it', async () => {
    const contact = await xcap(['contacts', 'add', 'Dave', 'dave@example.test']);
    assert.equal(contact.code, 0, contact.stdout + contact.stderr);
    const contactId = /^added contact ([0-9a-f]+)\t/m.exec(contact.stdout)![1]!;
    const group = await xcap(['groups', 'add', 'Friends']);
    assert.equal(group.code, 0, group.stdout + group.stderr);
    const groupId = /^added group ([0-9a-f]+)\tFriends\t$/m.exec(group.stdout)?.[1];
    assert.ok(groupId, group.stdout);

    const member = await xcap(['groups', 'add-member', 'Friends', 'dave@example.test']);
    assert.equal(member.code, 0, member.stdout + member.stderr);
    assert.match(member.stdout, new RegExp(`^added ${contactId} to group ${groupId}\\tFriends\\t${contactId}$`, 'm'));
    const listed = await xcap(['groups', 'list']);
    assert.equal(listed.stdout, `${groupId}\tFriends\t${contactId}\n`);
    const lists = await documentOf(lab, 'resource-lists');
    assert.match(lists.body, /Friends/);

    const renamed = await xcap(['groups', 'update', groupId!, '--name', 'Close friends']);
    assert.equal(renamed.code, 0, renamed.stdout + renamed.stderr);
    assert.match((await documentOf(lab, 'resource-lists')).body, /Close friends/);

    const out = await xcap(['groups', 'remove-member', 'Close friends', contactId]);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assert.equal((await xcap(['groups', 'list'])).stdout, `${groupId}\tClose friends\t\n`);

    const removed = await xcap(['groups', 'remove', groupId!]);
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);
    assert.doesNotMatch((await documentOf(lab, 'resource-lists')).body, /Close friends/);
    assert.equal((await xcap(['contacts', 'remove', contactId])).code, 0);
  });

  it('policy set allow for bob puts him in pres-rules; policy show tells it', async () => {
    const set = await xcap(['policy', 'set', 'bob@example.test', 'allow']);
    assert.equal(set.code, 0, set.stdout + set.stderr);
    assert.match(set.stdout, /^set sip:bob@example\.test\tpresence\tallow\tpolicy [0-9a-f]+$/m);
    const rules = await documentOf(lab, 'org.openmobilealliance.pres-rules');
    assert.match(rules.body, /<(\w+:)?one id="sip:bob@example\.test"\/>/);
    assert.match(rules.body, /sub-handling>allow</);

    const shown = await xcap(['policy', 'show', 'sip:bob@example.test']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^sip:bob@example\.test\tpresence\tallow\tpolicy [0-9a-f]+$/m);

    // The rules the manager wrote are the ones Kamailio enforces: bob's subscription is active at once.
    const bobCLI = await cliUser(lab, lab.users.bob);
    try {
      const watching = bobCLI.start(['subscribe-presence', 'alice@example.test', '--duration', '20'], 30_000);
      await watching.waitForLine(/^sip:alice@example\.test: active/);
      watching.child.kill('SIGINT');
      assert.equal((await watching.result).code, 0);
    } finally {
      await bobCLI.remove();
    }

    const polite = await xcap(['policy', 'set', 'bob@example.test', 'polite-block']);
    assert.equal(polite.code, 0, polite.stdout + polite.stderr);
    assert.match(polite.stdout, /^set sip:bob@example\.test\tpresence\tpolite-block\trule \w+$/m);
    assert.match((await documentOf(lab, 'org.openmobilealliance.pres-rules')).body, /polite-block/);

    const dialog = await xcap(['policy', 'show', 'bob@example.test', '--event', 'dialog']);
    assert.equal(dialog.code, 1, dialog.stdout + dialog.stderr);
    assert.match(dialog.stderr, /keeps no dialog policies \(its xcap-caps list no org\.openxcap\.dialog-rules\)/);
  });

  it('offline status is set and cleared on the server', async () => {
    const set = await xcap(['offline-status', 'set', '--note', 'Away for lunch']);
    assert.equal(set.code, 0, set.stdout + set.stderr);
    assert.match(set.stdout, /^set offline status closed, note "Away for lunch"$/m);
    const stored = await documentOf(lab, 'pidf-manipulation');
    assert.equal(stored.status, 200);
    assert.match(stored.body, /Away for lunch/);
    const shown = await xcap(['offline-status', 'show']);
    assert.equal(shown.stdout, 'closed, note "Away for lunch"\n');

    const cleared = await xcap(['offline-status', 'clear']);
    assert.equal(cleared.code, 0, cleared.stdout + cleared.stderr);
    assert.equal((await documentOf(lab, 'pidf-manipulation')).status, 404);
    assert.equal((await xcap(['offline-status', 'show'])).stdout, 'none\n');
  });

  it('icon set on a server without pres-content exits 1 saying so', async () => {
    const file = join(alice.configDir, 'icon.png');
    await writeFile(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]));
    const result = await xcap(['icon', 'set', file]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /stores no status icons \(its xcap-caps list no org\.openmobilealliance\.pres-content\)/);
  });

  it('a server that refuses every request (wrong password) ends the wait with exit 1', async () => {
    const mallory = await cliUser(lab, lab.users.bob, 'not-the-password');
    try {
      const enabled = await mallory.run(['settings', 'set', '--account', 'bob@example.test', 'xcap.enabled', 'true']);
      assert.equal(enabled.code, 0, enabled.stderr);
      const result = await mallory.run(['xcap', 'contacts', 'list', '--timeout', '25'], 60_000);
      assert.equal(result.code, 1, result.stdout + result.stderr);
      // The server's reason is printed: the 401 the credentials could not answer, on the first document.
      assert.match(result.stderr, /^sipsimple xcap: the XCAP server at http:\/\/127\.0\.0\.1:\d+\/xcap-root failed 3 requests in a row while waiting for XCAP server in sync: fetch of resource-lists: XCAP GET \S+: 401 Unauthorized \(authentication failed: credentials rejected.*\)$/m);
      assert.equal(result.stdout, '');
    } finally {
      await mallory.remove();
    }
  });
});
