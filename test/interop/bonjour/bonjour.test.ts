/**
 * The Bonjour account between two processes with no server (middleware spec §25):
 * each runs in its own network namespace, the two joined by a veth pair, so mDNS
 * (RFC 6762) stays on that private link. Discovery both ways, MESSAGE both ways
 * (RFC 3428), presence in the TXT record and over a peer-to-peer subscription
 * (RFC 3856), and the goodbye (TTL 0) when a peer stops.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createNamespacePair, type NamespacePair } from './netns.js';
import { PeerProcess, type PeerEvent } from './peer-process.js';

describe('BonjourAccount between two processes (two namespaces, one veth link)', () => {
  let pair: NamespacePair;
  let alice: PeerProcess;
  let bob: PeerProcess;
  /** Each peer's neighbour entries for the other, by transport. */
  const seen = { alice: new Map<string, PeerEvent>(), bob: new Map<string, PeerEvent>() };

  before(async () => {
    pair = createNamespacePair(`bj${process.pid % 100000}`);
    alice = PeerProcess.start(pair.a, { name: 'Alice', host: 'alice-host', user: 'alicepeer', presence: true });
    bob = PeerProcess.start(pair.b, { name: 'Bob', host: 'bob-host', user: 'bobpeer', presence: true });
    await Promise.all([alice.waitForEvent('ready'), bob.waitForEvent('ready')]);
  });

  after(async () => {
    await Promise.all([alice?.stop(), bob?.stop()]).catch(() => {
      alice?.kill();
      bob?.kill();
    });
    pair?.remove();
  });

  it('advertises each transport and starts discovery for it', async () => {
    for (const peer of [alice, bob]) {
      for (const transport of ['udp', 'tcp']) {
        await peer.waitForEvent('BonjourAccountWillRegister', { transport });
        const registered = await peer.waitForEvent('BonjourAccountRegistrationDidSucceed', { transport });
        assert.match(String(registered.name), transport === 'udp' ? /^sip:\w+@10\.213\.\d+\.\d+:\d+$/ : /;transport=tcp$/);
        await peer.waitForEvent('BonjourAccountWillInitateDiscovery', { transport });
      }
      await peer.waitForEvent('SIPAccountDidActivate');
      assert.equal(peer.events.filter((event) => event.event === 'BonjourAccountRegistrationDidFail' || event.event === 'BonjourAccountDiscoveryDidFail').length, 0);
    }
  });

  it('discovers the other peer both ways, with its contact, name and host', async () => {
    for (const transport of ['udp', 'tcp']) {
      const bobAtAlice = await alice.waitForEvent('BonjourAccountDidAddNeighbour', { transport, displayName: 'Bob' });
      assert.equal(bobAtAlice.serviceDescription, `bobpeer-${transport}._sipuri._${transport}.local`);
      assert.equal(bobAtAlice.host, 'bob-host.local');
      assert.match(String(bobAtAlice.uri), new RegExp(`^sip:bobpeer@${pair.b.address.replace(/\./g, '\\.')}:\\d+`));
      seen.alice.set(transport, bobAtAlice);
      const aliceAtBob = await bob.waitForEvent('BonjourAccountDidAddNeighbour', { transport, displayName: 'Alice' });
      assert.equal(aliceAtBob.host, 'alice-host.local');
      assert.match(String(aliceAtBob.uri), new RegExp(`^sip:alicepeer@${pair.a.address.replace(/\./g, '\\.')}:\\d+`));
      seen.bob.set(transport, aliceAtBob);
    }
    // Neither peer reports itself.
    assert.equal(alice.events.filter((event) => event.event === 'BonjourAccountDidAddNeighbour' && event.displayName === 'Alice').length, 0);
    assert.equal(bob.events.filter((event) => event.event === 'BonjourAccountDidAddNeighbour' && event.displayName === 'Bob').length, 0);
  });

  it('sends a MESSAGE from Alice to Bob over UDP', async () => {
    const from = alice.events.length;
    alice.send({ cmd: 'message', uri: seen.alice.get('udp')!.uri, body: 'hello Bob over UDP' });
    const outcome = await alice.waitForEvent('messageOutcome', {}, from);
    assert.deepEqual({ succeeded: outcome.succeeded, code: outcome.code }, { succeeded: true, code: 200 });
    const got = await bob.waitForEvent('SIPAccountGotMessage', { body: 'hello Bob over UDP' });
    assert.equal(got.contentType, 'text/plain');
    assert.match(String(got.sender), /^"?Alice"? <sip:alicepeer@/);
  });

  it('sends a MESSAGE from Bob to Alice over TCP', async () => {
    const from = bob.events.length;
    bob.send({ cmd: 'message', uri: seen.bob.get('tcp')!.uri, body: 'hello Alice over TCP' });
    const outcome = await bob.waitForEvent('messageOutcome', {}, from);
    assert.equal(outcome.code, 200);
    const got = await alice.waitForEvent('SIPAccountGotMessage', { body: 'hello Alice over TCP' });
    assert.match(String(got.sender), /^"?Bob"? <sip:bobpeer@/);
  });

  it('answers 415 for a body type it does not take', async () => {
    const from = alice.events.length;
    alice.send({ cmd: 'message', uri: seen.alice.get('udp')!.uri, body: '\u0000\u0001', contentType: 'application/octet-stream' });
    const outcome = await alice.waitForEvent('messageOutcome', {}, from);
    assert.deepEqual({ succeeded: outcome.succeeded, code: outcome.code }, { succeeded: false, code: 415 });
  });

  it('survives malformed and nonsensical mDNS packets: the bad neighbour is a discovery failure, MESSAGE still works', async () => {
    alice.send({ cmd: 'garbage' });
    await alice.waitForEvent('garbageSent');
    const failure = await bob.waitForEvent('BonjourAccountDiscoveryFailure');
    assert.equal(failure.transport, 'udp');
    assert.match(String(failure.error), /^junk\._sipuri\._udp\.local: /);
    const from = alice.events.length;
    alice.send({ cmd: 'message', uri: seen.alice.get('udp')!.uri, body: 'still there?' });
    assert.equal((await alice.waitForEvent('messageOutcome', {}, from)).code, 200);
    await bob.waitForEvent('SIPAccountGotMessage', { body: 'still there?' });
    assert.equal(bob.events.filter((event) => event.event === 'BonjourAccountDidAddNeighbour' && String(event.serviceDescription).startsWith('junk.')).length, 0);
  });

  it('shows presence set in the TXT record as a neighbour update', async () => {
    const from = bob.events.length;
    alice.send({ cmd: 'presence', state: 'busy', note: 'In a meeting' });
    const update = await bob.waitForEvent('BonjourAccountDidUpdateNeighbour', { transport: 'udp' }, from);
    assert.deepEqual(update.presence, { state: 'busy', note: 'In a meeting' });
    assert.equal(update.displayName, 'Alice');
  });

  it('serves presence peer to peer: a subscription gets the PIDF and its changes', async () => {
    const from = bob.events.length;
    bob.send({ cmd: 'subscribe', uri: seen.bob.get('udp')!.uri });
    const first = await bob.waitFor(
      (event) => bob.events.indexOf(event) >= from && event.event === 'SIPAccountGotPresenceState' && JSON.stringify(event.resources).includes('In a meeting'),
    );
    const [resource] = first.resources as Array<{ state: string; pidf: string[] }>;
    assert.equal(resource!.state, 'active');
    assert.match(resource!.pidf[0]!, /<basic>open<\/basic>/);
    alice.send({ cmd: 'presence', state: 'offline', note: 'Gone home' });
    const second = await bob.waitFor(
      (event) => event.event === 'SIPAccountGotPresenceState' && JSON.stringify(event.resources).includes('Gone home'),
    );
    assert.match((second.resources as Array<{ pidf: string[] }>)[0]!.pidf[0]!, /<basic>closed<\/basic>/);
  });

  it('says goodbye when a peer stops: the other removes it', async () => {
    const from = bob.events.length;
    await alice.stop();
    for (const transport of ['udp', 'tcp']) {
      assert.ok(alice.events.some((event) => event.event === 'BonjourAccountRegistrationDidEnd' && event.transport === transport));
      await bob.waitForEvent('BonjourAccountDidRemoveNeighbour', { serviceDescription: `alicepeer-${transport}._sipuri._${transport}.local` }, from);
    }
    assert.ok(alice.events.some((event) => event.event === 'SIPAccountDidDeactivate'));
  });
});
