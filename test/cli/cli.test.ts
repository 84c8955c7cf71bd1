import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/core/index.js';
import { runCLI } from './run-cli.js';

test('check pings the local stack over UDP, TCP and WS and exits 0', async () => {
  const result = await runCLI(['check']);
  assert.equal(result.code, 0, result.stderr);
  for (const transport of ['udp', 'tcp', 'ws']) {
    assert.match(result.stdout, new RegExp(`^ok +${transport} +sip:127\\.0\\.0\\.1:\\d+;transport=${transport}: 200 OK`, 'm'));
  }
});

test('options reaches a listening engine and prints its Allow; --trace-sip shows both messages', async () => {
  const engine = new Engine();
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
  try {
    const { port } = engine.localEndpoint('udp');
    const result = await runCLI(['options', `sip:127.0.0.1:${port}`, '--transports', 'udp', '--trace-sip']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^200 OK in [\d.]+ ms$/m);
    assert.match(result.stdout, /Allow: .*OPTIONS/);
    assert.match(result.stderr, /SENT UDP .*\nOPTIONS sip:127\.0\.0\.1:\d+ SIP\/2\.0/);
    assert.match(result.stderr, /RECEIVED UDP .*\nSIP\/2\.0 200 OK/);
  } finally {
    await engine.stop();
  }
});

test('options exits 1 when nobody answers', async () => {
  const result = await runCLI(['options', 'sip:127.0.0.1:1', '--transports', 'tcp']);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /no answer: .*ECONNREFUSED/);
});

test('bad command lines exit 2 with a message that names the fault', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['options'], /options takes exactly one URI/],
    [['options', 'mailto:x@y'], /not a SIP URI/],
    [['options', 'sip:x', '--count', '0'], /--count must be a whole number/],
    [['check', '--transports', 'udp,carrier-pigeon'], /unknown transport "carrier-pigeon"/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const result = await runCLI(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  }
});

test('--help works for the program and every command', async () => {
  const main = await runCLI(['--help']);
  assert.equal(main.code, 0);
  for (const name of ['check', 'options', 'listen']) {
    assert.match(main.stdout, new RegExp(`^  ${name} `, 'm'));
    const help = await runCLI([name, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^usage: sipsimple ${name}`));
  }
});

test('listen answers OPTIONS from another process and prints the request', async () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const listening = runCLI(['listen', '--port', String(port), '--transports', 'tcp', '--duration', '4']);
  // Give the listener time to bind, then ping it (retry: binding time varies on a busy machine).
  let pinged = false;
  for (let attempt = 0; attempt < 10 && !pinged; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ping = await runCLI(['options', `sip:127.0.0.1:${port};transport=tcp`, '--transports', 'tcp']);
    pinged = ping.code === 0;
  }
  assert.ok(pinged, 'the listener answered');
  const result = await listening;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`listening on tcp 127\\.0\\.0\\.1:${port}`));
  assert.match(result.stdout, /tcp 127\.0\.0\.1:\d+ OPTIONS sip:127\.0\.0\.1:\d+;transport=tcp SIP\/2\.0/);
});
