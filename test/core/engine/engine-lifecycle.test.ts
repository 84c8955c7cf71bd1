// Engine start/stop, its notifications, and the settings it is given.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationCenter } from '../../../src/notification/index.js';
import { Engine, EngineError, resolveEngineSettings } from '../../../src/core/index.js';
import { newRequest, startEngine, stopEngines } from './helpers.js';

describe('Engine lifecycle', () => {
  it('posts WillStart, DidStart, WillEnd and DidEnd in order', async () => {
    const center = new NotificationCenter();
    const engine = new Engine({ notificationCenter: center });
    const names: string[] = [];
    center.addObserver((n) => {
      if (n.sender === engine && String(n.name).startsWith('SIPEngine') && n.name !== 'SIPEngineLog') names.push(String(n.name));
    });
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
    assert.equal(engine.state, 'started');
    await engine.stop();
    assert.equal(engine.state, 'stopped');
    assert.deepEqual(names, ['SIPEngineWillStart', 'SIPEngineDidStart', 'SIPEngineWillEnd', 'SIPEngineDidEnd']);
  });

  it('refuses to start twice and to stop when stopped, with clear errors', async () => {
    const engine = await startEngine({ transports: ['udp'] });
    await assert.rejects(engine.start(), (e: unknown) => e instanceof EngineError && e.code === 'already-started');
    await engine.stop();
    await assert.rejects(engine.stop(), (e: unknown) => e instanceof EngineError && e.code === 'not-started');
    await assert.rejects(
      engine.sendRequest(newRequest('OPTIONS', 'sip:bob@127.0.0.1:5999')),
      (e: unknown) => e instanceof EngineError && e.code === 'not-started',
    );
  });

  it('can be started again after a stop', async () => {
    const engine = await startEngine({ transports: ['udp'] });
    await engine.stop();
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
    assert.equal(engine.isRunning, true);
    await engine.stop();
  });

  it('posts DidFail and rejects when a port cannot be bound, and stays stopped', async () => {
    const first = await startEngine({ transports: ['tcp'] });
    const port = first.localEndpoint('tcp', 4).port;
    const center = new NotificationCenter();
    const engine = new Engine({ notificationCenter: center });
    const failed = engine.once('SIPEngineDidFail');
    try {
      await assert.rejects(engine.start({ ipv4Address: '127.0.0.1', transports: ['udp', 'tcp'], ports: { tcp: port } }));
      assert.match((await failed).data.error, new RegExp(String(port)));
      assert.equal(engine.state, 'stopped');
    } finally {
      await stopEngines(first);
    }
  });

  it('rejects bad settings before opening anything', async () => {
    const engine = new Engine({ notificationCenter: new NotificationCenter() });
    for (const settings of [
      { ipv4Address: '::1' },
      { ipv4Address: null },
      { transports: [] },
      { transports: ['sctp' as 'udp'] },
      { ports: { udp: 70000 } },
      { tls: { certificateFile: '/nonexistent.pem' } },
      { tls: { caFile: '/nonexistent/ca.pem' } },
      { udpSocketBufferSize: -1 },
    ]) {
      await assert.rejects(engine.start(settings), (e: unknown) => e instanceof EngineError && e.code === 'invalid-settings', JSON.stringify(settings));
    }
  });
});

describe('resolveEngineSettings', () => {
  it('gives the UDP listeners the socket buffer size, and only them', async () => {
    const settings = await resolveEngineSettings({ transports: ['udp', 'tcp'], udpSocketBufferSize: 1 << 20 });
    assert.deepEqual(
      settings.listeners.map((listener) => [listener.protocol, listener.socketBufferSize]),
      [['udp', 1 << 20], ['tcp', undefined]],
    );
  });

  it('applies the defaults', async () => {
    const settings = await resolveEngineSettings();
    assert.equal(settings.ipv4Address, '0.0.0.0');
    assert.equal(settings.ipv6Address, null);
    assert.deepEqual(settings.transports, ['udp', 'tcp', 'tls']);
    assert.equal(settings.transport.tls?.rejectUnauthorized, true, 'server certificates are verified by default');
    assert.deepEqual(settings.unlistened, ['tls'], 'TLS without a certificate sends but does not listen');
    assert.deepEqual(
      settings.listeners.map((listener) => `${listener.protocol} ${listener.host}:${listener.port}`),
      ['udp 0.0.0.0:0', 'tcp 0.0.0.0:0'],
    );
  });

  it('makes one listener per transport and address family', async () => {
    const settings = await resolveEngineSettings({ ipv4Address: '127.0.0.1', ipv6Address: '::1', transports: ['udp', 'ws'], ports: { udp: 5099 } });
    assert.deepEqual(
      settings.listeners.map((listener) => `${listener.protocol} ${listener.host}:${listener.port}`),
      ['udp 127.0.0.1:5099', 'udp ::1:5099', 'ws 127.0.0.1:0', 'ws ::1:0'],
    );
  });
});
