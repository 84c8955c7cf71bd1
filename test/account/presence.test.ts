import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Account } from '../../src/account/index.js';
import { IncomingSubscription, Message, Request, Subscription } from '../../src/core/index.js';
import { Route } from '../../src/lookup/index.js';
import { Basic, PIDF, Status, Tuple } from '../../src/payloads/pidf.js';
import { Instance, Resource, RLMIList } from '../../src/payloads/rlmi.js';
import { RLSNotify } from '../../src/payloads/rlsnotify/index.js';
import { Watcher, WatcherInfoDocument, WatcherList } from '../../src/payloads/watcherinfo.js';
import { addAccount, answer, registered, startApplication, startPeer, type Peer, type TestApplication } from './fixture.js';

/** A PIDF document of `entity` with one open tuple and a note. */
function pidf(entity: string, id = 't1'): PIDF {
  return new PIDF(entity, [new Tuple(id, { status: new Status(new Basic('open')) })]);
}

describe('Account presence, message summary and requests', () => {
  let peer: Peer;
  let app: TestApplication;
  let account: Account;
  const unserve: Array<() => void> = [];
  /** How the peer answers each new SUBSCRIBE, per package. */
  const onSubscribe = new Map<string, (subscription: IncomingSubscription) => void>();

  before(async () => {
    peer = await startPeer();
    peer.script('REGISTER', (request) => registered(request));
    for (const event of ['presence', 'presence.winfo', 'message-summary', 'dialog']) {
      unserve.push(IncomingSubscription.serve(peer.engine, { event, onSubscribe: (s) => onSubscribe.get(event)?.(s) }));
    }
    app = await startApplication();
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    account = await addAccount(app, peer);
    await succeeded;
  });
  after(async () => {
    for (const remove of unserve) remove();
    await app.stop();
    await peer.engine.stop();
  });
  afterEach(() => onSubscribe.clear());

  /** The account's address on the application's Engine, as a route for the peer. */
  function accountRoute(): Route {
    const endpoint = app.application.engine.localEndpoint('udp');
    return new Route(endpoint.host, endpoint.port, 'udp');
  }

  it('subscribes to a contact and posts its parsed PIDF', async () => {
    onSubscribe.set('presence', (s) => s.accept(PIDF.contentType, pidf('sip:bob@example.test').toXML()));
    const got = app.next('SIPAccountGotPresenceState', account);
    const subscription = await account.subscribePresence('bob@example.test');
    const { data } = await got;
    assert.equal(data.subscription, subscription);
    assert.equal(data.resourceUri, 'sip:bob@example.test');
    assert.equal(data.resources[0]!.state, 'active');
    assert.equal(data.resources[0]!.pidf[0]!.tuples[0]!.id, 't1');
    assert.equal(subscription.state, 'active');
    await subscription.end();
    assert.equal(account.subscriptions.includes(subscription), false);
  });

  it('reads an RLS list: RLMI plus the PIDF of each resource', async () => {
    onSubscribe.set('presence', (s) => {
      assert.match(s.request.getHeader('Supported') ?? '', /eventlist/);
      // Short names: the NOTIFY must fit a UDP datagram (RFC 3261 §18.1.1), as the peer has no TCP.
      const list = new RLMIList('sip:f@x', 0, true, [
        new Resource('sip:b@x', [new Instance('i1', 'active', { cid: 'b@r' })]),
        new Resource('sip:c@x', [new Instance('i2', 'pending')]),
      ]);
      const bob = { contentType: PIDF.contentType, toXML: () => '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:b@x"><tuple id="b1"><status><basic>open</basic></status></tuple></presence>' };
      const { contentType, body } = RLSNotify.encode(list, [{ cid: 'b@r', document: bob }], 'b');
      s.accept(contentType, body);
    });
    const got = app.next('SIPAccountGotPresenceState', account);
    const subscription = await account.subscribeResourceList('sip:f@x');
    const { data } = await got;
    assert.equal(data.list?.uri, 'sip:f@x');
    assert.equal(data.fullState, true);
    const [bob, carol] = data.resources;
    assert.equal(bob!.uri, 'sip:b@x');
    assert.equal(bob!.state, 'active');
    assert.equal(bob!.pidf[0]!.tuples[0]!.id, 'b1');
    assert.equal(carol!.state, 'pending');
    assert.deepEqual(carol!.pidf, []);
    await subscription.end();
  });

  it('keeps the watchers of presence.winfo', async () => {
    let notifier: IncomingSubscription | undefined;
    onSubscribe.set('presence.winfo', (s) => {
      notifier = s;
      const doc = new WatcherInfoDocument(0, 'full', [
        new WatcherList('sip:alice@example.test', 'presence', [new Watcher('sip:bob@example.test', 'w1', 'pending', 'subscribe')]),
      ]);
      s.accept(WatcherInfoDocument.contentType, doc.toXML());
    });
    const first = app.next('SIPAccountGotPresenceWinfo', account);
    const subscription = await account.subscribeWatcherInfo();
    assert.deepEqual((await first).data.pending.map((w) => w.uri), ['sip:bob@example.test']);
    const second = app.next('SIPAccountGotPresenceWinfo', account);
    const update = new WatcherInfoDocument(1, 'partial', [
      new WatcherList('sip:alice@example.test', 'presence', [new Watcher('sip:bob@example.test', 'w1', 'active', 'approved')]),
    ]);
    notifier!.pushContent(WatcherInfoDocument.contentType, update.toXML());
    const { data } = await second;
    assert.deepEqual(data.pending, []);
    assert.deepEqual(data.active.map((w) => w.uri), ['sip:bob@example.test']);
    assert.deepEqual(data.updated.map((w) => w.status), ['active']);
    await subscription.end();
  });

  it('posts SIPAccountMWIDidGetSummary with the parsed message summary', async () => {
    onSubscribe.set('message-summary', (s) => s.accept('application/simple-message-summary', 'Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/0)\r\n'));
    const got = app.next('SIPAccountMWIDidGetSummary', account);
    const subscription = await account.subscribeMessageSummary();
    const { data } = await got;
    assert.equal(data.messageSummary.messagesWaiting, true);
    assert.deepEqual(data.messageSummary.summaries.get('voice-message'), { newMessages: 2, oldMessages: 8, newUrgentMessages: 0, oldUrgentMessages: 0 });
    await subscription.end();
  });

  it('subscribes to message summary by itself when messageSummary.enabled is saved', async () => {
    onSubscribe.set('message-summary', (s) => s.accept('application/simple-message-summary', 'Messages-Waiting: no\r\n'));
    const got = app.next('SIPAccountMWIDidGetSummary', account);
    account.messageSummary.enabled = true;
    await account.save();
    assert.equal((await got).data.messageSummary.messagesWaiting, false);
    account.messageSummary.enabled = false;
    await account.save();
  });

  it('publishes its presence document', async () => {
    peer.script('PUBLISH', (request) => answer(request, 200, [['SIP-ETag', 'e1'], ['Expires', '600']]));
    const done = app.next('SIPAccountPresencePublicationDidSucceed', account);
    await account.publishPresence(pidf('sip:alice@example.test', 'mine'));
    assert.equal((await done).data.etag, 'e1');
    const sent = peer.received('PUBLISH').at(-1)!;
    assert.equal(sent.getHeader('Event'), 'presence');
    assert.match(sent.getHeader('Content-Type') ?? '', /^application\/pidf\+xml/);
    assert.match(sent.body.toString(), /<tuple id="mine">/);
  });

  it('with presence.enabled, watches its watchers and publishes presenceState by itself', async () => {
    peer.script('PUBLISH', (request) => answer(request, 200, [['SIP-ETag', 'auto'], ['Expires', '600']]));
    onSubscribe.set('presence.winfo', (s) =>
      s.accept(WatcherInfoDocument.contentType, new WatcherInfoDocument(0, 'full', [new WatcherList('sip:alice@example.test', 'presence')]).toXML()),
    );
    const winfo = app.next('SIPAccountGotPresenceWinfo', account);
    account.presenceState = pidf('sip:alice@example.test', 'auto');
    assert.equal(peer.received('PUBLISH').some((r) => r.body.toString().includes('"auto"')), false, 'nothing is published while presence is off');
    const published = app.next('SIPAccountPresencePublicationDidSucceed', account);
    account.presence.enabled = true;
    await account.save();
    await winfo;
    assert.equal((await published).data.etag, 'auto');
    assert.match(peer.received('PUBLISH').at(-1)!.body.toString(), /<tuple id="auto">/);
    const ended = app.next('SIPAccountPresencePublicationDidEnd', account);
    account.presence.enabled = false;
    await account.save();
    await ended;
    assert.equal(peer.received('PUBLISH').at(-1)!.getHeader('Expires'), '0');
  });

  it('subscribes to dialog-info', async () => {
    onSubscribe.set('dialog', (s) =>
      s.accept(
        'application/dialog-info+xml',
        '<?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:bob@example.test"/>',
      ),
    );
    const got = app.next('SIPAccountGotDialogState', account);
    const subscription = await account.subscribeDialogInfo('sip:bob@example.test');
    const { data } = await got;
    assert.equal(data.dialogInfo?.entity, 'sip:bob@example.test');
    assert.equal(data.state, 'active');
    await subscription.end();
  });

  it('receives a MESSAGE for its contact and answers 415 to a type it does not take', async () => {
    const contact = account.contact.get('udp').toString();
    const got = app.next('SIPAccountGotMessage', account);
    const message = new Message(peer.engine, {
      fromHeader: '<sip:bob@example.test>',
      toHeader: '<sip:alice@example.test>',
      requestUri: contact,
      contentType: 'text/plain',
      body: 'hello alice',
      routes: [accountRoute()],
    });
    const succeeded = message.once('SIPMessageDidSucceed', { timeout: 5000 });
    await message.send(5);
    await succeeded;
    const { data } = await got;
    assert.equal(data.sender.uri.toString(), 'sip:bob@example.test');
    assert.equal(data.contentType, 'text/plain');
    assert.equal(data.body.toString(), 'hello alice');
    const rejected = new Message(peer.engine, {
      fromHeader: '<sip:bob@example.test>',
      toHeader: '<sip:alice@example.test>',
      requestUri: contact,
      contentType: 'application/x-unknown',
      body: 'x',
      routes: [accountRoute()],
    });
    const failed = rejected.once('SIPMessageDidFail', { timeout: 5000 });
    await rejected.send(5);
    assert.equal((await failed).data.code, 415);
  });

  it('sends a MESSAGE through its outbound proxy', async () => {
    peer.script('MESSAGE', (request) => answer(request, 202));
    const code = await account.sendMessage('bob@example.test', 'hi bob');
    assert.equal(code, 202);
    const sent = peer.received('MESSAGE').at(-1)!;
    assert.equal(sent.uri.toString(), 'sip:bob@example.test');
    assert.equal(sent.body.toString(), 'hi bob');
  });

  it('routes an unsolicited NOTIFY and an incoming SUBSCRIBE to the account', async () => {
    const contact = account.contact.get('udp').toString();
    const notified = app.next('SIPAccountGotNotify', account);
    const notify = new Request(peer.engine, {
      method: 'NOTIFY',
      requestUri: contact,
      fromHeader: '<sip:voicemail@example.test>',
      toHeader: '<sip:alice@example.test>',
      routes: [accountRoute()],
      extraHeaders: [['Event', 'message-summary'], ['Subscription-State', 'active']],
      contentType: 'application/simple-message-summary',
      body: 'Messages-Waiting: yes\r\n',
    });
    await notify.send(5);
    const { data } = await notified;
    assert.equal(data.event, 'message-summary');
    assert.equal(notify.response?.status, 200);

    const incoming = app.next('SIPAccountGotIncomingSubscription', account);
    const watcher = new Subscription(peer.engine, {
      fromHeader: '<sip:bob@example.test>',
      toHeader: '<sip:alice@example.test>',
      requestUri: contact,
      contactHeader: `<sip:bob@${peer.route.address}:${peer.route.port}>`,
      event: 'presence',
      accept: ['application/pidf+xml'],
      routes: [accountRoute()],
    });
    const gotNotify = watcher.once('SIPSubscriptionGotNotify', { timeout: 5000 });
    // The SUBSCRIBE is answered once the application accepts it.
    const subscribing = watcher.subscribe();
    const { data: request } = await incoming;
    assert.equal(request.event, 'presence');
    assert.equal(request.fromHeader.uri.toString(), 'sip:bob@example.test');
    request.subscription.accept(PIDF.contentType, pidf('sip:alice@example.test').toXML());
    await subscribing;
    const { data: got } = await gotNotify;
    assert.equal(got.subscriptionState.state, 'active');
    await watcher.end({ timeout: 2 });
  });
});
