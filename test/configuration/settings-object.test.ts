import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BooleanType,
  ConfigurationError,
  ConfigurationManager,
  NonNegativeInteger,
  Port,
  SIPProxyAddress,
  SIPProxyAddressType,
  StringType,
  defineSettingsObject,
  group,
  setting,
} from '../../src/configuration/index.js';
import { NotificationCenter, type Notification } from '../../src/notification/index.js';
import { FileStorage, MemoryConfigurationBackend, MemoryStorage, type IConfigurationBackend } from '../../src/storage/index.js';

const schema = {
  enabled: setting(BooleanType, { default: false }),
  password: setting(StringType, { default: '', secret: true }),
  sip: group({
    outboundProxy: setting(SIPProxyAddressType, { default: null, nillable: true }),
    registerInterval: setting(NonNegativeInteger, { default: 3600 }),
    ports: group({ udp: setting(Port, { default: 0 }) }),
  }),
};
const Thing = defineSettingsObject({ schema, key: (id: string) => ['Things', id] });

async function setUp(backend: IConfigurationBackend = new MemoryStorage().configurationBackend) {
  const configurationManager = new ConfigurationManager();
  await configurationManager.start(backend);
  const notificationCenter = new NotificationCenter();
  const seen: Notification[] = [];
  notificationCenter.addObserver((notification) => seen.push(notification));
  return { configurationManager, notificationCenter, seen, options: { configurationManager, notificationCenter } };
}

test('a new object has the defaults, typed', async () => {
  const { options } = await setUp();
  const thing = new Thing('a', options);
  assert.equal(thing.enabled, false);
  assert.equal(thing.sip.outboundProxy, null);
  assert.equal(thing.sip.registerInterval, 3600);
  assert.equal(thing.sip.ports.udp, 0);
  assert.equal(thing.isStored, false);
  assert.deepEqual(thing.loadErrors, []);
  assert.deepEqual(Object.keys(thing.sip), ['outboundProxy', 'registerInterval', 'ports']);
  // Compile-time checks: the schema gives the property types.
  const proxy: SIPProxyAddress | null = thing.sip.outboundProxy;
  const interval: number = thing.getSetting('sip.registerInterval');
  assert.equal(proxy, null);
  assert.equal(interval, 3600);
  // @ts-expect-error a number setting does not take a string
  assert.throws(() => (thing.sip.registerInterval = 'soon'));
  // @ts-expect-error groups cannot be replaced
  assert.throws(() => (thing.sip = {}));
  // @ts-expect-error there is no such path
  assert.throws(() => thing.getSetting('sip.nothing'), /there is no setting sip.nothing/);
});

test('a bad value is a ConfigurationError naming the setting and the value', async () => {
  const { options } = await setUp();
  const thing = new Thing('a', options);
  assert.throws(
    () => {
      thing.sip.ports.udp = 70000;
    },
    (error: unknown) => {
      assert.ok(error instanceof ConfigurationError);
      assert.equal(error.setting, 'sip.ports.udp');
      assert.equal(error.value, 70000);
      assert.equal(error.message, 'invalid value 70000 for setting sip.ports.udp (Port): must be between 0 and 65535');
      return true;
    },
  );
  assert.throws(() => thing.setSettingFromString('sip.outboundProxy', 'proxy;transport=carrier-pigeon'), {
    message: 'invalid value "proxy;transport=carrier-pigeon" for setting sip.outboundProxy (SIPProxyAddress): transport must be one of udp, tcp, tls, ws, wss',
  });
  assert.throws(() => thing.setSetting('enabled', null as unknown as boolean), /setting enabled \(Boolean\): this setting cannot be null/);
  assert.throws(() => thing.setSetting('password', 42 as unknown as string), {
    message: 'invalid value (hidden) for setting password (String): expected text as a string, got number',
  });
  assert.throws(() => Object.assign(thing.sip, { typo: 1 }), TypeError);
  assert.equal(thing.sip.ports.udp, 0);
});

test('values set from text and formatted back', async () => {
  const { options } = await setUp();
  const thing = new Thing('a', options);
  thing.setSettingFromString('sip.outboundProxy', 'sip:proxy.example.com:5060;transport=tcp');
  assert.equal(thing.sip.outboundProxy?.transport, 'tcp');
  assert.equal(thing.formatSetting('sip.outboundProxy'), 'proxy.example.com:5060;transport=tcp');
  thing.setSettingFromString('sip.outboundProxy', null);
  assert.equal(thing.formatSetting('sip.outboundProxy'), null);
  thing.setSettingFromString('enabled', 'yes');
  assert.equal(thing.enabled, true);
  thing.resetSetting('enabled');
  assert.equal(thing.enabled, false);
});

test('save posts WasCreated, then DidChange with old and new values, and nothing when unchanged', async () => {
  const { options, seen } = await setUp();
  const thing = new Thing('a', options);
  await thing.save();
  assert.deepEqual(seen.map((n) => n.name), ['CFGSettingsObjectWasCreated']);
  assert.equal(seen[0]!.sender, thing);
  assert.ok(thing.isStored);
  const proxy = SIPProxyAddress.parse('proxy.example.com');
  thing.sip.outboundProxy = proxy;
  thing.sip.registerInterval = 600;
  thing.enabled = true;
  thing.enabled = false;
  await thing.save();
  assert.equal(seen[1]!.name, 'CFGSettingsObjectDidChange');
  assert.deepEqual((seen[1] as Notification<'CFGSettingsObjectDidChange'>).data.modified, {
    'sip.outboundProxy': { old: null, new: proxy },
    'sip.registerInterval': { old: 3600, new: 600 },
  });
  assert.ok(seen[1]!.data.timestamp instanceof Date);
  // Equal value objects are no change.
  thing.sip.outboundProxy = SIPProxyAddress.parse('proxy.example.com');
  await thing.save();
  assert.equal(seen.length, 2);
});

test('on() sees the object\'s own notifications', async () => {
  const { options } = await setUp();
  const thing = new Thing('a', options);
  const created = thing.once('CFGSettingsObjectWasCreated');
  await thing.save();
  assert.equal((await created).sender, thing);
});

test('delete removes the object and posts WasDeleted; saving again recreates it', async () => {
  const { options, seen, configurationManager } = await setUp();
  const thing = new Thing('a', options);
  await thing.delete();
  assert.equal(seen.length, 0);
  thing.enabled = true;
  await thing.save();
  await thing.delete();
  assert.deepEqual(seen.map((n) => n.name), ['CFGSettingsObjectWasCreated', 'CFGSettingsObjectWasDeleted']);
  assert.equal(configurationManager.has(['Things', 'a']), false);
  assert.equal(thing.isStored, false);
  assert.equal(new Thing('a', options).enabled, false);
  await thing.save();
  assert.equal(seen.at(-1)!.name, 'CFGSettingsObjectWasCreated');
  assert.equal(new Thing('a', options).enabled, true);
});

test('only values that differ from the default are stored; unknown stored keys are kept', async () => {
  const backend = new MemoryConfigurationBackend({ Things: { a: { future: { setting: 1 }, sip: { later: 'x' } } } });
  const { options } = await setUp(backend);
  const thing = new Thing('a', options);
  thing.sip.ports.udp = 5060;
  thing.password = 'secret';
  await thing.save();
  assert.deepEqual(await backend.load(), {
    Things: { a: { future: { setting: 1 }, sip: { later: 'x', ports: { udp: 5060 } }, password: 'secret' } },
  });
  thing.sip.ports.udp = 0;
  await thing.save();
  assert.deepEqual(await backend.load(), { Things: { a: { future: { setting: 1 }, sip: { later: 'x' }, password: 'secret' } } });
});

test('stored values the schema rejects keep the default and are reported', async () => {
  const backend = new MemoryConfigurationBackend({ Things: { a: { enabled: 'very', sip: { registerInterval: 60 } } } });
  const { options } = await setUp(backend);
  const thing = new Thing('a', options);
  assert.equal(thing.enabled, false);
  assert.equal(thing.sip.registerInterval, 60);
  assert.equal(thing.loadErrors.length, 1);
  assert.equal(thing.loadErrors[0]!.setting, 'enabled');
  assert.match(thing.loadErrors[0]!.message, /invalid value "very" for setting enabled/);
});

test('a failed save rejects, posts nothing and leaves the configuration as it was', async () => {
  let fail = false;
  const inner = new MemoryConfigurationBackend();
  const flaky: IConfigurationBackend = {
    load: () => inner.load(),
    save: async (data) => (fail ? Promise.reject(new Error('disk full')) : inner.save(data)),
    delete: () => inner.delete(),
  };
  const { options, seen, configurationManager } = await setUp(flaky);
  const thing = new Thing('a', options);
  fail = true;
  await assert.rejects(thing.save(), /disk full/);
  assert.equal(configurationManager.has(['Things', 'a']), false);
  fail = false;
  await thing.save();
  thing.enabled = true;
  fail = true;
  await assert.rejects(thing.save(), /disk full/);
  assert.deepEqual(configurationManager.get(['Things', 'a']), {});
  await assert.rejects(thing.delete(), /disk full/);
  assert.ok(configurationManager.has(['Things', 'a']));
  fail = false;
  await thing.save();
  assert.deepEqual(seen.map((n) => n.name), ['CFGSettingsObjectWasCreated', 'CFGSettingsObjectDidChange']);
  assert.deepEqual((seen[1] as Notification<'CFGSettingsObjectDidChange'>).data.modified, { enabled: { old: false, new: true } });
});

test('concurrent saves of one object store the last values and report each change once', async () => {
  const { options, seen, configurationManager } = await setUp();
  const thing = new Thing('a', options);
  await thing.save();
  thing.sip.registerInterval = 1;
  const first = thing.save();
  thing.sip.registerInterval = 2;
  const second = thing.save();
  await Promise.all([first, second]);
  const changes = seen.slice(1).map((n) => (n as Notification<'CFGSettingsObjectDidChange'>).data.modified);
  assert.deepEqual(changes, [{ 'sip.registerInterval': { old: 3600, new: 2 } }]);
  assert.deepEqual(configurationManager.get(['Things', 'a']), { sip: { registerInterval: 2 } });
});

test('settings round-trip through FileStorage', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sipsimple-settings-'));
  try {
    const { options } = await setUp(new FileStorage(directory).configurationBackend);
    const thing = new Thing('alice@example.com', options);
    thing.sip.outboundProxy = SIPProxyAddress.parse('[::1]:5070;transport=tcp');
    thing.enabled = true;
    await thing.save();
    const stored = JSON.parse(await readFile(join(directory, 'config.json'), 'utf8'));
    assert.deepEqual(stored, { Things: { 'alice@example.com': { enabled: true, sip: { outboundProxy: '[::1]:5070;transport=tcp' } } } });
    const reloaded = await setUp(new FileStorage(directory).configurationBackend);
    const again = new Thing('alice@example.com', reloaded.options);
    assert.equal(again.enabled, true);
    assert.deepEqual(again.sip.outboundProxy, thing.sip.outboundProxy);
    assert.ok(again.sip.outboundProxy instanceof SIPProxyAddress);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('schemas cannot shadow settings object members, and objects need a started manager', () => {
  assert.throws(() => defineSettingsObject({ schema: { save: setting(BooleanType, { default: false }) }, key: () => ['x'] }), /named save/);
  assert.throws(() => new Thing('a', { configurationManager: new ConfigurationManager() }), /not started/);
});
