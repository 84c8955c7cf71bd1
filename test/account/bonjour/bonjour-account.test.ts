import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { AccountRuntime } from '../../../src/account/account-runtime.js';
import { BonjourAccount, BonjourError, type MDNSSocket } from '../../../src/account/bonjour/index.js';
import { IncomingRequestRouter } from '../../../src/account/incoming-requests.js';
import { ConfigurationManager, SIPSimpleSettings } from '../../../src/configuration/index.js';
import { Engine } from '../../../src/core/index.js';
import { DNSLookup } from '../../../src/lookup/index.js';
import { NotificationCenter, type Notification } from '../../../src/notification/index.js';
import { MemoryStorage } from '../../../src/storage/index.js';
import { MemoryMDNSLink } from './memory-mdns.js';

/** One account on its own Engine (127.0.0.1) and configuration, its mDNS socket on the shared link. */
interface Peer {
  account: BonjourAccount;
  engine: Engine;
  runtime: AccountRuntime;
  log: Notification[];
}

const center = new NotificationCenter();

async function peer(link: MemoryMDNSLink | undefined, name: string, options: { presence?: boolean; socketFactory?: () => Promise<MDNSSocket> } = {}): Promise<Peer> {
  const configurationManager = new ConfigurationManager();
  await configurationManager.start(new MemoryStorage().configurationBackend);
  const engine = new Engine({ notificationCenter: center });
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp', 'tcp'] });
  const account = new BonjourAccount({
    configurationManager,
    notificationCenter: center,
    hostname: `${name}-host`,
    queryInterval: 50,
    probeInterval: 10,
    socketFactory: options.socketFactory ?? (async () => link!.socket('127.0.0.1')),
  });
  account.displayName = name;
  account.presence.enabled = options.presence ?? false;
  await account.save();
  const log: Notification[] = [];
  center.addObserver((notification) => log.push(notification), { sender: account });
  const runtime: AccountRuntime = { engine, dnsLookup: new DNSLookup({ notificationCenter: center }), settings: SIPSimpleSettings.instance({ configurationManager, notificationCenter: center }) };
  return { account, engine, runtime, log };
}

/** The first notification `name` of the peer's account that passes `test`, seen already or coming. */
function notified(p: Peer, name: string, test: (data: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  const seen = p.log.find((notification) => notification.name === name && test(notification.data as Record<string, unknown>));
  if (seen !== undefined) return Promise.resolve(seen.data as Record<string, unknown>);
  return new Promise((resolve) => {
    const remove = center.addObserver(
      (notification) => {
        if (!test(notification.data as Record<string, unknown>)) return;
        remove();
        resolve(notification.data as Record<string, unknown>);
      },
      { name, sender: p.account },
    );
  });
}

async function shutdown(...peers: Peer[]): Promise<void> {
  for (const p of peers) {
    await p.account.detach();
    await p.engine.stop();
  }
}

describe('BonjourAccount (middleware spec §25) on an in-memory mDNS link', () => {
  const link = new MemoryMDNSLink();
  let alice: Peer;
  let bob: Peer;

  before(async () => {
    alice = await peer(link, 'Alice', { presence: true });
    bob = await peer(link, 'Bob', { presence: true });
    await alice.account.attach(alice.runtime);
    await bob.account.attach(bob.runtime);
  });

  after(async () => {
    await shutdown(alice, bob);
    link.close();
  });

  it('is bonjour@local, with credentials and uri from its contact user', () => {
    const account = alice.account;
    assert.equal(String(account.id), 'bonjour@local');
    assert.equal(account.credentials.username, account.contact.username);
    assert.match(account.contact.username, /^[a-z]{8}$/);
    assert.equal(account.uri.toString(), `sip:${account.contact.username}@127.0.0.1`);
    assert.equal(account.isActive, true);
    assert.deepEqual(account.registeredTransports, ['udp', 'tcp']);
  });

  it('activates in order: will activate, will register per transport, registered per transport, discovery per transport, did activate', () => {
    const names = alice.log.slice(0, 8).map((n) => `${n.name}${(n.data as { transport?: string }).transport === undefined ? '' : ` ${(n.data as { transport: string }).transport}`}`);
    assert.deepEqual(names, [
      'SIPAccountWillActivate',
      'BonjourAccountWillRegister udp',
      'BonjourAccountWillRegister tcp',
      'BonjourAccountRegistrationDidSucceed udp',
      'BonjourAccountRegistrationDidSucceed tcp',
      'BonjourAccountWillInitateDiscovery udp',
      'BonjourAccountWillInitateDiscovery tcp',
      'SIPAccountDidActivate',
    ]);
    const registered = alice.log[3]!.data as { name: string };
    assert.equal(registered.name, alice.account.contact.get('udp').toString());
  });

  it('discovers the other account on each transport and not itself', async () => {
    for (const transport of ['udp', 'tcp']) {
      const data = await notified(alice, 'BonjourAccountDidAddNeighbour', (d) => d.transport === transport);
      assert.equal(data.displayName, 'Bob');
      assert.equal(data.host, 'Bob-host.local');
      assert.equal(String(data.uri), bob.account.contact.get(transport as 'udp' | 'tcp').toString());
      assert.equal(String(data.serviceDescription), `${bob.account.contact.username}-${transport}._sipuri._${transport}.local`);
    }
    await notified(bob, 'BonjourAccountDidAddNeighbour', (d) => d.transport === 'tcp');
    assert.deepEqual(alice.account.neighbours.map((n) => n.displayName), ['Bob', 'Bob']);
    assert.equal(alice.log.filter((n) => n.name === 'BonjourAccountDidAddNeighbour' && (n.data as { displayName: string }).displayName === 'Alice').length, 0);
  });

  it('sends a MESSAGE to a neighbour, which posts SIPAccountGotMessage', async () => {
    const [neighbour] = alice.account.neighbours.filter((n) => n.transport === 'udp');
    const outcome = await alice.account.sendMessage(neighbour!, 'text/plain', 'hi Bob');
    assert.deepEqual(outcome, { succeeded: true, code: 200, reason: 'OK' });
    const got = await notified(bob, 'SIPAccountGotMessage');
    assert.equal((got.body as Buffer).toString(), 'hi Bob');
    assert.equal(got.contentType, 'text/plain');
    assert.equal((got.sender as { uri: { user: string } }).uri.user, alice.account.contact.username);
  });

  it('gets 415 for a body type the neighbour does not take, and leaves MESSAGE for other users alone', async () => {
    const target = bob.account.contact.get('tcp');
    assert.equal((await alice.account.sendMessage(target, 'application/octet-stream', Buffer.from([0]))).code, 415);
    target.user = 'someoneelse';
    const outcome = await alice.account.sendMessage(target.toString(), 'text/plain', 'who?');
    assert.equal(outcome.succeeded, false);
    assert.equal(outcome.code, 405);
  });

  it('rejects targets that are not SIP URIs with an IP address', async () => {
    await assert.rejects(alice.account.sendMessage('not a uri', 'text/plain', 'x'), (error: unknown) => error instanceof BonjourError && error.code === 'argument');
    await assert.rejects(alice.account.sendMessage('sip:bob@example.com', 'text/plain', 'x'), (error: unknown) => error instanceof BonjourError && error.code === 'argument');
  });

  it('publishes presence in the TXT record: the neighbour is updated', async () => {
    await alice.account.setPresenceState({ state: 'away', note: 'Back soon' });
    const update = await notified(bob, 'BonjourAccountDidUpdateNeighbour', (d) => (d.presence as { note?: string } | undefined)?.note === 'Back soon');
    assert.deepEqual(update.presence, { state: 'away', note: 'Back soon' });
  });

  it('serves presence to a neighbour that subscribes, and notifies changes', async () => {
    const [neighbour] = bob.account.neighbours.filter((n) => n.transport === 'udp');
    const subscription = await bob.account.subscribeToPresence(neighbour!);
    const first = await notified(bob, 'SIPAccountGotPresenceState', (d) => d.subscription === subscription && (d.resources as Array<{ pidf: unknown[] }>)[0]!.pidf.length > 0);
    const [resource] = first.resources as Array<{ state: string; pidf: Array<{ toXML(): string }> }>;
    assert.equal(resource!.state, 'active');
    assert.match(resource!.pidf[0]!.toXML(), /Back soon/);
    await alice.account.setPresenceState({ state: 'offline', note: 'Gone' });
    const second = await notified(bob, 'SIPAccountGotPresenceState', (d) => JSON.stringify((d.resources as Array<{ pidf: Array<{ toXML(): string }> }>)[0]!.pidf.map((p) => p.toXML())).includes('Gone'));
    assert.match((second.resources as Array<{ pidf: Array<{ toXML(): string }> }>)[0]!.pidf[0]!.toXML(), /closed/);
    await subscription.end();
  });

  it('announces a new display name: the neighbour is updated', async () => {
    const updated = bob.account.once('BonjourAccountDidUpdateNeighbour');
    alice.account.displayName = 'Alice Liddell';
    await alice.account.save();
    assert.equal((await updated).data.displayName, 'Alice Liddell');
  });

  it('reports a TXT record that no longer fits as RegistrationUpdateDidFail, per transport', async () => {
    await alice.account.setPresenceState({ state: 'away', note: 'x'.repeat(300) });
    for (const transport of ['udp', 'tcp']) {
      const failed = await notified(alice, 'BonjourAccountRegistrationUpdateDidFail', (d) => d.transport === transport);
      assert.match(String(failed.reason), /255/);
    }
  });

  it('reports a neighbour whose TXT record has no usable contact as a discovery failure', async () => {
    const intruder = link.socket('127.0.0.9');
    intruder.respond({
      answers: [
        { name: '_sipuri._udp.local', type: 'PTR', ttl: 4500, data: 'broken._sipuri._udp.local' },
        { name: 'broken._sipuri._udp.local', type: 'SRV', ttl: 120, data: { target: 'x.local', port: 5060, priority: 0, weight: 0 } },
        { name: 'broken._sipuri._udp.local', type: 'TXT', ttl: 4500, data: [Buffer.from('txtvers=1'), Buffer.from('contact=<mailto:x@y>')] },
      ],
    });
    const failure = await notified(alice, 'BonjourAccountDiscoveryFailure');
    assert.equal(failure.transport, 'udp');
    assert.match(String(failure.error), /broken\._sipuri\._udp\.local: .*not a SIP URI/);
    intruder.destroy();
  });

  it('deactivates when disabled: goodbye per transport, and the neighbour removes it', async () => {
    bob.account.enabled = false;
    await bob.account.save();
    await notified(bob, 'SIPAccountDidDeactivate');
    const names = bob.log.map((n) => n.name);
    const end = names.indexOf('SIPAccountWillDeactivate');
    assert.ok(end > 0);
    assert.deepEqual(
      bob.log.slice(end).filter((n) => n.name === 'BonjourAccountRegistrationDidEnd').map((n) => (n.data as { transport: string }).transport),
      ['udp', 'tcp'],
    );
    for (const transport of ['udp', 'tcp']) {
      await notified(alice, 'BonjourAccountDidRemoveNeighbour', (d) => String(d.serviceDescription).endsWith(`._sipuri._${transport}.local`));
    }
    assert.equal(bob.account.isActive, false);
    await assert.rejects(bob.account.sendMessage(alice.account.contact.get('udp'), 'text/plain', 'x'), (error: unknown) => error instanceof BonjourError && error.code === 'state');
    const again = alice.account.once('BonjourAccountDidAddNeighbour');
    bob.account.enabled = true;
    await bob.account.save();
    assert.equal((await again).data.displayName, 'Bob');
  });
});

describe('BonjourAccount failures and the Engine', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('reports a socket that cannot be opened per transport, and still activates', async () => {
    const p = await peer(undefined, 'Carol', { socketFactory: () => Promise.reject(new BonjourError('socket', 'port 5353 in use')) });
    cleanups.push(() => shutdown(p));
    await p.account.attach(p.runtime);
    for (const transport of ['udp', 'tcp']) {
      assert.equal((await notified(p, 'BonjourAccountRegistrationDidFail', (d) => d.transport === transport)).reason, 'port 5353 in use');
      assert.equal((await notified(p, 'BonjourAccountDiscoveryDidFail', (d) => d.transport === transport)).reason, 'port 5353 in use');
    }
    await notified(p, 'SIPAccountDidActivate');
    assert.deepEqual(p.account.registeredTransports, []);
  });

  it('deactivates when the Engine stops and activates again when it starts', async () => {
    const link = new MemoryMDNSLink();
    const p = await peer(link, 'Dave');
    cleanups.push(async () => {
      await shutdown(p);
      link.close();
    });
    await p.account.attach(p.runtime);
    assert.equal(p.account.isActive, true);
    await p.engine.stop();
    await notified(p, 'SIPAccountDidDeactivate');
    assert.equal(p.account.isActive, false);
    const activated = p.account.once('SIPAccountDidActivate');
    await p.engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
    await activated;
    assert.deepEqual(p.account.registeredTransports, ['udp']);
  });

  it('activates anew when presence.enabled changes: presence is then in the TXT record and served', async () => {
    const link = new MemoryMDNSLink();
    const p = await peer(link, 'Heidi');
    const watcher = await peer(link, 'Ivan');
    cleanups.push(async () => {
      await shutdown(p, watcher);
      link.close();
    });
    await p.account.attach(p.runtime);
    await watcher.account.attach(watcher.runtime);
    await p.account.setPresenceState({ state: 'busy', note: 'Not yet' });
    const refused = await watcher.account.subscribeToPresence(p.account.contact.get('udp'));
    const failure = await notified(watcher, 'SIPAccountSubscriptionDidFail', (d) => d.subscription === refused);
    assert.ok((failure.code as number) >= 400, `refused with ${String(failure.code)}`);
    const reactivated = p.account.once('SIPAccountDidActivate');
    p.account.presence.enabled = true;
    await p.account.save();
    await reactivated;
    // The goodbye of the old activation and the new announcement may meet: an update or a new neighbour.
    const update = await Promise.race(
      ['BonjourAccountDidAddNeighbour', 'BonjourAccountDidUpdateNeighbour'].map((name) => notified(watcher, name, (d) => (d.presence as { note?: string } | undefined)?.note === 'Not yet')),
    );
    assert.equal(update.displayName, 'Heidi');
    const accepted = await watcher.account.subscribeToPresence(p.account.contact.get('udp'));
    await notified(watcher, 'SIPAccountGotPresenceState', (d) => d.subscription === accepted && (d.resources as Array<{ state: string }>)[0]!.state === 'active');
    await accepted.end();
    // The goodbye of the first activation must not remove the neighbour announced again since (RFC 6762 §10.1).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.deepEqual(watcher.account.neighbours.map((n) => n.displayName), ['Heidi', 'Heidi']);
  });

  it('does not activate while disabled', async () => {
    const link = new MemoryMDNSLink();
    const p = await peer(link, 'Erin');
    cleanups.push(async () => {
      await shutdown(p);
      link.close();
    });
    p.account.enabled = false;
    await p.account.save();
    await p.account.attach(p.runtime);
    assert.equal(p.account.isActive, false);
    assert.deepEqual(p.log.filter((n) => n.name.startsWith('SIPAccount')).map((n) => n.name), []);
  });
});

describe('BonjourAccount behind the account manager request router', () => {
  it('takes presence SUBSCRIBEs and MESSAGEs routed to it when the router serves the package', async () => {
    const link = new MemoryMDNSLink();
    const watcher = await peer(link, 'Frank', { presence: true });
    const watched = await peer(link, 'Grace', { presence: true });
    const router = new IncomingRequestRouter(watched.engine, (uri) => (watched.account.matchesURI(uri) ? watched.account : undefined));
    router.start();
    try {
      await watched.account.attach(watched.runtime);
      await watcher.account.attach(watcher.runtime);
      await watched.account.setPresenceState({ state: 'available', note: 'Routed' });
      const subscription = await watcher.account.subscribeToPresence(watched.account.contact.get('udp'));
      const state = await notified(watcher, 'SIPAccountGotPresenceState', (d) => d.subscription === subscription && (d.resources as Array<{ pidf: unknown[] }>)[0]!.pidf.length > 0);
      assert.match((state.resources as Array<{ pidf: Array<{ toXML(): string }> }>)[0]!.pidf[0]!.toXML(), /Routed/);
      await subscription.end();
      const outcome = await watcher.account.sendMessage(watched.account.contact.get('udp'), 'text/plain', 'through the router');
      assert.equal(outcome.code, 200);
      assert.equal(((await notified(watched, 'SIPAccountGotMessage')).body as Buffer).toString(), 'through the router');
    } finally {
      router.stop();
      await shutdown(watcher, watched);
      link.close();
    }
  });
});
