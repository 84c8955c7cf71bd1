import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACCOUNTS_KEY,
  AccountSettings,
  BONJOUR_ACCOUNT_ID,
  BonjourAccountSettings,
  ConfigurationManager,
  PortRange,
  SIPAddress,
  SIPSimpleSettings,
} from '../../src/configuration/index.js';
import { NotificationCenter, type Notification } from '../../src/notification/index.js';
import { MemoryStorage } from '../../src/storage/index.js';

async function startedManager(): Promise<ConfigurationManager> {
  const manager = new ConfigurationManager();
  await manager.start(new MemoryStorage().configurationBackend);
  return manager;
}

test('SIPSimpleSettings defaults', async () => {
  const settings = SIPSimpleSettings.instance({ configurationManager: await startedManager() });
  assert.equal(settings.id, 'SIPSimpleSettings');
  assert.equal(settings.defaultAccount, 'bonjour@local');
  assert.equal(settings.userAgent, 'sipsimple');
  assert.deepEqual(settings.sip.transportList, ['tls', 'tcp', 'udp']);
  assert.deepEqual(
    [settings.sip.udpPort, settings.sip.tcpPort, settings.sip.tlsPort, settings.sip.wsPort, settings.sip.wssPort],
    [0, 0, 0, 0, 0],
  );
  assert.deepEqual(settings.rtp.portRange, new PortRange(50000, 50500));
  assert.deepEqual(settings.rtp.audioCodecList, ['opus', 'G722', 'PCMU', 'PCMA']);
  assert.equal(settings.tls.verifyServer, true);
  assert.equal(settings.tls.caList, null);
  assert.equal(settings.audio.alertDevice, 'system_default');
  assert.equal(settings.audio.inputDevice, 'system_default');
  assert.equal(settings.audio.outputDevice, 'system_default');
  assert.equal(settings.logs.traceSip, false);
  assert.equal(settings.logs.traceNotifications, false);
  assert.equal(settings.logs.directory, 'logs');
});

test('SIPSimpleSettings is one object per configuration manager', async () => {
  const manager = await startedManager();
  const settings = SIPSimpleSettings.instance({ configurationManager: manager });
  assert.equal(SIPSimpleSettings.instance({ configurationManager: manager }), settings);
  assert.notEqual(SIPSimpleSettings.instance({ configurationManager: await startedManager() }), settings);
  settings.sip.transportList = ['udp'];
  await settings.save();
  assert.deepEqual(manager.get(['SIPSimpleSettings']), { sip: { transportList: ['udp'] } });
  // A restart with another backend gives an object with that backend's settings.
  manager.stop();
  await manager.start(new MemoryStorage().configurationBackend);
  const fresh = SIPSimpleSettings.instance({ configurationManager: manager });
  assert.notEqual(fresh, settings);
  assert.deepEqual(fresh.sip.transportList, ['tls', 'tcp', 'udp']);
});

test('AccountSettings defaults, keyed by account id', async () => {
  const configurationManager = await startedManager();
  const account = new AccountSettings(SIPAddress.parse('alice@example.com'), { configurationManager });
  assert.deepEqual(account.key, ['Accounts', 'alice@example.com']);
  assert.equal(account.id.username, 'alice');
  assert.equal(account.id.domain, 'example.com');
  assert.equal(account.enabled, false);
  assert.equal(account.displayName, null);
  assert.equal(account.auth.username, null);
  assert.equal(account.auth.password, '');
  assert.equal(account.sip.outboundProxy, null);
  assert.deepEqual([account.sip.registerInterval, account.sip.subscribeInterval, account.sip.publishInterval], [3600, 3600, 3600]);
  assert.equal(account.sip.transportList, null);
  assert.equal(account.registration.enabled, true);
  assert.equal(account.rtp.timeout, 30);
  assert.equal(account.natTraversal.useIce, false);
  assert.equal(account.natTraversal.msrpRelay, null);
  assert.equal(account.presence.enabled, false);
  assert.equal(account.dialogEvent.enabled, false);
  assert.equal(account.messageSummary.enabled, false);
  assert.equal(account.messageSummary.voicemailUri, null);
  assert.equal(account.xcap.enabled, false);
  assert.equal(account.xcap.xcapRoot, null);
  assert.equal(account.xcap.discovered, false);
  assert.equal(account.tls.verifyServer, true);
});

test('accounts are listed under Accounts and report changes with camelCase paths', async () => {
  const configurationManager = await startedManager();
  const notificationCenter = new NotificationCenter();
  const alice = new AccountSettings(SIPAddress.parse('alice@example.com'), { configurationManager, notificationCenter });
  const bob = new AccountSettings(SIPAddress.parse('bob@example.com'), { configurationManager, notificationCenter });
  await alice.save();
  await bob.save();
  assert.deepEqual(configurationManager.getNames(ACCOUNTS_KEY), ['alice@example.com', 'bob@example.com']);
  const changed = notificationCenter.waitFor({ name: 'CFGSettingsObjectDidChange', sender: alice });
  alice.setSettingFromString('sip.outboundProxy', 'proxy.example.com;transport=tls');
  alice.setSettingFromString('xcap.xcapRoot', 'https://xcap.example.com/xcap-root');
  alice.auth.password = 'pw';
  await alice.save();
  const { data } = (await changed) as Notification<'CFGSettingsObjectDidChange'>;
  assert.deepEqual(Object.keys(data.modified).sort(), ['auth.password', 'sip.outboundProxy', 'xcap.xcapRoot']);
  assert.equal(String(data.modified['sip.outboundProxy']!.new), 'proxy.example.com;transport=tls');
  await bob.delete();
  assert.deepEqual(configurationManager.getNames(ACCOUNTS_KEY), ['alice@example.com']);
});

test('the Bonjour account is bonjour@local, enabled by default', async () => {
  const bonjour = new BonjourAccountSettings({ configurationManager: await startedManager() });
  assert.equal(String(bonjour.id), 'bonjour@local');
  assert.ok(bonjour.id.equals(BONJOUR_ACCOUNT_ID));
  assert.deepEqual(bonjour.key, ['BonjourAccount']);
  assert.equal(bonjour.enabled, true);
  assert.equal(bonjour.presence.enabled, false);
  assert.equal(bonjour.rtp.srtpEncryption, 'optional');
  assert.equal(bonjour.tls.verifyServer, false);
});
