/**
 * Lab users as CLI users for the CLI interop tests: each gets its own `--config-dir`
 * holding one account configured through the CLI itself (`account add` with the lab as
 * outbound proxy over TCP, `settings set` for the transports and the XCAP root), and the
 * CLI runs bound to 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab, LabUser } from '../../lab/lab.js';
import { runCLI, startCLI, type CLIResult, type RunningCLI } from '../../cli/run-cli.js';

/** A lab user with a CLI configuration. */
export interface CLIUser {
  readonly user: LabUser;
  readonly configDir: string;
  /** Runs a CLI command as this user (global options added) to its end. */
  run(args: string[], timeout?: number): Promise<CLIResult>;
  /** Starts a CLI command as this user (global options added). */
  start(args: string[], timeout?: number): RunningCLI;
  /** Removes the configuration folder. */
  remove(): Promise<void>;
}

/** Configures `user` in a new folder through the CLI; `password` overrides the lab's. */
export async function cliUser(lab: Lab, user: LabUser, password = user.password): Promise<CLIUser> {
  const configDir = await mkdtemp(join(tmpdir(), `sipsimple-cli-${user.username}-`));
  const global = ['--config-dir', configDir, '--bind', '127.0.0.1'];
  const { host, port } = lab.address('tcp');
  const id = `${user.username}@${user.domain}`;
  const setup = [
    ['account', 'add', id, password, '--outbound-proxy', `${host}:${port};transport=tcp`],
    ['settings', 'set', 'sip.transportList', 'tcp', 'tls.verifyServer', 'false'],
    ['settings', 'set', '--account', id, 'xcap.xcapRoot', lab.xcapRoot, 'sip.transportList', 'tcp'],
  ];
  for (const args of setup) {
    const result = await runCLI([...args, '--config-dir', configDir]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
  return {
    user,
    configDir,
    run: (args, timeout) => runCLI([...args, ...global], timeout),
    start: (args, timeout) => startCLI([...args, ...global], timeout),
    remove: () => rm(configDir, { recursive: true, force: true }),
  };
}
