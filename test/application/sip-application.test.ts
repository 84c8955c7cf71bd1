import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SIPApplication, SIPApplicationError } from '../../src/application/index.js';
import { ConfigurationManager } from '../../src/configuration/index.js';
import { NotificationCenter } from '../../src/notification/index.js';
import { MemoryStorage, type ISIPSimpleStorage } from '../../src/storage/index.js';
import { startApplication, type TestApplication } from '../account/fixture.js';

describe('SIPApplication', () => {
  let app: TestApplication | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('starts configuration, Engine and accounts in order, and stops them', async () => {
    app = await startApplication({ start: false });
    const { application } = app;
    assert.equal(application.running, false);
    await application.start(app.storage);
    assert.equal(application.running, true);
    assert.equal(application.storage, app.storage);
    assert.equal(app.configurationManager.started, true);
    assert.equal(application.engine.isRunning, true);
    assert.equal(application.accountManager.started, true);
    assert.deepEqual(application.engine.settings.transports, ['udp']);
    assert.equal(application.engine.settings.userAgent, application.settings.userAgent);
    await application.stop();
    assert.equal(application.running, false);
    assert.equal(application.engine.isRunning, false);
    assert.equal(app.configurationManager.started, false);
    assert.deepEqual(
      app.names(application),
      ['SIPApplicationWillStart', 'SIPApplicationDidStart', 'SIPApplicationWillEnd', 'SIPApplicationDidEnd'],
    );
  });

  it('refuses to start twice and to stop when stopped, and starts again after a stop', async () => {
    app = await startApplication();
    await assert.rejects(app.application.start(app.storage), SIPApplicationError);
    await app.application.stop();
    await assert.rejects(app.application.stop(), SIPApplicationError);
    await app.application.start(new MemoryStorage());
    assert.equal(app.application.running, true);
  });

  it('lets the configuration error through and can be started again', async () => {
    app = await startApplication({ start: false });
    const broken: ISIPSimpleStorage = {
      configurationBackend: { load: () => Promise.reject(new Error('disk on fire')), save: () => Promise.resolve(), delete: () => Promise.resolve() },
      xcapStorageFactory: app.storage.xcapStorageFactory,
    };
    await assert.rejects(app.application.start(broken), /disk on fire/);
    assert.equal(app.application.running, false);
    assert.deepEqual(app.names(app.application), []);
    await app.application.start(app.storage);
    assert.equal(app.application.running, true);
  });

  it('starts the Engine without TLS when TLS cannot start', async () => {
    const center = new NotificationCenter();
    const application = new SIPApplication({
      notificationCenter: center,
      configurationManager: new ConfigurationManager(),
      dnsManager: null,
      bonjourAccount: null,
      engineSettings: {
        ipv4Address: '127.0.0.1',
        transports: ['tls', 'udp'],
        tls: { certificateFile: '/nonexistent/cert.pem', privateKeyFile: '/nonexistent/cert.pem' },
      },
    });
    const failed = center.waitFor({ name: 'SIPApplicationFailedToStartTLS', sender: application }, { timeout: 5000 });
    await application.start(new MemoryStorage());
    try {
      const { data } = await failed;
      assert.match(data.error.message, /nonexistent/);
      assert.deepEqual(application.engine.settings.transports, ['udp']);
    } finally {
      await application.stop();
    }
  });

  it('has a process-wide default instance', () => {
    assert.equal(SIPApplication.default, SIPApplication.default);
    assert.equal(SIPApplication.default.configurationManager, ConfigurationManager.default);
  });
});
