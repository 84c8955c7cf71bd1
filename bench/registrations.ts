// Memory per registration: REGISTRATION_BENCH_COUNT (default 10,000) Registrations of the lab's
// load users (load00001..., digest auth) from one Engine over UDP against Kamailio, paced with a
// window of REGISTRATION_BENCH_WINDOW (default 50) REGISTERs in flight so that Kamailio keeps up.
// Each registers for 60 s (Kamailio's min_expires) and so refreshes at 54 s; once every one has
// refreshed (or REGISTRATION_BENCH_MAX_SECONDS, default 240, passed) the heap is measured after a
// full GC and compared with the heap before the registrations were created. Then every binding is
// removed and the lab stopped. Goal: at most 20 KB per registration.
// Runs alone: node --import tsx bench/registrations.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { Credentials, DigestAuthenticator, Engine, Registration } from '../src/core/index.js';
import { Route } from '../src/lookup/index.js';
import { NotificationCenter } from '../src/notification/index.js';
import { startLab } from '../test/lab/lab.js';

const GOAL_BYTES = 20 * 1024;
const DURATION = 60;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** The garbage collector, made callable without restarting node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGC(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `task` for each item with at most `window` running at once. */
async function paced<T>(items: readonly T[], window: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers, lets every registration refresh once, measures the heap, unregisters. */
export async function run(): Promise<void> {
  const count = setting('REGISTRATION_BENCH_COUNT', 10_000);
  const window = setting('REGISTRATION_BENCH_WINDOW', 50);
  const maxSeconds = setting('REGISTRATION_BENCH_MAX_SECONDS', 240);
  const gc = collector();
  const lab = await startLab({ loadUsers: count });
  const center = new NotificationCenter();
  const engine = new Engine({ notificationCenter: center });
  try {
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
    const local = engine.localEndpoint('udp');
    const { host, port } = lab.address('udp');
    const route = new Route(host, port, 'udp');
    let succeeded = 0;
    let failed = 0;
    let lastFailure = '';
    center.addObserver(() => succeeded++, { name: 'SIPRegistrationDidSucceed' });
    center.addObserver(
      (notification) => {
        failed++;
        lastFailure = `${notification.data.code} ${notification.data.reason}`;
      },
      { name: 'SIPRegistrationDidFail' },
    );

    const before = heapAfterGC(gc);
    const registrations: Registration[] = [];
    for (let n = 1; n <= count; n++) {
      const user = lab.loadUser(n);
      registrations.push(
        new Registration(engine, {
          fromHeader: `<${user.aor}>`,
          contactHeaders: [`<sip:${user.username}@${local.host}:${local.port}>`],
          credentials: new DigestAuthenticator(new Credentials(user.username, user.password)),
          routes: [route],
          duration: DURATION,
          retry: { baseTime: 5, maxTime: 60 },
        }),
      );
    }
    const started = performance.now();
    await paced(registrations, window, (registration) => registration.register());
    const registerSeconds = (performance.now() - started) / 1000;
    const registered = registrations.filter((registration) => registration.isRegistered).length;

    // Every registration refreshes about 54 s after its 2xx: wait for all, within the bound.
    const deadline = performance.now() + maxSeconds * 1000;
    while (succeeded < 2 * registered && performance.now() < deadline) await sleep(1000);
    const refreshed = Math.max(0, succeeded - registered);
    // Let the refresh transactions finish (Timer K, RFC 3261 §17.1.2.2) so that they do not count.
    await sleep(6000);
    const after = heapAfterGC(gc);
    const perRegistration = (after - before) / count;

    const ending = performance.now();
    await paced(registrations, window, (registration) => registration.end());
    const endSeconds = (performance.now() - ending) / 1000;

    console.log(`registrations:          ${count} (window ${window}, ${DURATION} s each)`);
    console.log(`registered:             ${registered} in ${registerSeconds.toFixed(1)} s (${(registered / registerSeconds).toFixed(0)}/s)`);
    console.log(`refreshed:              ${refreshed}`);
    console.log(`failures:               ${failed}${failed > 0 ? ` (last: ${lastFailure})` : ''}`);
    console.log(`unregistered in:        ${endSeconds.toFixed(1)} s`);
    console.log(`heap delta after GC:    ${((after - before) / 1024 / 1024).toFixed(1)} MiB`);
    console.log(`bytes per registration: ${perRegistration.toFixed(0)} (goal <= ${GOAL_BYTES}: ${perRegistration <= GOAL_BYTES ? 'met' : 'NOT met'})`);
  } finally {
    if (engine.isRunning) await engine.stop();
    await lab.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
