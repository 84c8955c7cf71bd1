import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../src/account/index.js';
import { IncomingSubscription } from '../../src/core/index.js';
import type { Notification } from '../../src/notification/index.js';
import { Contact, ContactURI, EventHandling, XCAPManager, XCAP_DIFF_CONTENT_TYPE } from '../../src/xcap/index.js';
import { settled, synced } from '../xcap/manager/fixture.js';
import { XCAPTestServer } from '../xcap/manager/xcap-test-server.js';
import { addAccount, registered, startApplication, startPeer, WAIT_MS, type Peer, type TestApplication } from './fixture.js';

const AOR = 'sip:alice@example.test';

describe('Account XCAP manager', () => {
  let server: XCAPTestServer;
  let other: XCAPTestServer;
  let peer: Peer;
  let app: TestApplication;
  let account: Account;
  let unserve: () => void;
  /** The xcap-diff SUBSCRIBEs the peer accepted, newest last. */
  const subscriptions: IncomingSubscription[] = [];

  before(async () => {
    server = new XCAPTestServer();
    other = new XCAPTestServer();
    await Promise.all([server.start(), other.start()]);
    peer = await startPeer();
    peer.script('REGISTER', (request) => registered(request));
    unserve = IncomingSubscription.serve(peer.engine, {
      event: 'xcap-diff',
      onSubscribe: (subscription) => {
        subscriptions.push(subscription);
        subscription.accept();
      },
    });
    app = await startApplication();
  });
  after(async () => {
    unserve();
    await app.stop();
    await peer.engine.stop();
    await Promise.all([server.stop(), other.stop()]);
  });

  /** The next `XCAPManagerDidChangeState` of `manager` into `state`. */
  function reaches(manager: XCAPManager, state: XCAPManager['state']): Promise<Notification<'XCAPManagerDidChangeState'>> {
    return app.next('XCAPManagerDidChangeState', manager, (n) => n.data.state === state);
  }

  /** Resolves with the next xcap-diff SUBSCRIBE the peer accepts. */
  function nextSubscription(): Promise<IncomingSubscription> {
    const count = subscriptions.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no new xcap-diff SUBSCRIBE')), WAIT_MS);
      const poll = setInterval(() => {
        if (subscriptions.length === count) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(subscriptions[subscriptions.length - 1]!);
      }, 5);
    });
  }

  it('has no manager while xcap.enabled is off', async () => {
    account = await addAccount(app, peer);
    await app.next('SIPAccountRegistrationDidSucceed', account);
    assert.equal(account.xcapManager, undefined);
  });

  it('creates and starts the manager when xcap.enabled is saved; it reaches insync with the server', async () => {
    const discovered = app.next('SIPAccountDidDiscoverXCAPSupport', account);
    const subscribed = nextSubscription();
    account.xcap.enabled = true;
    account.setSettingFromString('xcap.xcapRoot', server.root);
    await account.save();
    const { data } = await discovered;
    assert.ok(account.xcapManager instanceof XCAPManager);
    assert.equal(data.xcapManager, account.xcapManager);
    assert.equal(data.xcapRoot, server.root);
    assert.equal(account.xcapRoot, server.root);
    await settled(account.xcapManager);
    // The xcap-diff subscription goes to the account's own address through its outbound proxy.
    const subscription = await subscribed;
    assert.equal(subscription.toHeader.uri.toString(), AOR);
    assert.equal(subscription.request.expires, account.sip.subscribeInterval);
  });

  it('applies operations made through account.xcapManager on the server', async () => {
    const manager = account.xcapManager!;
    const bob = new Contact('bob', 'Bob', [new ContactURI('bob-1', 'sip:bob@example.test')], new EventHandling('allow', true));
    await synced(manager, () => manager.addContact(bob));
    assert.match(server.body('resource-lists', AOR) ?? '', /sip:bob@example\.test/);
    assert.deepEqual(manager.addressbook.contacts.map((contact) => contact.id), ['bob']);
    // The cache lives in the application's storage (middleware spec §2), not in memory of its own.
    const cached = await app.storage.xcapStorageFactory(account.id.toString()).load('document.resource-lists');
    assert.match(cached ?? '', /sip:bob@example\.test/);
  });

  it('fetches again when the xcap-diff subscription reports a remote change', async () => {
    const manager = account.xcapManager!;
    const gets = server.count('GET', '/xcap-root/resource-lists');
    const selector = `resource-lists/users/${AOR}/index`;
    const fetching = reaches(manager, 'fetching');
    subscriptions.at(-1)!.pushContent(
      XCAP_DIFF_CONTENT_TYPE,
      `<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="${server.root}"><document sel="${selector}" new-etag="&quot;remote&quot;"/></xcap-diff>`,
    );
    await fetching;
    await settled(manager);
    assert.ok(server.count('GET', '/xcap-root/resource-lists') > gets);
  });

  it('renews only the xcap-diff subscription when sip.subscribeInterval changes', async () => {
    const manager = account.xcapManager!;
    const states: string[] = [];
    const stop = manager.on('XCAPManagerDidChangeState', (n) => states.push(n.data.state));
    const subscribed = nextSubscription();
    account.sip.subscribeInterval = 1200;
    await account.save();
    const subscription = await subscribed;
    stop();
    assert.equal(subscription.request.expires, 1200);
    assert.equal(account.xcapManager, manager);
    assert.equal(states.includes('initializing'), false);
  });

  it('gives the same manager a client for the new root when xcap.xcapRoot changes', async () => {
    const manager = account.xcapManager!;
    const initializing = reaches(manager, 'initializing');
    const discovered = app.next('SIPAccountDidDiscoverXCAPSupport', account);
    account.setSettingFromString('xcap.xcapRoot', other.root);
    await account.save();
    await initializing;
    assert.equal((await discovered).data.xcapRoot, other.root);
    await settled(manager);
    assert.equal(account.xcapManager, manager);
    assert.ok(other.count('GET', '/xcap-root/xcap-caps') > 0);
    assert.equal(account.xcapRoot, other.root);
  });

  it('gives the manager a new client and a new xcap-diff subscription when the credentials change', async () => {
    const manager = account.xcapManager!;
    const initializing = reaches(manager, 'initializing');
    const subscribed = nextSubscription();
    account.auth.password = 'changed';
    await account.save();
    await Promise.all([initializing, subscribed]);
    await settled(manager);
    assert.equal(account.xcapManager, manager);
  });

  it('stops the manager when the account is disabled, keeps it, and applies operations queued meanwhile at reactivation', async () => {
    const manager = account.xcapManager!;
    const ended = app.next('XCAPManagerDidEnd', manager);
    account.enabled = false;
    await account.save();
    await ended;
    assert.equal(manager.state, 'stopped');
    assert.equal(account.xcapManager, manager);

    await manager.addContact(new Contact('carol', 'Carol', [new ContactURI('carol-1', 'sip:carol@example.test')]));
    assert.equal(manager.pendingOperations.length, 1);
    const started = app.next('XCAPManagerDidStart', manager);
    account.enabled = true;
    await account.save();
    await started;
    await settled(manager);
    assert.match(other.body('resource-lists', AOR) ?? '', /sip:carol@example\.test/);
  });

  it('stops and drops the manager when xcap.enabled is turned off', async () => {
    const manager = account.xcapManager!;
    const ended = app.next('XCAPManagerDidEnd', manager);
    account.xcap.enabled = false;
    await account.save();
    await ended;
    assert.equal(account.xcapManager, undefined);
    assert.equal(manager.state, 'stopped');
  });
});
