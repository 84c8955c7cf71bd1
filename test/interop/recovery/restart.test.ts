// Kamailio restarted under a live subscription: bob watches alice's presence (short
// expiry, 30 s), the lab restarts, and the subscription recovers on its own, by a refresh
// the restarted server takes or, when it answers 481 or not at all, by a new SUBSCRIBE;
// alice's next PUBLISH then reaches bob. No call of the test drives the recovery.
// Kamailio keeps its watchers in SQLite and takes the refresh after the restart; the
// second test empties that table first, so the subscription is lost and a new SUBSCRIBE follows.
import { after, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { parseMessage, SIPResponse } from '../../../src/core/message/index.js';
import type { Subscription } from '../../../src/core/primitives/subscription.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { presRules, putDocument } from '../../lab/xcap-documents.js';
import { pidf, publish, startClient, subscription, type LabClient } from '../presence/lab-client.js';

const execFileAsync = promisify(execFile);

describe('subscription recovery across a Kamailio restart', { timeout: 180_000 }, () => {
  let lab: Lab;
  let alice: LabClient;
  let bob: LabClient;
  let watch: Subscription;

  before(async () => {
    lab = await startLab();
    alice = await startClient(lab, lab.users.alice);
    bob = await startClient(lab, lab.users.bob);
  });

  after(async () => {
    await watch?.end({ timeout: 2 });
    await alice?.stop();
    await bob?.stop();
    await lab?.stop();
  });

  /** Whether bob got a 2xx to a SUBSCRIBE among his SIP traces from index `from` on. */
  function subscribeAcceptedSince(from: number): boolean {
    return bob.recorder
      .all('SIPEngineSIPTrace')
      .slice(from)
      .some((n) => {
        if (!n.data.received) return false;
        const message = parseMessage(n.data.data);
        return message instanceof SIPResponse && message.cseq.method === 'SUBSCRIBE' && message.status >= 200 && message.status < 300;
      });
  }

  it('recovers the subscription and sees alice\'s next document', async () => {
    await putDocument(lab, lab.users.alice, 'pres-rules', 'application/auth-policy+xml', presRules(lab.users.bob.aor));
    assert.equal(await publish(alice, { event: 'presence', contentType: 'application/pidf+xml', body: pidf(lab.users.alice.aor, 'before restart') }), 200);
    watch = subscription(bob, lab.users.alice.aor, { event: 'presence', accept: ['application/pidf+xml'], refresh: 30, recoveryInterval: 2 });
    await watch.subscribe();
    await bob.recorder.next('SIPSubscriptionGotNotify', {
      timeoutMs: 15_000,
      sender: watch,
      predicate: (n) => n.data.body.toString().includes('before restart'),
    });

    const mark = bob.recorder.all('SIPEngineSIPTrace').length;
    await lab.restart();
    const deadline = Date.now() + 90_000;
    while (!subscribeAcceptedSince(mark)) {
      assert.ok(Date.now() < deadline, `no SUBSCRIBE was accepted after the restart\n${lab.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.notEqual(watch.state, 'terminated');
    assert.equal(bob.recorder.all('SIPSubscriptionDidFail', watch).length, 0);

    assert.equal(await publish(alice, { event: 'presence', contentType: 'application/pidf+xml', body: pidf(lab.users.alice.aor, 'after restart') }), 200);
    const notify = await bob.recorder.next('SIPSubscriptionGotNotify', {
      timeoutMs: 30_000,
      sender: watch,
      predicate: (n) => n.data.body.toString().includes('after restart'),
    });
    assert.equal(notify.data.subscriptionState.state, 'active');
    assert.equal(watch.state, 'active');
  });
  it('subscribes anew (new Call-ID) when the restarted server lost the subscription', async () => {
    const lost = subscription(bob, lab.users.alice.aor, { event: 'presence', accept: ['application/pidf+xml'], refresh: 30, recoveryInterval: 2 });
    try {
      await lost.subscribe();
      await bob.recorder.next('SIPSubscriptionGotNotify', { timeoutMs: 15_000, sender: lost, predicate: (n) => n.data.subscriptionState.state === 'active' });
      const callId = lost.callId;
      // Make the server forget its watchers: the restarted Kamailio loads them from this table.
      await execFileAsync('sqlite3', ['-cmd', '.timeout 5000', join(lab.dir, 'lab.db'), 'DELETE FROM active_watchers;'], { timeout: 10_000 });
      await lab.restart();
      const deadline = Date.now() + 90_000;
      while (lost.callId === callId || lost.state !== 'active') {
        assert.ok(Date.now() < deadline, `the subscription was not re-created (state ${lost.state})\n${lab.logTail()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(bob.recorder.all('SIPSubscriptionDidFail', lost).length, 0);
      assert.equal(bob.recorder.all('SIPSubscriptionDidEnd', lost).length, 0);
    } finally {
      await lost.end({ timeout: 2 });
    }
  });
});
