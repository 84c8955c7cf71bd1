/**
 * Runs SIPp (Debian package sip-tester) as a peer of the SDK on loopback: a client
 * scenario against an address, or a server scenario on a port of its own. Every run is
 * bounded (`-m`, `-timeout`), leaves its message and error logs readable, and is killed
 * by `stop()` when it has not ended by itself; `stop()` also removes its folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, portsAreFree } from '../lab/ports.js';

/** Folder of the project's SIPp scenarios. */
export const SIPP_SCENARIOS = join(dirname(fileURLToPath(import.meta.url)), '..', 'interop', 'sipp');

/** One SIPp process. */
export interface SippOptions {
  /** A scenario file name in test/interop/sipp/, or an absolute path. */
  scenario: string;
  /** `u1` (UDP, one socket) or `t1` (TCP, one connection). */
  transport: 'u1' | 't1';
  /** Local port of SIPp (0: a free one is chosen). */
  localPort?: number;
  /** Remote `host:port` for client scenarios. */
  remote?: string;
  /** Calls to run before exiting (`-m`). Default 1. */
  calls?: number;
  /** Global time limit in seconds (`-timeout`). Default 20. */
  timeoutSeconds?: number;
  /** Call rate per second (`-r`) for client scenarios. */
  rate?: number;
  /** `-key name value` pairs. */
  keys?: Record<string, string>;
  /** Write every message sent and received to the message log (`-trace_msg`). */
  traceMessages?: boolean;
  /** More arguments. */
  extraArgs?: string[];
}

/** The end of a SIPp run. */
export interface SippExit {
  /** SIPp's exit code: 0 when every call succeeded; null when it was killed. */
  code: number | null;
  /** The error log (`-trace_err`). */
  errors: string;
  /** The message log (with `traceMessages`). */
  messages: string;
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
    return { code, errors: await read('errors.log'), messages: await read('messages.log'), output: this.output };
  }
}

/** Starts SIPp on 127.0.0.1; it runs until its calls are done, its timeout passes, or `stop()`. */
export async function startSipp(options: SippOptions): Promise<SippProcess> {
  const work = await mkdtemp(join(tmpdir(), 'sipsimple-sipp-'));
  const protocol = options.transport === 't1' ? 'tcp' : 'udp';
  const port = options.localPort || (await freePort(protocol));
  const scenario = isAbsolute(options.scenario) ? options.scenario : join(SIPP_SCENARIOS, options.scenario);
  const args = [
    ...(options.remote === undefined ? [] : [options.remote]),
    '-sf', scenario,
    '-t', options.transport,
    '-i', '127.0.0.1',
    '-p', String(port),
    '-m', String(options.calls ?? 1),
    '-timeout', `${options.timeoutSeconds ?? 20}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err', '-error_file', join(work, 'errors.log'),
  ];
  if (options.traceMessages) args.push('-trace_msg', '-message_file', join(work, 'messages.log'));
  if (options.rate !== undefined) args.push('-r', String(options.rate));
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  args.push(...(options.extraArgs ?? []));
  const child = spawn('sipp', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  return new SippProcess(child, work, port);
}
