/**
 * The account's XCAP manager on a runtime made by hand, as SIPApplication makes it:
 * the application's XCAP storage per account, and the XCAP root discovered with a
 * DNS TXT query (a fake resolver: no query leaves the process).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Account, AccountManager, type AccountRuntime } from '../../src/account/index.js';
import { ConfigurationManager, SIPSimpleSettings } from '../../src/configuration/index.js';
import { Engine, IncomingSubscription } from '../../src/core/index.js';
import { DNSLookup } from '../../src/lookup/index.js';
import { NotificationCenter, type NotificationName, type Notification } from '../../src/notification/index.js';
import { MemoryStorage } from '../../src/storage/index.js';
import { Contact, ContactURI, JOURNAL_ENTRY } from '../../src/xcap/index.js';
import { ManualScheduler } from '../core/transaction/manual-scheduler.js';
import { FakeResolver, type FakeAnswer } from '../lookup/fake-resolver.js';
import { settled, synced } from '../xcap/manager/fixture.js';
import { XCAPTestServer } from '../xcap/manager/xcap-test-server.js';
import { startPeer, WAIT_MS, type Peer } from './fixture.js';

describe('Account XCAP manager on the application runtime', () => {
  let server: XCAPTestServer;
  let peer: Peer;
  let unserve: () => void;
  const center = new NotificationCenter();
  const configurationManager = new ConfigurationManager();
  const storage = new MemoryStorage();
  const scheduler = new ManualScheduler();
  const table: Record<string, FakeAnswer> = {};
  const resolver = new FakeResolver(table);
  const engine = new Engine({ notificationCenter: center });
  const manager = new AccountManager({ configurationManager, notificationCenter: center });

  before(async () => {
    server = new XCAPTestServer();
    await server.start();
    peer = await startPeer();
    unserve = IncomingSubscription.serve(peer.engine, { event: 'xcap-diff', onSubscribe: (subscription) => subscription.accept() });
    await configurationManager.start(storage.configurationBackend);
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: { t1: 20, t2: 80, t4: 100 } });
    const runtime: AccountRuntime = {
      engine,
      dnsLookup: new DNSLookup({ resolverFactory: resolver.factory, notificationCenter: center }),
      settings: SIPSimpleSettings.instance({ configurationManager, notificationCenter: center }),
      scheduler,
      shutdownTimeout: 1,
      xcapStorageFactory: storage.xcapStorageFactory,
    };
    await manager.start(runtime);
  });
  after(async () => {
    await manager.stop();
    unserve();
    await engine.stop();
    await peer.engine.stop();
    configurationManager.stop();
    await server.stop();
  });

  function next<N extends NotificationName>(name: N, sender: unknown): Promise<Notification<N>> {
    return center.waitFor({ name, sender }, { timeout: WAIT_MS });
  }

  /** An enabled account with XCAP on and no XCAP root set, its requests through the peer. */
  async function xcapAccount(id: string): Promise<Account> {
    const account = new Account(id, { configurationManager, notificationCenter: center });
    account.enabled = true;
    account.registration.enabled = false;
    account.setSettingFromString('sip.outboundProxy', peer.proxy);
    account.xcap.enabled = true;
    await account.save();
    return account;
  }

  it('discovers the XCAP root in DNS and keeps the journal and cache in the application storage of the account', async () => {
    table['TXT xcap.example.test'] = [[server.root]];
    const account = new Account('alice@example.test', { configurationManager, notificationCenter: center });
    const discovered = next('SIPAccountDidDiscoverXCAPSupport', account);
    await xcapAccount('alice@example.test');
    const { data } = await discovered;
    assert.equal(data.xcapRoot, server.root);
    assert.equal(account.xcapRoot, server.root);
    assert.ok(resolver.queries.includes('TXT xcap.example.test'));
    const xcap = account.xcapManager!;
    await settled(xcap);
    await synced(xcap, () => xcap.addContact(new Contact('bob', 'Bob', [new ContactURI('bob-1', 'sip:bob@example.test')])));
    const accountStorage = storage.xcapStorageFactory('alice@example.test');
    assert.match((await accountStorage.load('document.resource-lists')) ?? '', /sip:bob@example\.test/);
    assert.deepEqual(JSON.parse((await accountStorage.load(JOURNAL_ENTRY)) ?? '[]'), []);
    assert.match(server.body('resource-lists', 'sip:alice@example.test') ?? '', /sip:bob@example\.test/);
  });

  it('posts SIPAccountXCAPDidFail when no root is configured nor in DNS, and tries again after the back-off', async () => {
    const account = new Account('bob@nowhere.test', { configurationManager, notificationCenter: center });
    const failed = next('SIPAccountXCAPDidFail', account);
    await xcapAccount('bob@nowhere.test');
    const { data } = await failed;
    assert.equal(data.timeout, 5);
    assert.match(data.error.message, /nowhere\.test/);
    assert.equal(account.xcapManager, undefined);

    table['TXT xcap.nowhere.test'] = [[server.root]];
    const discovered = next('SIPAccountDidDiscoverXCAPSupport', account);
    scheduler.advance(5_000);
    await discovered;
    await settled(account.xcapManager!);
  });

  it('drops the managers when the accounts leave the runtime', async () => {
    const accounts = ['alice@example.test', 'bob@nowhere.test'].map((id) => new Account(id, { configurationManager, notificationCenter: center }));
    const managers = accounts.map((account) => account.xcapManager!);
    await manager.stop();
    for (const account of accounts) assert.equal(account.xcapManager, undefined);
    for (const xcap of managers) assert.equal(xcap.state, 'stopped');
  });
});
