import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const mainScript = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Result of one CLI run. */
export interface CLIResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A CLI process that is still running: its output so far, a wait for a line, and its end. */
export interface RunningCLI {
  readonly child: ChildProcess;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Resolves with the first stdout line matching `pattern` (already printed or to come); rejects after `timeout` ms or at exit. */
  waitForLine(pattern: RegExp, timeout?: number): Promise<string>;
  /** Resolves when the process has exited. */
  readonly result: Promise<CLIResult>;
}

/**
 * Starts `sipsimple ARGS` from the sources in a child process, with `input` on its stdin;
 * it is killed after `timeout` ms. `wrapper` runs it inside another command, e.g.
 * `['ip', 'netns', 'exec', 'ns1']`.
 */
export function startCLI(args: string[], timeout = 30_000, input?: string, wrapper: string[] = []): RunningCLI {
  const command = [...wrapper, process.execPath, '--import', 'tsx', mainScript, ...args];
  const child = spawn(command[0]!, command.slice(1), { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    for (const check of [...waiters]) check();
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
  const result = new Promise<CLIResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const check of [...waiters]) check();
      resolve({ code, stdout, stderr });
    });
  });
  let exited = false;
  void result.then(() => (exited = true));
  return {
    child,
    stdout: () => stdout,
    result,
    waitForLine(pattern, wait = 20_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => finish(new Error(`no line matching ${pattern} within ${wait} ms; stdout:\n${stdout}\nstderr:\n${stderr}`)), wait);
        const finish = (outcome: string | Error): void => {
          clearTimeout(deadline);
          waiters.delete(check);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const check = (): void => {
          const line = stdout.split('\n').find((candidate) => pattern.test(candidate));
          if (line !== undefined) finish(line);
          else if (exited || child.exitCode !== null) finish(new Error(`exited (${child.exitCode}) before a line matching ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`));
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs `sipsimple ARGS` from the sources in a child process (with `input` on its stdin); kills it after `timeout` ms. */
export function runCLI(args: string[], timeout = 20_000, input?: string): Promise<CLIResult> {
  return startCLI(args, timeout, input).result;
}

/** Runs `work` with a fresh configuration folder (for `--config-dir`), removed afterwards. */
export async function withConfigDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
