// IncomingSubscription (RFC 6665 §4.2) with a Subscription on another Engine in the same
// process (loopback UDP): accept and push content, pending then active, reject, 423,
// 489 for unserved packages, refresh, unsubscribe, expiry with reason timeout and the
// subscriber's recovery, and termination with a reason. Both sides' timers run on manual clocks.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateCallId, generateTag, SIPRequest } from '../../../src/core/message/index.js';
import { EventRouter } from '../../../src/core/primitives/event-router.js';
import { IncomingSubscription } from '../../../src/core/primitives/incoming-subscription.js';
import type { Subscription, SubscriptionOptions } from '../../../src/core/primitives/subscription.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';
import { endSubscriptions, presenceSubscription, Recorder, startEngines, type EnginePair } from './subscription-fixture.js';

const PIDF_OPEN = '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.test"><tuple id="t"><status><basic>open</basic></status></tuple></presence>';
const PIDF_CLOSED = PIDF_OPEN.replace('open', 'closed');

describe('IncomingSubscription', { timeout: 60_000 }, () => {
  let pair: EnginePair;
  let subscribers: Recorder;
  let notifiers: Recorder;
  let subscriberClock: ManualScheduler;
  let notifierClock: ManualScheduler;
  let incoming: IncomingSubscription[];
  let decide: (subscription: IncomingSubscription) => void;
  let stopServing: () => void;
  let created: Subscription[];

  before(async () => {
    pair = await startEngines();
    subscribers = new Recorder(pair.subscriberCenter);
    notifiers = new Recorder(pair.notifierCenter);
  });

  after(async () => {
    await pair.stop();
  });

  beforeEach(() => {
    subscriberClock = new ManualScheduler();
    notifierClock = new ManualScheduler();
    incoming = [];
    created = [];
    decide = (subscription) => subscription.accept('application/pidf+xml', PIDF_OPEN);
    stopServing = IncomingSubscription.serve(pair.notifier, {
      event: 'presence',
      minExpires: 60,
      maxExpires: 1800,
      scheduler: notifierClock,
      onSubscribe: (subscription) => {
        incoming.push(subscription);
        decide(subscription);
      },
    });
  });

  afterEach(async () => {
    await endSubscriptions(created, subscriberClock);
    stopServing();
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  function subscribe(options: Partial<SubscriptionOptions> = {}): Subscription {
    return presenceSubscription(pair, subscriberClock, created, options);
  }

  it('accepts with 200 and an active NOTIFY, pushes new content, and ends on unsubscribe with a final NOTIFY', async () => {
    const sub = subscribe();
    await sub.subscribe();
    const got = await notifiers.next('SIPIncomingSubscriptionGotSubscribe');
    assert.equal(got.data.event, 'presence');
    assert.equal(got.data.expires, 600);
    const first = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(first.data.subscriptionState.state, 'active');
    assert.equal(first.data.subscriptionState.expires, 600);
    assert.equal(first.data.contentType, 'application/pidf+xml');
    assert.equal(first.data.body.toString(), PIDF_OPEN);
    assert.equal(sub.state, 'active');
    const notifier = incoming[0]!;
    assert.equal(notifier.state, 'active');
    await notifiers.next('SIPIncomingSubscriptionNotifyDidSucceed', { sender: notifier });

    notifier.pushContent('application/pidf+xml', PIDF_CLOSED);
    const second = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(second.data.body.toString(), PIDF_CLOSED);

    await sub.end();
    await notifiers.next('SIPIncomingSubscriptionGotUnsubscribe', { sender: notifier });
    await notifiers.next('SIPIncomingSubscriptionNotifyDidEnd', { sender: notifier });
    const final = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(final.data.subscriptionState.state, 'terminated');
    assert.equal(final.data.body.length, 0);
    assert.equal(notifier.state, 'terminated');
    assert.equal(sub.state, 'terminated');
    assert.equal((await subscribers.next('SIPSubscriptionDidEnd', { sender: sub })).data.originator, 'local');
  });

  it('goes from pending (202, no body) to active with the body', async () => {
    decide = (subscription) => subscription.acceptPending();
    const sub = subscribe();
    await sub.subscribe();
    const pending = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(pending.data.subscriptionState.state, 'pending');
    assert.equal(pending.data.body.length, 0);
    assert.equal(sub.state, 'pending');
    const notifier = incoming[0]!;
    notifier.pushContent('application/pidf+xml', PIDF_OPEN);
    notifier.accept();
    const active = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(active.data.subscriptionState.state, 'active');
    assert.equal(active.data.body.toString(), PIDF_OPEN);
    assert.equal(sub.state, 'active');
    const states = subscribers.all('SIPSubscriptionChangedState', sub).map((n) => n.data.state);
    assert.deepEqual(states, ['sent', 'accepted', 'pending', 'active']);
  });

  it('keeps the expiry of a pending subscription when it becomes active', async () => {
    decide = (subscription) => subscription.acceptPending();
    const sub = subscribe({ refresh: 100 });
    await sub.subscribe();
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    const notifier = incoming[0]!;
    notifierClock.advance(60_000);
    notifier.accept('application/pidf+xml', PIDF_OPEN);
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub, predicate: (n) => n.data.subscriptionState.state === 'active' });
    notifierClock.advance(40_000);
    const ended = await notifiers.next('SIPIncomingSubscriptionDidEnd', { sender: notifier });
    assert.equal(ended.data.reason, 'timeout');
  });

  it('rejects with the code given', async () => {
    decide = (subscription) => subscription.reject(403, 'Forbidden');
    const sub = subscribe();
    await sub.subscribe();
    const fail = await subscribers.next('SIPSubscriptionDidFail', { sender: sub });
    assert.equal(fail.data.code, 403);
    assert.equal(incoming[0]!.state, 'terminated');
    assert.equal((await notifiers.next('SIPIncomingSubscriptionDidEnd', { sender: incoming[0] })).data.reason, 'rejected');
  });

  it('answers 423 with Min-Expires to a short subscription; the subscriber asks again with it', async () => {
    const sub = subscribe({ refresh: 30 });
    await sub.subscribe();
    assert.equal(sub.refresh, 60);
    assert.equal(incoming.length, 1);
    assert.equal(incoming[0]!.expires, 60);
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
  });

  it('answers 489 Bad Event with Allow-Events to a package it does not serve', async () => {
    const sub = subscribe({ event: 'message-summary', accept: ['application/simple-message-summary'] });
    await sub.subscribe();
    const fail = await subscribers.next('SIPSubscriptionDidFail', { sender: sub });
    assert.equal(fail.data.code, 489);
    assert.equal(fail.data.response?.getHeader('Allow-Events'), 'presence');
    assert.equal(incoming.length, 0);
  });

  it('takes refreshes: a new expiry and a NOTIFY of the current state', async () => {
    const sub = subscribe({ refresh: 100 });
    await sub.subscribe();
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    const notifier = incoming[0]!;
    subscriberClock.advance(90_000);
    const refresh = await notifiers.next('SIPIncomingSubscriptionGotRefreshingSubscribe', { sender: notifier });
    assert.equal(refresh.data.expires, 100);
    const again = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(again.data.subscriptionState.state, 'active');
    assert.equal(again.data.body.toString(), PIDF_OPEN);
    // The notifier's expiry restarted: 99 s after the refresh nothing has ended.
    notifierClock.advance(99_000);
    assert.equal(notifier.state, 'active');
  });

  it('ends an unrefreshed subscription with terminated;reason=timeout, and the subscriber subscribes again', async () => {
    const sub = subscribe({ refresh: 100 });
    await sub.subscribe();
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    const first = incoming[0]!;
    notifierClock.advance(100_000);
    const ended = await notifiers.next('SIPIncomingSubscriptionDidEnd', { sender: first });
    assert.deepEqual([ended.data.originator, ended.data.reason], ['remote', 'timeout']);
    const final = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(final.data.subscriptionState.state, 'terminated');
    assert.equal(final.data.subscriptionState.reason, 'timeout');
    const renewed = await notifiers.next('SIPIncomingSubscriptionGotSubscribe', { predicate: (n) => n.sender !== first });
    assert.notEqual(renewed.data.request.callId, first.request.callId);
    const active = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.equal(active.data.subscriptionState.state, 'active');
    assert.equal(sub.state, 'active');
  });

  it('terminates with the reason and retry-after given', async () => {
    const sub = subscribe();
    await sub.subscribe();
    await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    incoming[0]!.end('noresource', 3600);
    const final = await subscribers.next('SIPSubscriptionGotNotify', { sender: sub });
    assert.deepEqual(final.data.subscriptionState, { state: 'terminated', reason: 'noresource', retryAfter: 3600 });
    const end = await subscribers.next('SIPSubscriptionDidEnd', { sender: sub });
    assert.deepEqual([end.data.originator, end.data.reason], ['remote', 'noresource']);
    const notifierEnd = await notifiers.next('SIPIncomingSubscriptionDidEnd', { sender: incoming[0] });
    assert.equal(notifierEnd.data.originator, 'local');
  });

  it('reports a NOTIFY answered 481 (a subscriber that keeps no subscription) and ends', async () => {
    // A bare SUBSCRIBE from the subscriber engine: its event router knows no such subscription.
    EventRouter.of(pair.subscriber);
    const request = new SIPRequest('SUBSCRIBE', pair.notifierUri, [
      ['From', `<sip:bob@example.test>;tag=${generateTag()}`],
      ['To', '<sip:alice@example.test>'],
      ['Call-ID', generateCallId()],
      ['CSeq', '1 SUBSCRIBE'],
      ['Contact', pair.contact],
      ['Event', 'presence'],
      ['Expires', '600'],
    ]);
    const answer = await pair.subscriber.sendRequest(request, { routes: [pair.notifierRoute] });
    assert.equal(answer.status, 200);
    const notifier = incoming[0]!;
    const failed = await notifiers.next('SIPIncomingSubscriptionNotifyDidFail', { sender: notifier });
    assert.equal(failed.data.code, 481);
    const end = await notifiers.next('SIPIncomingSubscriptionDidEnd', { sender: notifier });
    assert.deepEqual([end.data.originator, end.data.reason], ['remote', 'notify-481']);
    assert.equal(notifier.state, 'terminated');
  });
});
