// message-summary (RFC 3842) through the lab: bob subscribes to his own message summary;
// a PUBLISH of a summary for him (CRLF line ends, as Kamailio's presence_mwi needs)
// reaches him as a NOTIFY whose body is the summary, byte for byte.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Subscription } from '../../../src/core/primitives/subscription.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { publish, startClient, subscription, type LabClient } from '../presence/lab-client.js';

const WAIT = { timeoutMs: 15_000 };

describe('message-summary through the lab', { timeout: 120_000 }, () => {
  let lab: Lab;
  let bob: LabClient;
  let mwi: Subscription;

  before(async () => {
    lab = await startLab();
    bob = await startClient(lab, lab.users.bob);
  });

  after(async () => {
    await mwi?.end({ timeout: 2 });
    await bob?.stop();
    await lab?.stop();
  });

  it('delivers a published message summary to the subscriber as a NOTIFY', async () => {
    mwi = subscription(bob, lab.users.bob.aor, { event: 'message-summary', accept: ['application/simple-message-summary'], refresh: 600 });
    await mwi.subscribe();
    const first = await bob.recorder.next('SIPSubscriptionGotNotify', { ...WAIT, sender: mwi });
    assert.equal(first.data.subscriptionState.state, 'active');
    const summary = `Messages-Waiting: yes\r\nMessage-Account: ${lab.users.bob.aor}\r\nVoice-Message: 2/8 (0/2)\r\n`;
    const status = await publish(bob, { event: 'message-summary', contentType: 'application/simple-message-summary', body: summary });
    assert.equal(status, 200, lab.logTail());
    const notify = await bob.recorder.next('SIPSubscriptionGotNotify', { ...WAIT, sender: mwi, predicate: (n) => n.data.body.length > 0 });
    assert.equal(notify.data.event, 'message-summary');
    assert.match(notify.data.contentType ?? '', /^application\/simple-message-summary/);
    assert.equal(notify.data.body.toString(), summary);
  });
});
