// Registration against the lab's Kamailio registrar (digest auth) over UDP, TCP, TLS,
// WS, WSS and IPv6; a wrong password; a registrar restart the registration survives.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials, DigestAuthenticator } from '../../../src/core/auth/index.js';
import { Registration } from '../../../src/core/primitives/registration.js';
import type { TransportProtocol } from '../../../src/core/transport/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { startSDKClient, STEP_TIMEOUT_MS, type LabSDKClient } from './sdk-client.js';

describe('Registration against Kamailio', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(async () => {
    await lab?.stop();
  });

  const cases: Array<[TransportProtocol, 4 | 6]> = [
    ['udp', 4],
    ['tcp', 4],
    ['tls', 4],
    ['ws', 4],
    ['wss', 4],
    ['udp', 6],
    ['tcp', 6],
    ['tls', 6],
    ['ws', 6],
    ['wss', 6],
  ];
  for (const [transport, family] of cases) {
    it(`registers, refreshes and unregisters over ${transport.toUpperCase()} (IPv${family})`, async () => {
      const client = await startSDKClient(lab, transport, family);
      const alice = lab.users.alice;
      try {
        const registration = new Registration(client.engine, {
          fromHeader: `<${alice.aor}>`,
          contactHeaders: [client.contact(alice)],
          credentials: new Credentials(alice.username, alice.password),
          routes: [client.route],
          duration: 120,
        });
        const succeeded = registration.once('SIPRegistrationDidSucceed', { timeout: STEP_TIMEOUT_MS });
        await registration.register();
        const first = (await succeeded).data;
        assert.equal(first.code, 200, `${first.code} ${first.reason}\n${lab.logTail()}`);
        assert.equal(first.granted.length, 1);
        assert.ok(first.expires > 0 && first.expires <= 120, `expires ${first.expires}`);
        assert.equal(first.route?.transport, transport);
        const bound = await lab.kamcmd('ul.lookup', 'location', alice.username);
        assert.match(bound, new RegExp(`transport=${transport}`, 'i'));
        assert.match(await lab.kamcmd('ul.dump'), /sip:alice@/);

        const refreshed = registration.once('SIPRegistrationDidSucceed', { timeout: STEP_TIMEOUT_MS });
        await registration.register();
        assert.equal((await refreshed).data.code, 200);
        assert.equal(registration.state, 'registered');

        const ended = registration.once('SIPRegistrationDidEnd', { timeout: STEP_TIMEOUT_MS });
        let notEnded: string | undefined;
        registration.on('SIPRegistrationDidNotEnd', (n) => (notEnded = `${n.data.code} ${n.data.reason}`));
        await registration.end();
        assert.equal((await ended).data.expired, false);
        assert.equal(notEnded, undefined);
        assert.doesNotMatch(await lab.kamcmd('ul.dump'), /sip:alice@/);
      } finally {
        await client.stop();
      }
    });
  }

  it('registers an RFC 5626 flow (+sip.instance, reg-id) over TCP and keeps it alive', async () => {
    const client = await startSDKClient(lab, 'tcp');
    const carol = lab.users.carol;
    try {
      const started: number[] = [];
      const manager = client.engine.transportManager;
      const registration = new Registration(
        {
          sendRequest: client.engine.sendRequest.bind(client.engine),
          notificationCenter: client.center,
          transportManager: {
            startKeepAlive: (flow, intervalMs) => {
              started.push(intervalMs);
              return manager.startKeepAlive(flow, intervalMs);
            },
            stopKeepAlive: (flow) => manager.stopKeepAlive(flow),
            on: (event, listener) => manager.on(event, listener),
            off: (event, listener) => manager.off(event, listener),
          },
        },
        {
          fromHeader: `<${carol.aor}>`,
          contactHeaders: [client.contact(carol)],
          credentials: new Credentials(carol.username, carol.password),
          routes: [client.route],
          instanceId: 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
          regId: 1,
          keepAliveInterval: 20,
        },
      );
      const succeeded = registration.once('SIPRegistrationDidSucceed', { timeout: STEP_TIMEOUT_MS });
      await registration.register();
      assert.equal((await succeeded).data.code, 200);
      assert.deepEqual(started, [20_000], 'keep-alives started on the registration flow');
      assert.match(await lab.kamcmd('ul.lookup', 'location', carol.username), /f81d4fae-7dec-11d0-a765-00a0c91e6bf6/);
      await registration.end();
    } finally {
      await client.stop();
    }
  });

  it('a wrong password ends in a clear failure after a bounded number of attempts', async () => {
    const client = await startSDKClient(lab, 'udp');
    const bob = lab.users.bob;
    try {
      let sent = 0;
      client.center.addObserver(
        (n) => {
          if (!n.data.received && n.data.data.startsWith('REGISTER ')) sent++;
        },
        { name: 'SIPEngineSIPTrace' },
      );
      const registration = new Registration(client.engine, {
        fromHeader: `<${bob.aor}>`,
        contactHeaders: [client.contact(bob)],
        credentials: new DigestAuthenticator(new Credentials(bob.username, 'not-the-password'), { maxAttempts: 2 }),
        routes: [client.route],
      });
      const failed = registration.once('SIPRegistrationDidFail', { timeout: STEP_TIMEOUT_MS });
      await registration.register();
      const data = (await failed).data;
      assert.ok(data.code === 401 || data.code === 403, `got ${data.code}`);
      assert.equal(data.kind, 'authentication');
      assert.match(data.reason, /rejected/);
      assert.equal(data.retryIn, undefined);
      assert.equal(registration.state, 'failed');
      assert.equal(sent, 3);
      await registration.end();
    } finally {
      await client.stop();
    }
  });

  it('recovers on its own when Kamailio restarts (TCP: the flow closes, it registers again)', async () => {
    const client = await startSDKClient(lab, 'tcp');
    const carol = lab.users.carol;
    try {
      const registration = new Registration(client.engine, {
        fromHeader: `<${carol.aor}>`,
        contactHeaders: [client.contact(carol)],
        credentials: new Credentials(carol.username, carol.password),
        routes: [client.route],
        duration: 300,
        retry: { baseTime: 1, maxTime: 4 },
      });
      const first = registration.once('SIPRegistrationDidSucceed', { timeout: STEP_TIMEOUT_MS });
      await registration.register();
      await first;
      const again = registration.once('SIPRegistrationDidSucceed', { timeout: 40_000 });
      await lab.restart();
      const data = (await again).data;
      assert.equal(data.code, 200);
      assert.match(await lab.kamcmd('ul.lookup', 'location', carol.username), /transport=tcp/i);
      await registration.end();
    } finally {
      await client.stop();
    }
  });
});
