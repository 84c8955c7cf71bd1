/**
 * Drives one `fixtures/peer.ts` process inside a network namespace: collects the JSON
 * lines it prints, waits for events, sends commands, and stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { NamespaceSide } from './netns.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/peer.ts', import.meta.url));

/** One line the peer printed. */
export type PeerEvent = { event: string } & Record<string, unknown>;

/** A running peer; see the module comment. */
export class PeerProcess {
  readonly events: PeerEvent[] = [];
  private readonly waiters: Array<{ test: (event: PeerEvent) => boolean; resolve: (event: PeerEvent) => void }> = [];
  private readonly stderr: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let event: PeerEvent;
      try {
        event = JSON.parse(line) as PeerEvent;
      } catch {
        this.stderr.push(line);
        return;
      }
      this.events.push(event);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(event)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(event);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts a peer in `side`'s namespace with a display name, host label and contact user. */
  static start(side: NamespaceSide, options: { name: string; host: string; user: string; presence?: boolean }): PeerProcess {
    const args = ['netns', 'exec', side.namespace, process.execPath, '--import', 'tsx', FIXTURE];
    args.push('--address', side.address, '--interface', side.interface, '--name', options.name, '--host', options.host, '--user', options.user);
    if (options.presence === true) args.push('--presence');
    return new PeerProcess(spawn('ip', args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** The first event (already seen or coming) that passes `test`; rejects after `timeout` ms with what the peer printed. */
  waitFor(test: (event: PeerEvent) => boolean, timeout = 15_000): Promise<PeerEvent> {
    const seen = this.events.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the peer did not print the awaited event; it printed:\n${this.events.map((e) => JSON.stringify(e)).join('\n')}\n${this.stderr.join('')}`));
      }, timeout);
      this.waiters.push({
        test,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }

  /** The first event named `name` (optionally with matching fields) after the `from`-th event. */
  waitForEvent(name: string, fields: Record<string, unknown> = {}, from = 0): Promise<PeerEvent> {
    return this.waitFor((event) => this.events.indexOf(event) >= from && event.event === name && Object.entries(fields).every(([key, value]) => event[key] === value));
  }

  /** Sends a command line. */
  send(command: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** Stops the peer (its account says goodbye first); kills it if it does not exit in time. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.send({ cmd: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the peer at once (cleanup after a failure). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
