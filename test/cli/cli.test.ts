import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const COMMANDS = [
  'message', 'register', 'account', 'settings', 'publish-presence', 'subscribe-presence', 'subscribe-winfo',
  'subscribe-mwi', 'subscribe-rls', 'subscribe-xcap-diff', 'check', 'options', 'listen', 'xcap',
];

test('--help works for the program and every command', async () => {
  const main = await runCLI(['--help']);
  assert.equal(main.code, 0);
  for (const option of ['--config-dir DIR', '--account ID', '--bind IP', '--trace-sip', '--trace-notifications']) assert.ok(main.stdout.includes(option), option);
  for (const name of COMMANDS) {
    assert.match(main.stdout, new RegExp(`^  ${name} +\\S`, 'm'));
    const help = await runCLI([name, '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^usage: sipsimple ${name}`));
    assert.match(help.stdout, /global options \(sipsimple --help\): --config-dir DIR, --account ID/);
  }
});

test('bad arguments of the network commands exit 2 naming the argument, before anything is sent', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-'));
  try {
    const cases: Array<[string[], RegExp]> = [
      [['register', '--max-registers', '0'], /--max-registers must be a whole number of at least 1, got "0"/],
      [['register', '--duration', 'soon'], /--duration must be a positive number of seconds, got "soon"/],
      [['register', 'extra'], /register takes no arguments, got "extra"/],
      [['register'], /register needs a SIP account: add one with "sipsimple account add/],
      [['register', '--account', 'nobody@example.test'], /--account: there is no account "nobody@example.test"/],
      [['register', '--bind', 'localhost-ish'], /--bind must be an IP address, got "localhost-ish"/],
      [['message'], /message needs a URI and a TEXT to send, or --wait/],
      [['message', 'bob@example.test'], /message needs a TEXT to send to bob@example.test/],
      [['message', 'bob@example.test', 'hi', '--count', '2'], /--count and --duration go with --wait/],
      [['message', '--wait', '--count', 'x'], /--count must be a whole number of at least 1, got "x"/],
      [['message', 'bob@example.test', 'hi', '--content-type', 'plain'], /--content-type must be a media type/],
      [['publish-presence', '--status', 'away'], /--status must be one of open, closed, got "away"/],
      [['publish-presence', '--activity', 'juggling'], /--activity must be one of appointment, away/],
      [['publish-presence', '--mood', 'giddy'], /--mood must be one of afraid/],
      [['subscribe-presence'], /subscribe-presence takes exactly one URI/],
      [['subscribe-rls', 'a@b.test', 'c@d.test'], /subscribe-rls takes exactly one list URI/],
      [['subscribe-mwi', '--duration', '0'], /--duration must be a positive number of seconds, got "0"/],
      [['subscribe-winfo', '--allow-pending', '--block-pending'], /--allow-pending and --block-pending exclude each other/],
      [['subscribe-winfo', '--allow', 'bob'], /--allow needs a SIP address like bob@example.com, got "bob"/],
      [['subscribe-xcap-diff', 'x'], /subscribe-xcap-diff takes no arguments/],
      [['subscribe-presence', 'bob@example.test', '--frequency', '3'], /Unknown option '--frequency'/],
    ];
    for (const [args, message] of cases) {
      const result = await runCLI([...args, '--config-dir', dir]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
      assert.match(result.stderr, /usage: sipsimple /, 'the usage follows the message');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
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
