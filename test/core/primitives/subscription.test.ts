// Subscription (RFC 6665 §4.1) against a scripted notifier engine on loopback UDP: NOTIFY
// before the 2xx, forks, bodies passed intact, 423, digest challenges, refresh with the
// extra header fields repeated, 481 recovery, terminated reasons and retry-after, and a
// bounded unsubscribe. Timers of the subscription run on a manual clock.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { Credentials } from '../../../src/core/auth/index.js';
import { Route } from '../../../src/lookup/index.js';
import { parseMultipart, SIPRequest } from '../../../src/core/message/index.js';
import { EventRouter } from '../../../src/core/primitives/event-router.js';
import type { Subscription, SubscriptionOptions } from '../../../src/core/primitives/subscription.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';
import { endSubscriptions, presenceSubscription, Recorder, ScriptedNotifier, startEngines, type EnginePair } from './subscription-fixture.js';

const PIDF = '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.test"/>';

describe('Subscription', { timeout: 60_000 }, () => {
  let pair: EnginePair;
  let notifier: ScriptedNotifier;
  let recorder: Recorder;
  let clock: ManualScheduler;
  let subscriptions: Subscription[];

  before(async () => {
    pair = await startEngines();
    notifier = new ScriptedNotifier(pair);
    recorder = new Recorder(pair.subscriberCenter);
  });

  after(async () => {
    await pair.stop();
  });

  beforeEach(() => {
    clock = new ManualScheduler();
    subscriptions = [];
    notifier.subscribes.length = 0;
  });

  afterEach(async () => {
    notifier.onSubscribe = (received) => notifier.answer(received, received.request.to.tag === undefined ? 489 : 481);
    await endSubscriptions(subscriptions, clock);
    // Unsubscribes still on their way must not reach the next test.
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  /** Waits until `condition` holds (checked every 10 ms, for up to 4 s). */
  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 4000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  function subscription(options: Partial<SubscriptionOptions> = {}): Subscription {
    return presenceSubscription(pair, clock, subscriptions, options);
  }

  it('takes a NOTIFY that arrives before the 2xx as the start of the dialog (RFC 6665 §4.1.2.4)', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => {
      void notifier.notify(received.request, 'active;expires=600', { body: PIDF }).then((answer) => {
        assert.equal(answer.status, 200);
        notifier.answer(received, 200, [['Expires', '600']]);
      });
    };
    await sub.subscribe();
    const notify = await recorder.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(notify.data.body.toString(), PIDF);
    assert.equal(notify.data.subscriptionState.state, 'active');
    assert.equal(notify.data.subscriptionState.expires, 600);
    assert.equal(sub.state, 'active');
    assert.equal(sub.dialogs.length, 1, 'the 2xx joins the dialog the NOTIFY made');
    assert.equal(sub.dialogs[0]!.remoteTag, 'n1');
    const request = notifier.subscribes[0]!;
    assert.equal(request.getHeader('Event'), 'presence');
    assert.equal(request.getHeader('Accept'), 'application/pidf+xml');
    assert.equal(request.getHeader('Expires'), '600');
  });

  it('keeps the dialogs of a forked SUBSCRIBE apart and reports each NOTIFY with its dialog (RFC 6665 §4.5.2)', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => {
      notifier.answer(received, 202, [['Expires', '600']], 'fork-a');
      void notifier.notify(received.request, 'pending;expires=600', { tag: 'fork-a' });
      void notifier.notify(received.request, 'active;expires=600', { tag: 'fork-b', body: PIDF });
    };
    await sub.subscribe();
    const first = await recorder.next('SIPSubscriptionGotNotify', { sender: sub });
    const second = await recorder.next('SIPSubscriptionGotNotify', { sender: sub });
    const tags = new Set([first.data.dialogId.remoteTag, second.data.dialogId.remoteTag]);
    assert.deepEqual(tags, new Set(['fork-a', 'fork-b']));
    assert.equal(first.data.dialogId.callId, second.data.dialogId.callId);
    assert.equal(sub.dialogs.length, 2);
    assert.equal(sub.state, 'active', 'active as soon as one fork is');
  });

  it('hands a multipart/related body over byte for byte with its full Content-Type (RFC 4662 §5)', async () => {
    const sub = subscription({ event: 'presence', accept: ['multipart/related', 'application/rlmi+xml', 'application/pidf+xml'] });
    const contentType = 'multipart/related;type="application/rlmi+xml";start="<rlmi@x>";boundary="b0undary"';
    const body = Buffer.from(
      '--b0undary\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <rlmi@x>\r\n\r\n<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="0" fullState="true"/>\r\n' +
        '--b0undary\r\nContent-Type: application/pidf+xml\r\nContent-ID: <p1@x>\r\n\r\n' + PIDF + '\r\n--b0undary--\r\n',
    );
    notifier.onSubscribe = (received) => {
      notifier.answer(received, 200, [['Expires', '600']]);
      void notifier.notify(received.request, 'active;expires=600', { body, contentType });
    };
    await sub.subscribe({ extraHeaders: [['Supported', 'eventlist']] });
    const notify = await recorder.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.ok(notify.data.body.equals(body));
    assert.equal(notify.data.contentType, contentType);
    const parts = parseMultipart(notify.data.body, notify.data.contentType!);
    assert.equal(parts.length, 2);
    assert.equal(parts[1]!.body.toString(), PIDF);
    assert.equal(notifier.subscribes[0]!.getHeader('Supported'), 'eventlist');
  });

  it('follows a 423 with the Min-Expires and answers a proxy challenge (RFC 6665 §4.1.2.1, RFC 3261 §22.3)', async () => {
    const sub = subscription({ refresh: 60, credentials: new Credentials('bob', 'secret') });
    let count = 0;
    notifier.onSubscribe = (received) => {
      count++;
      if (count === 1) {
        notifier.answer(received, 407, [['Proxy-Authenticate', 'Digest realm="example.test", nonce="abc", qop="auth"']]);
      } else if (count === 2) {
        notifier.answer(received, 423, [['Min-Expires', '300']]);
      } else {
        notifier.answer(received, 200, [['Expires', '300']]);
      }
    };
    await sub.subscribe();
    assert.equal(sub.state, 'accepted');
    assert.equal(sub.refresh, 300);
    const [first, second, third] = notifier.subscribes;
    assert.equal(first!.getHeader('Proxy-Authorization'), undefined);
    assert.match(second!.getHeader('Proxy-Authorization') ?? '', /^Digest username="bob"/);
    assert.equal(third!.getHeader('Expires'), '300');
    assert.ok(third!.cseq.seq > second!.cseq.seq && second!.cseq.seq > first!.cseq.seq);
    assert.equal(third!.callId, first!.callId);
  });

  it('refreshes ahead of expiry in the dialog, answers a challenge there, and repeats Supported: eventlist', async () => {
    const sub = subscription({ credentials: new Credentials('bob', 'secret') });
    let initial: SIPRequest | undefined;
    notifier.onSubscribe = (received) => {
      if (received.request.to.tag === undefined) {
        initial = received.request;
        notifier.answer(received, 200, [['Expires', '100']]);
        return;
      }
      if (received.request.getHeader('Authorization') === undefined) {
        notifier.answer(received, 401, [['WWW-Authenticate', 'Digest realm="example.test", nonce="in-dialog", qop="auth"']]);
      } else {
        notifier.answer(received, 200, [['Expires', '100']]);
      }
    };
    await sub.subscribe({ extraHeaders: [['Supported', 'eventlist']] });
    await notifier.notify(initial!, 'active;expires=100', { body: PIDF });
    clock.advance(89_000);
    assert.equal(notifier.subscribes.length, 1, 'no refresh before 90% of the period');
    clock.advance(1_000);
    await notifier.waitForSubscribes(3);
    const [, challenged, refresh] = notifier.subscribes;
    assert.equal(challenged!.to.tag, 'n1', 'the refresh is sent in the dialog');
    assert.equal(challenged!.callId, initial!.callId);
    assert.equal(refresh!.getHeader('Supported'), 'eventlist');
    assert.match(refresh!.getHeader('Authorization') ?? '', /nonce="in-dialog"/);
    assert.equal(refresh!.cseq.seq, challenged!.cseq.seq + 1);
    // Let the subscriber see the 200 to the refresh before it ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ending = sub.end({ timeout: 2 });
    const unsubscribe = await notifier.waitForSubscribes(4);
    assert.equal(unsubscribe.getHeader('Expires'), '0');
    assert.equal(unsubscribe.getHeader('Supported'), 'eventlist');
    assert.ok(unsubscribe.cseq.seq > refresh!.cseq.seq);
    await notifier.notify(initial!, 'terminated;reason=timeout');
    await ending;
    const end = await recorder.next('SIPSubscriptionDidEnd', { sender: sub });
    assert.equal(end.data.originator, 'local');
    assert.equal(sub.state, 'terminated');
  });

  it('re-creates the subscription when a refresh gets 481 (RFC 6665 §4.1.2.2)', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => {
      if (received.request.to.tag === undefined) notifier.answer(received, 200, [['Expires', '100']]);
      else notifier.answer(received, 481);
    };
    await sub.subscribe();
    const firstCallId = sub.callId;
    clock.advance(90_000);
    const fresh = await notifier.waitForSubscribes(3);
    assert.equal(fresh.to.tag, undefined, 'a new SUBSCRIBE outside any dialog');
    assert.notEqual(fresh.callId, firstCallId);
    assert.equal(notifier.subscribes[1]!.callId, firstCallId);
    await until(() => sub.state === 'accepted' && sub.callId === fresh.callId, 'the new subscription is accepted');
    assert.equal(recorder.all('SIPSubscriptionDidEnd', sub).length + recorder.all('SIPSubscriptionDidFail', sub).length, 0);
  });

  it('re-creates a subscription whose refresh gets no answer, and retries a refused re-creation after the recovery interval', async () => {
    const sub = subscription({ recoveryInterval: 20 });
    notifier.onSubscribe = (received) => {
      const index = notifier.subscribes.length;
      if (index === 1) notifier.answer(received, 200, [['Expires', '100']]);
      else if (index === 3) notifier.answer(received, 503);
      else if (index >= 4) notifier.answer(received, 200, [['Expires', '100']]);
      // The refresh (index 2) is left unanswered: the transaction times out.
    };
    await sub.subscribe();
    clock.advance(90_000);
    await notifier.waitForSubscribes(3);
    assert.equal(notifier.subscribes[1]!.to.tag, 'n1');
    assert.equal(notifier.subscribes[2]!.to.tag, undefined, 'a new subscription after the lost refresh');
    await until(() => sub.state === 'waiting', 'the refused re-creation waits');
    clock.advance(19_000);
    assert.equal(notifier.subscribes.length, 3);
    clock.advance(1_000);
    await notifier.waitForSubscribes(4);
    await until(() => sub.state === 'accepted', 'the subscription is back');
    assert.equal(recorder.all('SIPSubscriptionDidFail', sub).length, 0);
  });

  for (const reason of ['rejected', 'noresource', 'invariant']) {
    it(`ends for good on terminated;reason=${reason} (RFC 6665 §4.1.3)`, async () => {
      const sub = subscription();
      notifier.onSubscribe = (received) => {
        notifier.answer(received, 200, [['Expires', '600']]);
        void notifier.notify(received.request, `terminated;reason=${reason}`);
      };
      await sub.subscribe();
      const end = await recorder.next('SIPSubscriptionDidEnd', { sender: sub });
      assert.deepEqual([end.data.originator, end.data.reason], ['remote', reason]);
      assert.equal(sub.state, 'terminated');
      assert.equal(notifier.subscribes.length, 1);
    });
  }

  for (const reason of ['deactivated', 'timeout']) {
    it(`subscribes again at once on terminated;reason=${reason}`, async () => {
      const sub = subscription();
      notifier.onSubscribe = (received) => {
        notifier.answer(received, 200, [['Expires', '600']]);
        if (notifier.subscribes.length === 1) void notifier.notify(received.request, `terminated;reason=${reason}`);
      };
      await sub.subscribe();
      const again = await notifier.waitForSubscribes(2);
      assert.notEqual(again.callId, notifier.subscribes[0]!.callId);
      assert.equal(recorder.all('SIPSubscriptionDidEnd', sub).length, 0);
    });
  }

  it('waits retry-after before subscribing again on probation, and gives up on giveup without it', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => {
      notifier.answer(received, 200, [['Expires', '600']]);
      const state = notifier.subscribes.length === 1 ? 'terminated;reason=probation;retry-after=120' : 'terminated;reason=giveup';
      void notifier.notify(received.request, state);
    };
    await sub.subscribe();
    await recorder.next('SIPSubscriptionChangedState', { sender: sub, predicate: (n) => n.data.state === 'waiting' });
    clock.advance(119_000);
    assert.equal(notifier.subscribes.length, 1);
    clock.advance(1_000);
    await notifier.waitForSubscribes(2);
    const end = await recorder.next('SIPSubscriptionDidEnd', { sender: sub });
    assert.equal(end.data.reason, 'giveup');
    assert.equal(notifier.subscribes.length, 2);
  });

  it('fails over to the next route when the first gets no answer, with the body and extra headers on the SUBSCRIBE', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const dead = new Route('127.0.0.1', silent.address().port, 'udp');
      const sub = subscription({ routes: [dead, pair.notifierRoute], event: 'dialog;id=7', accept: ['application/dialog-info+xml'] });
      notifier.onSubscribe = (received) => notifier.answer(received, 200, [['Expires', '600']]);
      const filter = '<filter-set xmlns="urn:ietf:params:xml:ns:simple-filter"/>';
      await sub.subscribe({ contentType: 'application/simple-filter+xml', body: filter, extraHeaders: [['X-Test', 'one']] });
      assert.equal(sub.state, 'accepted');
      const request = notifier.subscribes[0]!;
      assert.equal(request.getHeader('Event'), 'dialog;id=7');
      assert.equal(request.getHeader('Content-Type'), 'application/simple-filter+xml');
      assert.equal(request.body.toString(), filter);
      assert.equal(request.getHeader('X-Test'), 'one');
      // A NOTIFY of another Event id belongs to another subscription (RFC 6665 §4.4.1).
      const other = await notifier.notify(request, 'active', { event: 'dialog;id=8' });
      assert.equal(other.status, 481);
      const same = await notifier.notify(request, 'active', { event: 'dialog;id=7' });
      assert.equal(same.status, 200);
    } finally {
      silent.close();
    }
  });

  it('reports a rejected SUBSCRIBE with its code and Retry-After', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => notifier.answer(received, 503, [['Retry-After', '30']]);
    await sub.subscribe();
    const fail = await recorder.next('SIPSubscriptionDidFail', { sender: sub });
    assert.equal(fail.data.code, 503);
    assert.equal(fail.data.retryAfter, 30);
    assert.equal(sub.state, 'terminated');
  });

  it('ends an unsubscribe that gets no final NOTIFY after the bound', async () => {
    const sub = subscription();
    notifier.onSubscribe = (received) => notifier.answer(received, 200, [['Expires', '600']]);
    await sub.subscribe();
    const ending = sub.end({ timeout: 3 });
    await notifier.waitForSubscribes(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sub.state, 'accepted', 'still waiting for the final NOTIFY');
    clock.advance(3_000);
    await ending;
    const end = await recorder.next('SIPSubscriptionDidEnd', { sender: sub });
    assert.equal(end.data.reason, 'no final NOTIFY');
  });

  it('answers 481 to a NOTIFY that matches no subscription, and 489 to an unserved package', async () => {
    EventRouter.of(pair.subscriber);
    const stray = new SIPRequest('NOTIFY', pair.contact.slice(1, -1), [
      ['From', '<sip:alice@example.test>;tag=x1'],
      ['To', '<sip:bob@example.test>;tag=nobody'],
      ['Call-ID', 'stray-notify@test'],
      ['CSeq', '1 NOTIFY'],
      ['Event', 'presence'],
      ['Subscription-State', 'active'],
    ]);
    const answer = await pair.notifier.sendRequest(stray, { routes: [pair.subscriberRoute] });
    assert.equal(answer.status, 481);
    const subscribe = new SIPRequest('SUBSCRIBE', pair.contact.slice(1, -1), [
      ['From', '<sip:alice@example.test>;tag=x2'],
      ['To', '<sip:bob@example.test>'],
      ['Call-ID', 'unserved-package@test'],
      ['CSeq', '1 SUBSCRIBE'],
      ['Contact', `<${pair.notifierUri}>`],
      ['Event', 'dialog'],
    ]);
    const bad = await pair.notifier.sendRequest(subscribe, { routes: [pair.subscriberRoute] });
    assert.equal(bad.status, 489);
  });
});
