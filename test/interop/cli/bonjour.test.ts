// The README's first command: with no account configured the CLI acts as the Bonjour
// account. Two CLI processes in two network namespaces joined by a veth pair (mDNS never
// leaves the pair): bob runs `message --wait` under the display name Bob; alice, with a
// fresh configuration, finds him by that name on the link and sends him a MESSAGE; he
// prints it. Then bob publishes a note (presence.enabled on his Bonjour account) and
// alice's subscribe-presence by his name prints it, peer to peer. No server anywhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCLI, startCLI } from '../../cli/run-cli.js';
import { createNamespacePair, type NamespacePair } from '../bonjour/netns.js';

describe('sipsimple with no account: Bonjour between two namespaces', { timeout: 120_000 }, () => {
  let pair: NamespacePair;
  let aliceDir: string;
  let bobDir: string;

  before(async () => {
    pair = createNamespacePair('clib');
    aliceDir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-bonjour-'));
    bobDir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-bonjour-'));
  });

  after(async () => {
    pair?.remove();
    await rm(aliceDir, { recursive: true, force: true });
    await rm(bobDir, { recursive: true, force: true });
  });

  it('message --wait on one side, message NAME TEXT on the other', async () => {
    const named = await runCLI(['settings', 'set', '--account', 'bonjour@local', 'displayName', 'Bob', '--config-dir', bobDir]);
    assert.equal(named.code, 0, named.stderr);
    const list = await runCLI(['account', 'list', '--config-dir', aliceDir]);
    assert.match(list.stdout, /^\* bonjour@local/m, 'alice has no account but the Bonjour one');

    const bob = startCLI(['message', '--wait', '--count', '1', '--duration', '60', '--bind', pair.b.address, '--config-dir', bobDir], 70_000, undefined, ['ip', 'netns', 'exec', pair.b.namespace]);
    await bob.waitForLine(/^waiting for messages as sip:\w+@/);
    const alice = await startCLI(['message', 'Bob', 'hello over Bonjour', '--bind', pair.a.address, '--config-dir', aliceDir], 40_000, undefined, ['ip', 'netns', 'exec', pair.a.namespace]).result;
    assert.equal(alice.code, 0, alice.stdout + alice.stderr);
    assert.match(alice.stdout, /^neighbour: Bob <sip:\w+@/m);
    assert.match(alice.stdout, /^delivered: 200 OK$/m);
    const received = await bob.result;
    assert.equal(received.code, 0, received.stderr);
    assert.match(received.stdout, new RegExp(`^sip:\\w+@${pair.a.address.replace(/\./g, '\\.')}: hello over Bonjour$`, 'm'));
  });

  it('publish-presence on one side, subscribe-presence NAME on the other, peer to peer', async () => {
    const enabled = await runCLI(['settings', 'set', '--account', 'bonjour@local', 'presence.enabled', 'true', '--config-dir', bobDir]);
    assert.equal(enabled.code, 0, enabled.stderr);
    const bob = startCLI(['publish-presence', '--note', 'at my desk', '--duration', '60', '--bind', pair.b.address, '--config-dir', bobDir], 70_000, undefined, ['ip', 'netns', 'exec', pair.b.namespace]);
    await bob.waitForLine(/^published on the local network: open, note "at my desk"$/);
    const alice = await startCLI(['subscribe-presence', 'Bob', '--count', '1', '--duration', '30', '--bind', pair.a.address, '--config-dir', aliceDir], 40_000, undefined, ['ip', 'netns', 'exec', pair.a.namespace]).result;
    assert.equal(alice.code, 0, alice.stdout + alice.stderr);
    assert.match(alice.stdout, /^subscribed to presence of sip:\w+@/m);
    assert.match(alice.stdout, /^sip:\w+@[\d.:]+(;transport=\w+)?: active: open, note "at my desk"$/m);
    bob.child.kill('SIGINT');
    assert.equal((await bob.result).code, 0);
  });
});
