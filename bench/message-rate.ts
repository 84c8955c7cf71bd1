// MESSAGE rate benchmark: MESSAGE transactions per second from the SDK's Engine to a SIPp UAS over
// UDP on loopback (a bounded number, with a window of outstanding transactions), next to SIPp's own
// UAC against the same SIPp UAS in the same run. Goal: at least half of SIPp's rate, no failed
// transaction. The SDK sends to an explicit route (as through an outbound proxy), so no RFC 3263
// lookup runs per request. Needs `sipp` (Debian sip-tester). Runs alone: node --import tsx bench/message-rate.ts
// Settings: MESSAGE_BENCH_COUNT (default 20000), MESSAGE_BENCH_WINDOW (default 100). The window
// stays at 100 because the SDK's UDP sockets keep the system's default receive buffer (about
// 208 KiB on Linux, some 120 loopback datagrams): with 200 outstanding the answers overflow it.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Engine, SIPRequest, generateCallId, generateTag } from '../src/core/index.js';
import { Route } from '../src/lookup/index.js';
import { NotificationCenter } from '../src/notification/index.js';
import { startSipp, type SippProcess } from '../test/helpers/sipp.js';

/** SIPp's socket buffer size (the SDK's UDP sockets keep the system default). */
const SIPP_BUFFER = String(4 * 1024 * 1024);

interface Result {
  seconds: number;
  ok: number;
  failed: number;
  /** Datagrams the kernel dropped for full receive buffers during the run (Linux), on any socket. */
  drops: number | undefined;
}

/** The kernel's count of UDP datagrams dropped for a full receive buffer (Linux /proc/net/snmp). */
function receiveBufferDrops(): number | undefined {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((line) => line.startsWith('Udp:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    const value = Number(values[names.indexOf('RcvbufErrors')]);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `body` and adds the receive buffer drops that happened meanwhile. */
async function counted(body: () => Promise<Omit<Result, 'drops'>>): Promise<Result> {
  const before = receiveBufferDrops();
  const result = await body();
  const after = receiveBufferDrops();
  return { ...result, drops: before === undefined || after === undefined ? undefined : after - before };
}

function message(engine: Engine, port: number): SIPRequest {
  const local = engine.localEndpoint('udp', 4);
  return new SIPRequest(
    'MESSAGE',
    `sip:bench@127.0.0.1:${port}`,
    [
      ['From', `<sip:sdk@127.0.0.1:${local.port}>;tag=${generateTag()}`],
      ['To', `<sip:bench@127.0.0.1:${port}>`],
      ['Call-ID', generateCallId()],
      ['CSeq', '1 MESSAGE'],
      ['Content-Type', 'text/plain'],
    ],
    'benchmark message',
  );
}

/** `count` MESSAGE transactions from the SDK with at most `window` outstanding. */
async function sdkRun(port: number, count: number, window: number): Promise<Omit<Result, 'drops'>> {
  const engine = new Engine({ notificationCenter: new NotificationCenter() });
  // A large receive buffer, as SIPp is given, so that bursts of responses are not dropped.
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], udpSocketBufferSize: 4 << 20 });
  const routes = [new Route('127.0.0.1', port, 'udp')];
  let started = 0;
  let ok = 0;
  let failed = 0;
  const begin = performance.now();
  try {
    await new Promise<void>((resolve) => {
      // The window opens like TCP slow start (one more slot per completed transaction), so that
      // the first answers do not arrive as one burst larger than the socket's receive buffer.
      let slots = Math.min(window, 16);
      let outstanding = 0;
      const fill = (): void => {
        while (outstanding < slots && started < count) {
          started++;
          outstanding++;
          engine
            .sendRequest(message(engine, port), { routes })
            .then(
              (response) => (response.status === 200 ? ok++ : failed++),
              () => failed++,
            )
            .finally(() => {
              outstanding--;
              if (slots < window) slots++;
              if (ok + failed === count) resolve();
              else fill();
            });
        }
      };
      fill();
    });
    return { seconds: (performance.now() - begin) / 1000, ok, failed };
  } finally {
    await engine.stop();
  }
}

/** The same transactions from SIPp's own UAC. */
async function sippRun(port: number, count: number, window: number): Promise<Omit<Result, 'drops'>> {
  const begin = performance.now();
  const uac = await startSipp({
    scenario: 'uac-message.xml',
    transport: 'u1',
    remote: `127.0.0.1:${port}`,
    calls: count,
    rate: 100_000,
    timeoutSeconds: 300,
    extraArgs: ['-l', String(window), '-buff_size', SIPP_BUFFER],
  });
  const exit = await uac.wait();
  const seconds = (performance.now() - begin) / 1000;
  await uac.stop();
  const failed = Number(/Failed call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(exit.output)?.[1] ?? (exit.code === 0 ? 0 : count));
  const ok = Number(/Successful call\s*\|\s*\d+\s*\|\s*(\d+)/.exec(exit.output)?.[1] ?? count - failed);
  return { seconds, ok, failed };
}

/** Runs both clients against one SIPp UAS and prints their rates. */
export async function run(): Promise<void> {
  const count = Number(process.env.MESSAGE_BENCH_COUNT ?? 20_000);
  const window = Number(process.env.MESSAGE_BENCH_WINDOW ?? 100);
  let uas: SippProcess | undefined;
  try {
    uas = await startSipp({
      scenario: 'uas-message.xml',
      transport: 'u1',
      calls: 2 * count,
      timeoutSeconds: 600,
      extraArgs: ['-buff_size', SIPP_BUFFER],
    });
    await uas.ready();
    const sdk = await counted(() => sdkRun(uas!.port, count, window));
    const sipp = await counted(() => sippRun(uas!.port, count, window));
    const rate = (r: Result) => (r.ok + r.failed) / r.seconds;
    const drops = (r: Result) => (r.drops === undefined ? '' : `, ${r.drops} datagrams dropped by full receive buffers`);
    console.log(`MESSAGE transactions over UDP on loopback to a SIPp UAS: ${count} each, window ${window}`);
    console.log(`  sipsimple Engine: ${rate(sdk).toFixed(0).padStart(7)} transactions/s, ${sdk.failed} failed (${sdk.seconds.toFixed(2)} s${drops(sdk)})`);
    console.log(`  SIPp UAC:         ${rate(sipp).toFixed(0).padStart(7)} transactions/s, ${sipp.failed} failed (${sipp.seconds.toFixed(2)} s${drops(sipp)})`);
    console.log(`  ratio: ${(rate(sdk) / rate(sipp)).toFixed(2)} of SIPp's rate (goal: at least 0.5, no failed transaction)`);
  } finally {
    await uas?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
