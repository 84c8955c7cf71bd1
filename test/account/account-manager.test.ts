import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Account, AccountManager, UnknownAccountError, type AccountLike } from '../../src/account/index.js';
import { ConfigurationManager, SIPAddress, SIPSimpleSettings } from '../../src/configuration/index.js';
import { NotificationCenter } from '../../src/notification/index.js';
import { Engine } from '../../src/core/index.js';
import { DNSLookup } from '../../src/lookup/index.js';
import { MemoryConfigurationBackend } from '../../src/storage/index.js';
import { addAccount, registered, startApplication, startPeer, type Peer, type TestApplication } from './fixture.js';

describe('AccountManager', () => {
  let peer: Peer;
  let app: TestApplication | undefined;
  before(async () => {
    peer = await startPeer();
    peer.script('REGISTER', (request) => registered(request));
  });
  after(async () => {
    await peer.engine.stop();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('loads the stored accounts at start and posts DidAddAccount for each', async () => {
    const configurationManager = new ConfigurationManager();
    const center = new NotificationCenter();
    await configurationManager.start(
      new MemoryConfigurationBackend({ Accounts: { 'alice@example.test': { enabled: true }, 'bob@example.test': {} } }),
    );
    const manager = new AccountManager({ configurationManager, notificationCenter: center });
    const added: string[] = [];
    center.addObserver((n) => added.push(String((n.data as { account: AccountLike }).account.id)), { name: 'SIPAccountManagerDidAddAccount', sender: manager });
    await manager.start();
    assert.deepEqual(added.sort(), ['alice@example.test', 'bob@example.test']);
    assert.equal(manager.hasAccount('alice@example.test'), true);
    assert.equal(manager.hasAccount('carol@example.test'), false);
    assert.ok(manager.getAccount('bob@example.test') instanceof Account);
    assert.throws(() => manager.getAccount('carol@example.test'), UnknownAccountError);
    assert.equal(manager.getAccounts().length, 2);
    assert.equal([...manager.iterAccounts()].length, 2);
    // Only enabled accounts are found by URI; bob is disabled.
    assert.equal(manager.findAccount({ user: 'alice', host: 'EXAMPLE.test' })?.id.toString(), 'alice@example.test');
    assert.equal(manager.findAccount({ user: 'bob', host: 'example.test' }), null);
    const alice = manager.getAccount('alice@example.test') as Account;
    assert.equal(manager.findAccount({ user: alice.contact.username, host: '127.0.0.1', port: 5060 }), alice);
    // The default account: none stored, so the first enabled one.
    assert.equal(manager.defaultAccount, alice);
    await manager.stop();
  });

  it('adds accounts saved for the first time, removes deleted ones, and keeps one instance per id', async () => {
    app = await startApplication();
    const manager = app.application.accountManager;
    const added = app.next('SIPAccountManagerDidAddAccount', manager);
    const account = await addAccount(app, peer, 'carol@example.test');
    assert.equal((await added).data.account, account);
    assert.equal(app.account('carol@example.test'), account);
    assert.equal(new Account(SIPAddress.parse('sip:carol@EXAMPLE.test'), { configurationManager: app.configurationManager }), account);
    assert.equal(account.uri.toString(), 'sip:carol@example.test');
    assert.equal(account.credentials.username, 'carol');
    assert.equal(account.credentials.password, 'secret');
    const removed = app.next('SIPAccountManagerDidRemoveAccount', manager);
    await account.delete();
    assert.equal((await removed).data.account, account);
    assert.equal(manager.hasAccount('carol@example.test'), false);
    assert.equal(account.isActive, false);
    assert.notEqual(app.account('carol@example.test'), account);
  });

  it('sets the default account, stores it in SIPSimpleSettings and posts the change', async () => {
    app = await startApplication();
    const manager = app.application.accountManager;
    const alice = await addAccount(app, peer, 'alice@example.test');
    const bob = await addAccount(app, peer, 'bob@example.test');
    assert.equal(manager.defaultAccount, alice);
    const changed = app.next('SIPAccountManagerDidChangeDefaultAccount', manager);
    await manager.setDefaultAccount(bob);
    const { data } = await changed;
    assert.equal(data.oldAccount, alice);
    assert.equal(data.account, bob);
    assert.equal(manager.defaultAccount, bob);
    assert.equal(SIPSimpleSettings.instance({ configurationManager: app.configurationManager }).defaultAccount, 'bob@example.test');
    const other = app.account('dave@example.test');
    await assert.rejects(manager.setDefaultAccount(other), UnknownAccountError);
  });

  it('manages the Bonjour account (any AccountLike) next to the SIP accounts', async () => {
    const configurationManager = new ConfigurationManager();
    const center = new NotificationCenter();
    await configurationManager.start(new MemoryConfigurationBackend({}));
    const calls: string[] = [];
    const bonjour: AccountLike = {
      id: SIPAddress.parse('bonjour@local'),
      notificationCenter: center,
      enabled: true,
      isActive: false,
      attach: async () => void calls.push('attach'),
      detach: async () => void calls.push('detach'),
      matchesURI: (uri) => uri.user === 'lxzvgack',
    };
    const manager = new AccountManager({ configurationManager, notificationCenter: center, bonjourAccount: () => bonjour });
    const added = center.waitFor({ name: 'SIPAccountManagerDidAddAccount', sender: manager }, { timeout: 5000 });
    await manager.start({ engine: new Engine({ notificationCenter: center }), dnsLookup: new DNSLookup({ notificationCenter: center }), settings: SIPSimpleSettings.instance({ configurationManager }) });
    assert.equal((await added).data.account, bonjour);
    assert.equal(manager.getAccount('bonjour@local'), bonjour);
    assert.equal(manager.findAccount({ user: 'lxzvgack', host: '192.0.2.1' }), bonjour);
    // SIPSimpleSettings.defaultAccount is bonjour@local unless changed.
    assert.equal(manager.defaultAccount, bonjour);
    await manager.stop();
    assert.deepEqual(calls, ['attach', 'detach']);
  });

  it('credentials follow the password setting', async () => {
    app = await startApplication();
    const account = await addAccount(app, peer, 'erin@example.test');
    account.auth.username = 'erin-auth';
    account.auth.password = 'new-secret';
    await account.save();
    assert.equal(account.credentials.username, 'erin-auth');
    assert.equal(account.credentials.password, 'new-secret');
  });
});
