// Proves the rest of the lab with real tools only: MESSAGE relaying between registered
// SIPp users, the RLS answering a list subscription with a multipart/related NOTIFY,
// the MSRP relay's digest-authenticated AUTH over TCP and TLS, and that baresip and
// SIPp are installed for later call tests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { startLab, type Lab } from '../../lab/lab.js';
import { runSipp } from '../../helpers/sipp.js';
import { freePort } from '../../lab/ports.js';
import { curl } from '../../lab/curl.js';
import { rlsServices } from '../../lab/xcap-documents.js';
import { msrpAuthWithDigest, type Exchange } from '../../lab/raw-sip.js';

const STEP_TIMEOUT_MS = 10_000;

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: STEP_TIMEOUT_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

/** MSRP transactions over one connection: a response ends with its end-line (RFC 4975 §7.1). */
function msrpExchange(socket: Socket): Exchange {
  let buffer = '';
  let waiting: ((response: string) => void) | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => {
    buffer += data;
    const end = /-------\S+[$+#]\r\n/.exec(buffer);
    if (end && waiting) {
      const response = buffer.slice(0, end.index + end[0].length);
      buffer = buffer.slice(end.index + end[0].length);
      const resolve = waiting;
      waiting = undefined;
      resolve(response);
    }
  });
  return (request) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('MSRP relay did not answer')), STEP_TIMEOUT_MS);
    waiting = (response) => {
      clearTimeout(timer);
      resolve(response);
    };
    socket.write(request);
  });
}

describe('lab services', { timeout: 120_000 }, () => {
  let lab: Lab;

  before(async () => {
    lab = await startLab();
  });

  after(async () => {
    await lab?.stop();
  });

  it('relays a MESSAGE from alice to a registered bob', async () => {
    const bobPort = await freePort('udp');
    const receiver = runSipp({
      scenario: 'receive-message.xml',
      host: '127.0.0.1',
      port: lab.ports.sip,
      transport: 'u1',
      service: 'bob',
      localPort: bobPort,
    });
    const registration = await runSipp({
      scenario: 'register.xml',
      host: '127.0.0.1',
      port: lab.ports.sip,
      transport: 'u1',
      service: 'bob',
      auth: lab.users.bob,
      keys: { domain: lab.domain, contact_port: String(bobPort) },
    });
    assert.equal(registration.code, 0, registration.errors);
    const sender = await runSipp({
      scenario: 'message.xml',
      host: '127.0.0.1',
      port: lab.ports.sip,
      transport: 'u1',
      service: 'bob',
      auth: lab.users.alice,
      keys: { domain: lab.domain, sender: 'alice' },
    });
    assert.equal(sender.code, 0, sender.errors);
    const received = await receiver;
    assert.equal(received.code, 0, received.errors);
    assert.match(received.log, /message from \s*<sip:alice@example\.test>;tag=\S+ body hello from alice/);
  });

  it('answers a subscription to alice\'s rls-services list with a multipart/related NOTIFY', async () => {
    const services = rlsServices('sip:alice-buddies@example.test', ['sip:bob@example.test', 'sip:carol@example.test']);
    const put = await curl({
      url: `${lab.xcapRoot}/rls-services/users/${lab.users.alice.aor}/index`,
      method: 'PUT',
      auth: lab.users.alice,
      headers: { 'Content-Type': 'application/rls-services+xml' },
      body: services,
    });
    assert.ok(put.status === 200 || put.status === 201, `PUT answered ${put.status}: ${put.body}`);
    const result = await runSipp({
      scenario: 'subscribe-list.xml',
      host: '127.0.0.1',
      port: lab.ports.sip,
      transport: 'u1',
      service: 'alice-buddies',
      auth: lab.users.alice,
      keys: { domain: lab.domain, watcher: 'alice', event: 'presence', accept: 'multipart/related, application/rlmi+xml, application/pidf+xml' },
    });
    assert.equal(result.code, 0, `${result.errors}\n${lab.logTail()}`);
    assert.match(result.log, /notify type \s*multipart\/related;.*type="application\/rlmi\+xml"/);
    assert.match(result.log, /<list [^>]*uri="sip:alice-buddies@example\.test"/);
    assert.match(result.log, /<list [^>]*xmlns="urn:ietf:params:xml:ns:rlmi"/);
    assert.match(result.log, /<resource uri="sip:bob@example\.test"/);
  });

  for (const secure of [false, true]) {
    it(`authenticates alice at the MSRP relay over ${secure ? 'TLS' : 'TCP'} (401, then 200 with Use-Path)`, async () => {
      const socket = secure
        ? tlsConnect({ host: '127.0.0.1', port: lab.ports.msrps, ca: lab.ca, servername: lab.domain })
        : netConnect({ host: '127.0.0.1', port: lab.ports.msrp });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once(secure ? 'secureConnect' : 'connect', () => resolve());
          socket.once('error', reject);
        });
        const { challenge, final } = await msrpAuthWithDigest(msrpExchange(socket), {
          relayUri: lab.msrpRelayUri(secure),
          clientUri: `${secure ? 'msrps' : 'msrp'}://127.0.0.1:2855/lab${secure ? 's' : ''};tcp`,
          username: lab.users.alice.username,
          password: lab.users.alice.password,
        });
        assert.equal(challenge.status, 401, challenge.text);
        assert.match(challenge.headers.get('www-authenticate')?.[0] ?? '', /^Digest realm="example\.test"/);
        assert.equal(final.status, 200, final.text);
        const usePath = /^(msrps?):\/\/127\.0\.0\.1:(\d+)\/(\S+);tcp$/.exec(final.headers.get('use-path')?.[0] ?? '');
        assert.ok(usePath, `Use-Path in ${final.text}`);
        assert.equal(usePath[1], secure ? 'msrps' : 'msrp');
        assert.equal(Number(usePath[2]), secure ? lab.ports.msrps : lab.ports.msrp);
        assert.match(await lab.kamcmd('msrp.cmaplist'), new RegExp(`SESSIONID: ${usePath[3]}\\b`));
      } finally {
        socket.destroy();
      }
    });
  }

  it('has baresip and SIPp installed for call tests', async () => {
    const baresip = await run('baresip', ['-h']);
    assert.match(baresip.output, /baresip v\d+\.\d+\.\d+/);
    const sipp = await run('sipp', ['-v']);
    assert.match(sipp.output, /SIPp v\d+\.\d+/);
  });
});
