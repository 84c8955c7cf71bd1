/**
 * Measures CLI start-up to a registered account against the lab, next to the server's
 * round trips in the same runs. Not a test (no timing assertions in tests): run it with
 *
 *   node --import tsx test/interop/cli/measure-startup.ts [RUNS] [ENTRY.js]
 *
 * Each run spawns `sipsimple register --max-registers 1 --trace-sip` for alice and takes
 * from the same run: the time from spawning the process to the "registered" line
 * (start-up to registered), and from its SIP trace the timestamps of the first REGISTER
 * sent, its 401 challenge, and the authenticated REGISTER and its 200 (two server round
 * trips, at the trace's millisecond resolution). For a finer figure of the server it also
 * times raw REGISTERs over UDP from this process (request out to the 401 back). ENTRY is a built `dist/cli/main.js`; without it the CLI runs from the sources
 * through tsx, as the tests do. Prints a Markdown table of medians, minimums and maximums.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { startLab } from '../../lab/lab.js';
import { cliUser } from './cli-lab.js';

const runs = Number(process.argv[2] ?? 10);
const entry = process.argv[3];
const sources = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

interface Sample {
  /** Spawn to the "registered" line. */
  registered: number;
  /** Spawn to the first REGISTER on the wire. */
  firstRegister: number;
  /** First REGISTER to its 401. */
  challenge: number;
  /** Authenticated REGISTER to its 200. */
  authenticated: number;
}

/** Timestamps (ms since epoch) of the traced messages whose first line matches. */
function traced(stderr: string, direction: 'SENT' | 'RECEIVED', firstLine: RegExp): number[] {
  const times: number[] = [];
  const pattern = /^(\S+Z) (SENT|RECEIVED) \S+ .*\n(.*)$/gm;
  for (const match of stderr.matchAll(pattern)) {
    if (match[2] === direction && firstLine.test(match[3]!)) times.push(Date.parse(match[1]!));
  }
  return times;
}

function runOnce(args: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const command = entry === undefined ? ['--import', 'tsx', sources] : [entry];
    const started = Date.now();
    const startedHr = performance.now();
    const child = spawn(process.execPath, [...command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let registeredAt: number | undefined;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (registeredAt === undefined && /^registered as /m.test(stdout)) registeredAt = performance.now() - startedHr;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      if (code !== 0 || registeredAt === undefined) return reject(new Error(`register exited ${code}: ${stdout}${stderr}`));
      const registers = traced(stderr, 'SENT', /^REGISTER /);
      const challenges = traced(stderr, 'RECEIVED', /^SIP\/2\.0 401 /);
      const oks = traced(stderr, 'RECEIVED', /^SIP\/2\.0 200 /);
      resolve({
        registered: registeredAt,
        firstRegister: registers[0]! - started,
        challenge: challenges[0]! - registers[0]!,
        authenticated: oks[0]! - registers[1]!,
      });
    });
  });
}

/** Milliseconds from sending a raw REGISTER over UDP to the lab to its answer (the 401 challenge). */
async function rawRegisterRoundTrip(host: string, port: number): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address();
  const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
  const request = [
    `REGISTER sip:example.test SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${local.port};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:alice@example.test>;tag=${randomBytes(4).toString('hex')}`,
    'To: <sip:alice@example.test>',
    `Call-ID: ${randomBytes(8).toString('hex')}@127.0.0.1`,
    'CSeq: 1 REGISTER',
    `Contact: <sip:alice@127.0.0.1:${local.port}>`,
    'Expires: 60',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to the raw REGISTER')), 5000);
      let sent = 0;
      socket.on('message', (data) => {
        if (!data.toString('latin1').includes(branch)) return;
        clearTimeout(timer);
        resolve(performance.now() - sent);
      });
      sent = performance.now();
      socket.send(request, port, host);
    });
  } finally {
    socket.close();
  }
}

/** Median, min and max with two decimals (sub-millisecond figures). */
function fine(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} | ${sorted[0]!.toFixed(2)} | ${sorted.at(-1)!.toFixed(2)}`;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(0)} | ${sorted[0]!.toFixed(0)} | ${sorted.at(-1)!.toFixed(0)}`;
}

const lab = await startLab();
const alice = await cliUser(lab, lab.users.alice);
try {
  const args = ['register', '--max-registers', '1', '--trace-sip', '--config-dir', alice.configDir, '--bind', '127.0.0.1'];
  const samples: Sample[] = [];
  const raw: number[] = [];
  const { host, port } = lab.address('udp');
  for (let i = 0; i < runs; i++) {
    samples.push(await runOnce(args));
    raw.push(await rawRegisterRoundTrip(host, port));
  }
  console.log(`${runs} runs of \`sipsimple register --max-registers 1\` (${entry === undefined ? 'sources through tsx' : entry}), milliseconds\n`);
  console.log('| measure | median | min | max |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| command start to "registered" printed | ${stats(samples.map((s) => s.registered))} |`);
  console.log(`| command start to the first REGISTER sent | ${stats(samples.map((s) => s.firstRegister))} |`);
  console.log(`| server round trip: REGISTER to its 401 challenge | ${stats(samples.map((s) => s.challenge))} |`);
  console.log(`| server round trip: authenticated REGISTER to its 200 | ${stats(samples.map((s) => s.authenticated))} |`);
  console.log(`| server round trip: raw REGISTER over UDP to its 401 (this process) | ${fine(raw)} |`);
} finally {
  await alice.remove();
  await lab.stop();
}
