// Proves the lab's registrar with real tools only (SIPp, openssl, raw TLS and WebSocket
// clients): digest-authenticated REGISTER over UDP, TCP, TLS, WS, WSS and IPv6, a wrong
// password, restart, and the start/stop scripts' idempotence.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { startLab, type Lab, type LabUser } from '../../lab/lab.js';
import { runSipp } from '../../helpers/sipp.js';
import { registerWithDigest, StreamFramer, type Exchange } from '../../lab/raw-sip.js';

const labScripts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lab');
const STEP_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

/** A request/response exchange over one TLS connection that checks the lab's certificate. */
async function tlsExchange(lab: Lab, host: string): Promise<{ exchange: Exchange; socket: TLSSocket }> {
  const socket = tlsConnect({ host, port: lab.ports.tls, ca: lab.ca, servername: lab.domain });
  await withTimeout(new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  }), 'TLS handshake');
  const framer = new StreamFramer();
  const waiting: ((message: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (data: string) => {
    for (const message of framer.push(data)) waiting.shift()?.(message);
  });
  const exchange: Exchange = (request) => {
    const answer = new Promise<string>((resolve) => waiting.push(resolve));
    socket.write(request);
    return withTimeout(answer, 'SIP over TLS');
  };
  return { exchange, socket };
}

/** A request/response exchange over one WebSocket (RFC 7118: one message per frame). */
async function webSocketExchange(url: string, lab: Lab): Promise<{ exchange: Exchange; socket: WebSocket }> {
  const socket = new WebSocket(url, 'sip', { ca: lab.ca });
  await withTimeout(new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  }), 'WebSocket handshake');
  assert.equal(socket.protocol, 'sip');
  const waiting: ((message: string) => void)[] = [];
  socket.on('message', (data) => waiting.shift()?.(data.toString()));
  const exchange: Exchange = (request) => {
    const answer = new Promise<string>((resolve) => waiting.push(resolve));
    socket.send(request);
    return withTimeout(answer, 'SIP over WebSocket');
  };
  return { exchange, socket };
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', [join(labScripts, script)], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, _out, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
    });
  });
}

async function sippRegister(lab: Lab, user: LabUser, transport: 'u1' | 't1', family: 4 | 6) {
  const { host, port } = lab.address(transport === 'u1' ? 'udp' : 'tcp', family);
  return runSipp({
    scenario: 'register.xml',
    host,
    port,
    transport,
    service: user.username,
    auth: { username: user.username, password: user.password },
    keys: { domain: lab.domain },
  });
}

describe('lab registrar', { timeout: 120_000 }, () => {
  let lab: Lab;

  before(async () => {
    lab = await startLab();
  });

  after(async () => {
    await lab?.stop();
  });

  it('registers alice over UDP after a 401 digest challenge', async () => {
    const result = await sippRegister(lab, lab.users.alice, 'u1', 4);
    assert.equal(result.code, 0, `${result.errors}\n${lab.logTail()}`);
    assert.match(result.log, /granted expires=\d+/);
    assert.match(await lab.kamcmd('ul.lookup', 'location', 'alice'), /transport=udp/i);
  });

  it('registers bob over TCP after a 401 digest challenge', async () => {
    const result = await sippRegister(lab, lab.users.bob, 't1', 4);
    assert.equal(result.code, 0, result.errors);
    assert.match(await lab.kamcmd('ul.lookup', 'location', 'bob'), /transport=tcp/i);
  });

  it('registers carol over UDP on IPv6', async () => {
    const result = await sippRegister(lab, lab.users.carol, 'u1', 6);
    assert.equal(result.code, 0, result.errors);
    assert.match(await lab.kamcmd('ul.lookup', 'location', 'carol'), /\[::1\]/);
  });

  it('answers a REGISTER over TLS with a 401, with a certificate that openssl verifies against the lab CA', async () => {
    const request = [
      `REGISTER sip:${lab.domain} SIP/2.0`,
      'Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bKopenssl1;rport',
      'Max-Forwards: 70',
      `From: <sip:alice@${lab.domain}>;tag=openssl`,
      `To: <sip:alice@${lab.domain}>`,
      'Call-ID: openssl-1@lab',
      'CSeq: 1 REGISTER',
      'Contact: <sip:alice@127.0.0.1:5999;transport=tls>',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const client = spawn('openssl', [
      's_client', '-connect', `127.0.0.1:${lab.ports.tls}`, '-servername', lab.domain,
      '-CAfile', lab.caFile, '-verify_return_error', '-verify_hostname', lab.domain, '-quiet',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    client.stdout.on('data', (data: Buffer) => { output += data.toString(); });
    client.stderr.on('data', (data: Buffer) => { errors += data.toString(); });
    client.stdin.write(request);
    await withTimeout(new Promise<void>((resolve) => {
      client.stdout.on('data', () => { if (output.includes('\r\n\r\n')) resolve(); });
      client.once('exit', () => resolve());
    }), 'openssl s_client');
    client.kill();
    assert.match(output, /^SIP\/2\.0 401 Unauthorized\r\n/, errors);
    assert.match(output, /WWW-Authenticate: Digest realm="example\.test", nonce="[^"]+", qop="auth"/);
    assert.match(errors, /verify return:1/);
  });

  for (const family of [4, 6] as const) {
    it(`registers over TLS on IPv${family} with digest auth (401 then 200)`, async () => {
      const host = family === 4 ? '127.0.0.1' : '::1';
      const { exchange, socket } = await tlsExchange(lab, host);
      try {
        const { challenge, final } = await registerWithDigest(exchange, {
          transport: 'TLS', ...lab.users.alice, contactHost: family === 4 ? '127.0.0.1:5999' : '[::1]:5999',
        });
        assert.equal(challenge.status, 401);
        assert.equal(final.status, 200, final.text);
        assert.match(final.headers.get('contact')?.join(',') ?? '', /transport=tls.*expires=\d+/);
      } finally {
        socket.destroy();
      }
    });
  }

  for (const secure of [false, true]) {
    it(`registers over ${secure ? 'WSS' : 'WS'} with digest auth (401 then 200)`, async () => {
      const { exchange, socket } = await webSocketExchange(lab.webSocketUrl(secure), lab);
      try {
        const { challenge, final } = await registerWithDigest(exchange, {
          transport: secure ? 'WSS' : 'WS', ...lab.users.bob, contactHost: 'df7jal23ls0d.invalid',
        });
        assert.equal(challenge.status, 401);
        assert.equal(final.status, 200, final.text);
        assert.match(await lab.kamcmd('ul.lookup', 'location', 'bob'), secure ? /transport=wss/ : /transport=ws/);
      } finally {
        socket.close();
      }
    });
  }

  it('rejects a wrong password with another 401', async () => {
    const { exchange, socket } = await tlsExchange(lab, '127.0.0.1');
    try {
      const { challenge, final } = await registerWithDigest(exchange, {
        transport: 'TLS', ...lab.users.carol, password: 'not-the-password', contactHost: '127.0.0.1:5999',
      });
      assert.equal(challenge.status, 401);
      assert.equal(final.status, 401);
    } finally {
      socket.destroy();
    }
  });

  it('refuses a second start on the same base port', async () => {
    const second = await runScript('start.sh', { SIPSIMPLE_LAB_BASE_PORT: String(lab.basePort) });
    assert.equal(second.code, 3);
    assert.match(second.stderr, /already running/);
  });

  it('restarts with registrations gone and registers again', async () => {
    await lab.restart();
    assert.doesNotMatch(await lab.kamcmd('ul.dump'), /alice/);
    const result = await sippRegister(lab, lab.users.alice, 'u1', 4);
    assert.equal(result.code, 0, result.errors);
  });
});

describe('lab scripts', { timeout: 60_000 }, () => {
  it('stop.sh on a base port with no lab is a no-op', async () => {
    const result = await runScript('stop.sh', { SIPSIMPLE_LAB_BASE_PORT: '65000' });
    assert.equal(result.code, 0);
    assert.match(result.stderr, /not running/);
  });

  it('stop.sh leaves no Kamailio process of the lab behind', async () => {
    const lab = await startLab();
    const pid = Number(readFileSync(join(lab.dir, 'kamailio.pid'), 'utf8'));
    await lab.stop();
    assert.throws(() => process.kill(-pid, 0), { code: 'ESRCH' });
  });
});
