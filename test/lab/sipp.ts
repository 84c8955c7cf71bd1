/**
 * Runs SIPp (Debian package sip-tester) scenarios against the lab: the scenarios in
 * test/lab/sipp/ or any other file, one call by default, bounded in time, with the
 * scenario's <log> lines and SIPp's error log returned.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const scenarioDir = join(dirname(fileURLToPath(import.meta.url)), 'sipp');

/** One SIPp run. */
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

/** What a SIPp run gave. */
export interface SippResult {
  /** SIPp's exit code: 0 when every call succeeded. */
  readonly code: number;
  /** Lines the scenario logged with <log message=...>. */
  readonly log: string;
  /** SIPp's error log (unexpected messages, timeouts). */
  readonly errors: string;
  /** SIPp's screen output (statistics). */
  readonly stdout: string;
}

/** Runs SIPp once and resolves with its exit code and logs (never rejects on a failed call). */
export async function runSipp(run: SippRun): Promise<SippResult> {
  const work = await mkdtemp(join(tmpdir(), 'sipsimple-sipp-'));
  const ipv6 = run.host.includes(':');
  const localHost = run.localHost ?? (ipv6 ? '::1' : '127.0.0.1');
  const localPort = run.localPort ?? (await freePort(run.transport === 't1' ? 'tcp' : 'udp', localHost));
  const scenario = isAbsolute(run.scenario) ? run.scenario : join(scenarioDir, run.scenario);
  const timeout = run.timeoutSeconds ?? 15;
  const args = [
    ipv6 ? `[${run.host}]:${run.port}` : `${run.host}:${run.port}`,
    '-sf', scenario,
    '-s', run.service,
    '-t', run.transport,
    '-i', localHost,
    '-p', String(localPort),
    '-m', String(run.calls ?? 1),
    '-timeout', `${timeout}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_logs', '-log_file', join(work, 'log.txt'),
    '-trace_err', '-error_file', join(work, 'errors.txt'),
  ];
  if (run.auth) args.push('-au', run.auth.username, '-ap', run.auth.password);
  const keys = { contact_port: String(localPort), ...run.keys };
  for (const [name, value] of Object.entries(keys)) args.push('-key', name, value);
  args.push(...(run.extraArgs ?? []));
  try {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('sipp', args, { cwd: work, timeout: (timeout + 10) * 1000, maxBuffer: 16 * 1024 * 1024 }, (error, out) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: out });
      });
    });
    const read = (name: string) => readFile(join(work, name), 'utf8').catch(() => '');
    return { code, stdout, log: await read('log.txt'), errors: await read('errors.txt') };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
