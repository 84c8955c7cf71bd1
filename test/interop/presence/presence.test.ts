// Presence against the lab's Kamailio (RFC 3856, 3857, 5025): alice PUBLISHes PIDF; bob
// subscribes and is pending; alice's presence.winfo subscription sees him pending; her
// pres-rules (PUT to the XCAP server) allow him, and he gets an active NOTIFY with her
// document while her winfo (after a refresh: see below) sees him go active; bob
// unsubscribes and gets the final NOTIFY.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WatcherInfo } from '../../../src/payloads/watcherinfo.js';
import type { Subscription } from '../../../src/core/primitives/subscription.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { presRules, putDocument } from '../../lab/xcap-documents.js';
import { pidf, publish, startClient, subscription, type LabClient } from './lab-client.js';

const WAIT = { timeoutMs: 15_000 };

describe('presence through the lab', { timeout: 180_000 }, () => {
  let lab: Lab;
  let alice: LabClient;
  let bob: LabClient;
  let winfo: Subscription;
  let watch: Subscription;
  const watchers = new WatcherInfo();

  before(async () => {
    lab = await startLab();
    alice = await startClient(lab, lab.users.alice);
    bob = await startClient(lab, lab.users.bob);
  });

  after(async () => {
    await Promise.allSettled([winfo?.end({ timeout: 2 }), watch?.end({ timeout: 2 })]);
    await alice?.stop();
    await bob?.stop();
    await lab?.stop();
  });

  /** The status of bob among alice's watchers after the next winfo NOTIFY that mentions him with `status`. */
  async function bobWatcherStatus(status: 'pending' | 'active'): Promise<void> {
    await alice.recorder.next('SIPSubscriptionGotNotify', {
      ...WAIT,
      sender: winfo,
      predicate: (n) => {
        if (n.data.body.length > 0) watchers.update(n.data.body);
        const list = status === 'active' ? watchers.active : watchers.pending;
        return (list.get(lab.users.alice.aor) ?? []).some((w) => w.uri === lab.users.bob.aor);
      },
    });
  }

  it('publishes alice\'s PIDF document', async () => {
    const status = await publish(alice, { event: 'presence', contentType: 'application/pidf+xml', body: pidf(lab.users.alice.aor, 'from the sdk') });
    assert.equal(status, 200, lab.logTail());
  });

  it('subscribes alice to her watcher information', async () => {
    winfo = subscription(alice, lab.users.alice.aor, { event: 'presence.winfo', accept: ['application/watcherinfo+xml'], refresh: 600 });
    await winfo.subscribe();
    const first = await alice.recorder.next('SIPSubscriptionGotNotify', { ...WAIT, sender: winfo });
    assert.equal(first.data.subscriptionState.state, 'active');
    assert.match(first.data.contentType ?? '', /^application\/watcherinfo\+xml/);
    watchers.update(first.data.body);
  });

  it('keeps bob pending until alice allows him, and tells alice about him', async () => {
    watch = subscription(bob, lab.users.alice.aor, { event: 'presence', accept: ['application/pidf+xml'], refresh: 600 });
    await watch.subscribe();
    const notify = await bob.recorder.next('SIPSubscriptionGotNotify', { ...WAIT, sender: watch });
    assert.equal(notify.data.subscriptionState.state, 'pending');
    assert.equal(watch.state, 'pending');
    await bobWatcherStatus('pending');
  });

  it('lets bob see alice\'s document once her pres-rules allow him, and alice sees him active', async () => {
    await putDocument(lab, lab.users.alice, 'pres-rules', 'application/auth-policy+xml', presRules(lab.users.bob.aor));
    const notify = await bob.recorder.next('SIPSubscriptionGotNotify', {
      ...WAIT,
      sender: watch,
      predicate: (n) => n.data.subscriptionState.state === 'active',
    });
    assert.match(notify.data.contentType ?? '', /^application\/pidf\+xml/);
    assert.match(notify.data.body.toString(), /<note>from the sdk<\/note>/);
    assert.equal(watch.state, 'active');
    // Kamailio 5.6 updates the watchers table on a pres-rules change but sends no winfo
    // NOTIFY for it (measured here); a refresh of alice's winfo subscription gets the full
    // state (RFC 6665 §4.2.1.2), which must show bob active.
    await winfo.refreshNow();
    await bobWatcherStatus('active');
  });

  it('ends bob\'s subscription with the final NOTIFY', async () => {
    await watch.end({ timeout: 10 });
    const end = await bob.recorder.next('SIPSubscriptionDidEnd', { ...WAIT, sender: watch });
    assert.equal(end.data.originator, 'local');
    assert.equal(end.data.reason, undefined, 'ended by the final NOTIFY, not by the bound');
    const last = bob.recorder.all('SIPSubscriptionGotNotify', watch).at(-1);
    assert.equal(last?.data.subscriptionState.state, 'terminated');
  });
});
