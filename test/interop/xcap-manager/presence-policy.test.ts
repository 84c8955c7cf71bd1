/**
 * pres-rules written by the manager are the ones Kamailio enforces (RFC 5025): bob's
 * presence subscription to alice waits (pending) until alice's manager adds bob as a
 * contact with presence policy `allow`; then it becomes active.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials, DigestAuthenticator } from '../../../src/core/auth/index.js';
import { Engine } from '../../../src/core/engine/index.js';
import { Subscription } from '../../../src/core/primitives/subscription.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter } from '../../../src/notification/index.js';
import { Contact, ContactURI, EventHandling } from '../../../src/xcap/manager/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { settled, startDevice, type Device } from './lab-manager.js';

describe('XCAPManager presence policy enforced by Kamailio', { timeout: 120_000 }, () => {
  let lab: Lab;
  let alice: Device;
  let engine: Engine;
  let subscription: Subscription | undefined;

  before(async () => {
    lab = await startLab();
    alice = await startDevice(lab, lab.users.alice, { xcapDiff: false });
    await settled(alice.manager);
  });
  after(async () => {
    await subscription?.end().catch(() => undefined);
    if (engine?.isRunning) await engine.stop();
    await alice?.stop();
    await lab?.stop();
  });

  it("adding bob with policy allow turns bob's pending presence subscription active", async () => {
    const { bob } = lab.users;
    const center = new NotificationCenter();
    engine = new Engine({ notificationCenter: center });
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: { t1: 100, t2: 400, t4: 500 } });
    const local = engine.localEndpoint('udp');
    const { host, port } = lab.address('udp');
    subscription = new Subscription(engine, {
      fromHeader: `<${bob.aor}>`,
      toHeader: `<${lab.users.alice.aor}>`,
      contactHeader: `<sip:${bob.username}@${local.host}:${local.port}>`,
      event: 'presence',
      accept: ['application/pidf+xml'],
      routes: [new Route(host, port, 'udp')],
      credentials: new DigestAuthenticator(new Credentials(bob.username, bob.password)),
      refresh: 300,
    });
    const states: string[] = [];
    subscription.on('SIPSubscriptionChangedState', ({ data }) => states.push(data.state));
    const pending = center.waitFor({ name: 'SIPSubscriptionChangedState', sender: subscription }, { timeout: 15_000, predicate: (n) => n.data.state === 'pending' });
    await subscription.subscribe();
    await pending;
    assert.equal(subscription.state, 'pending', `states so far: ${states.join(' ')}`);

    const active = center.waitFor({ name: 'SIPSubscriptionChangedState', sender: subscription }, { timeout: 20_000, predicate: (n) => n.data.state === 'active' });
    await alice.manager.addContact(new Contact('bob', 'Bob', [new ContactURI('bob-sip', bob.aor)], new EventHandling('allow', true)));
    await settled(alice.manager);
    await active;
    assert.equal(subscription.state, 'active');
  });
});
