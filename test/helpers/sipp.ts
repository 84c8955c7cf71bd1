/**
 * Runs SIPp (Debian package sip-tester) as a peer on loopback: a client scenario
 * against an address, or a server scenario on a port of its own. Every run is bounded
 * (`-m`, `-timeout`), leaves its logs readable, and is killed by `stop()` when it has not
 * ended by itself; `stop()` also removes its folder. {@link startSipp} gives the process
 * (the engine interop tests and the benchmark drive it); {@link runSipp} runs one of the
 * lab's client scenarios to its end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, portsAreFree } from '../lab/ports.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Folder of the engine interop SIPp scenarios: where {@link startSipp} looks up a scenario name. */
export const SIPP_SCENARIOS = join(here, '..', 'interop', 'sipp');

/** Folder of the lab's SIPp scenarios: where {@link runSipp} looks up a scenario name. */
export const LAB_SIPP_SCENARIOS = join(here, '..', 'lab', 'sipp');

/** One SIPp process. */
export interface SippOptions {
  /** A scenario file name in {@link scenarioDir}, or an absolute path. */
  scenario: string;
  /** Folder of a scenario given by name (default {@link SIPP_SCENARIOS}). */
  scenarioDir?: string;
  /** `u1` (UDP, one socket) or `t1` (TCP, one connection). */
  transport: 'u1' | 't1';
  /** Local address of SIPp (default 127.0.0.1). */
  localHost?: string;
  /** Local port of SIPp (0: a free one is chosen). */
  localPort?: number;
  /** Remote `host:port` for client scenarios. */
  remote?: string;
  /** The [service] keyword (`-s`): the user part of the Request-URI. */
  service?: string;
  /** Digest credentials for `[authentication]` (`-au`, `-ap`). */
  auth?: { readonly username: string; readonly password: string };
  /** Calls to run before exiting (`-m`). Default 1. */
  calls?: number;
  /** Global time limit in seconds (`-timeout`). Default 20. */
  timeoutSeconds?: number;
  /** Call rate per second (`-r`) for client scenarios. */
  rate?: number;
  /** `-key name value` pairs. */
  keys?: Readonly<Record<string, string>>;
  /** Write every message sent and received to the message log (`-trace_msg`). */
  traceMessages?: boolean;
  /** Write the scenario's `<log>` lines to the scenario log (`-trace_logs`). */
  traceLogs?: boolean;
  /** More arguments. */
  extraArgs?: readonly string[];
}

/** The end of a SIPp run. */
export interface SippExit {
  /** SIPp's exit code: 0 when every call succeeded; null when it was killed. */
  code: number | null;
  /** The error log (`-trace_err`). */
  errors: string;
  /** The message log (with `traceMessages`). */
  messages: string;
  /** The scenario's `<log>` lines (with `traceLogs`). */
  log: string;
  /** What SIPp printed. */
  output: string;
}

/** A SIPp process started by {@link startSipp}. */
export class SippProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  constructor(
    private readonly child: ChildProcess,
    private readonly work: string,
    /** SIPp's local port. */
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (this.output.length < 1_000_000) this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (this.output.length < 1_000_000) this.output += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Resolves once SIPp holds its port (it binds shortly after it starts). */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // portsAreFree() is false once SIPp holds the port (UDP, or TCP for t1).
    while (await portsAreFree(this.port, 1)) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`SIPp did not bind port ${this.port}: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for SIPp to end by itself, then reads its logs. */
  async wait(): Promise<SippExit> {
    const code = await this.exited;
    return this.collect(code);
  }

  /** Ends SIPp if it still runs (SIGKILL after a grace time), then reads its logs and removes its folder. */
  async stop(): Promise<SippExit> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
    const result = await this.collect(await this.exited);
    await rm(this.work, { recursive: true, force: true });
    return result;
  }

  private async collect(code: number | null): Promise<SippExit> {
    const read = (name: string) => readFile(join(this.work, name), 'utf8').catch(() => '');
    return { code, errors: await read('errors.log'), messages: await read('messages.log'), log: await read('scenario.log'), output: this.output };
  }
}

/** Starts SIPp; it runs until its calls are done, its timeout passes, or `stop()`. */
export async function startSipp(options: SippOptions): Promise<SippProcess> {
  const work = await mkdtemp(join(tmpdir(), 'sipsimple-sipp-'));
  const localHost = options.localHost ?? '127.0.0.1';
  const port = options.localPort || (await freePort(options.transport === 't1' ? 'tcp' : 'udp', localHost));
  const scenario = isAbsolute(options.scenario) ? options.scenario : join(options.scenarioDir ?? SIPP_SCENARIOS, options.scenario);
  const args = [
    ...(options.remote === undefined ? [] : [options.remote]),
    '-sf', scenario,
    ...(options.service === undefined ? [] : ['-s', options.service]),
    '-t', options.transport,
    '-i', localHost,
    '-p', String(port),
    '-m', String(options.calls ?? 1),
    '-timeout', `${options.timeoutSeconds ?? 20}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err', '-error_file', join(work, 'errors.log'),
  ];
  if (options.traceLogs) args.push('-trace_logs', '-log_file', join(work, 'scenario.log'));
  if (options.traceMessages) args.push('-trace_msg', '-message_file', join(work, 'messages.log'));
  if (options.auth) args.push('-au', options.auth.username, '-ap', options.auth.password);
  if (options.rate !== undefined) args.push('-r', String(options.rate));
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  args.push(...(options.extraArgs ?? []));
  const child = spawn('sipp', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  return new SippProcess(child, work, port);
}

/** One run of a lab client scenario by {@link runSipp}. */
export interface SippRun {
  /** Scenario file: a name in test/lab/sipp/ (e.g. `register.xml`) or an absolute path. */
  readonly scenario: string;
  /** Remote host and port (the lab's registrar for client scenarios). */
  readonly host: string;
  readonly port: number;
  /** `u1` (UDP, one socket) or `t1` (TCP, one connection). */
  readonly transport: 'u1' | 't1';
  /** The [service] keyword: the user part of the Request-URI. */
  readonly service: string;
  /** Digest credentials for `[authentication]`. */
  readonly auth?: { readonly username: string; readonly password: string };
  /**
   * Extra keywords (`-key name value`), e.g. `{ domain: 'example.test' }`.
   * `contact_port` defaults to the local port.
   */
  readonly keys?: Readonly<Record<string, string>>;
  /** Local address; defaults to 127.0.0.1 (or ::1 when host is IPv6). */
  readonly localHost?: string;
  /** Local port; defaults to a free one (SIPp's own default, 5060, may be taken). */
  readonly localPort?: number;
  /** Global time limit in seconds (default 15). */
  readonly timeoutSeconds?: number;
  /** Number of calls (default 1). */
  readonly calls?: number;
  /** More SIPp arguments. */
  readonly extraArgs?: readonly string[];
}

/** What a {@link runSipp} run gave. */
export interface SippResult {
  /** SIPp's exit code: 0 when every call succeeded (-1 when it was killed). */
  readonly code: number;
  /** Lines the scenario logged with <log message=...>. */
  readonly log: string;
  /** SIPp's error log (unexpected messages, timeouts). */
  readonly errors: string;
  /** SIPp's screen output (statistics). */
  readonly stdout: string;
}

/**
 * Runs a lab scenario once and resolves with its exit code and logs (never rejects on
 * a failed call); SIPp is killed 10 s after its own time limit if it still runs.
 */
export async function runSipp(run: SippRun): Promise<SippResult> {
  const ipv6 = run.host.includes(':');
  const localHost = run.localHost ?? (ipv6 ? '::1' : '127.0.0.1');
  const localPort = run.localPort ?? (await freePort(run.transport === 't1' ? 'tcp' : 'udp', localHost));
  const timeoutSeconds = run.timeoutSeconds ?? 15;
  const sipp = await startSipp({
    scenario: run.scenario,
    scenarioDir: LAB_SIPP_SCENARIOS,
    transport: run.transport,
    localHost,
    localPort,
    remote: ipv6 ? `[${run.host}]:${run.port}` : `${run.host}:${run.port}`,
    service: run.service,
    auth: run.auth,
    calls: run.calls ?? 1,
    timeoutSeconds,
    keys: { contact_port: String(localPort), ...run.keys },
    traceLogs: true,
    extraArgs: run.extraArgs,
  });
  let guard: NodeJS.Timeout | undefined;
  const overtime = new Promise<SippExit>((resolve) => {
    guard = setTimeout(() => resolve(sipp.stop()), (timeoutSeconds + 10) * 1000);
  });
  try {
    const exit = await Promise.race([sipp.wait(), overtime]);
    return { code: exit.code ?? -1, log: exit.log, errors: exit.errors, stdout: exit.output };
  } finally {
    clearTimeout(guard);
    await sipp.stop();
  }
}
