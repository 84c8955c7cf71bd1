/**
 * The real-peer lab for interop tests: starts and stops Kamailio (registrar with
 * digest auth, presence server, RLS, XCAP server, MSRP relay) through test/lab/start.sh
 * and stop.sh on loopback ports, and describes where everything listens.
 * See docs/lab.md for the ports, users and known quirks.
 *
 * ```ts
 * let lab: Lab;
 * before(async () => { lab = await startLab(); });
 * after(async () => { await lab.stop(); });
 * ```
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { portsAreFree } from './ports.js';

const execFileAsync = promisify(execFile);
const labScripts = dirname(fileURLToPath(import.meta.url));

/** First base port tried by {@link startLab}; each lab uses 7 ports from its base. */
export const DEFAULT_BASE_PORT = 15060;
/** Distance between the base ports that {@link startLab} tries in turn. */
export const BASE_PORT_STRIDE = 10;
const BASE_PORT_ATTEMPTS = 20;

/** Where the lab's services listen (all on 127.0.0.1; SIP ones also on ::1). */
export interface LabPorts {
  /** SIP over UDP and TCP (RFC 3261 §18). */
  readonly sip: number;
  /** SIP over TLS. */
  readonly tls: number;
  /** SIP over WebSocket (RFC 7118), plain: ws://host:ws/ */
  readonly ws: number;
  /** SIP over secure WebSocket: wss://host:wss/ */
  readonly wss: number;
  /** XCAP server over HTTP (RFC 4825), root /xcap-root (127.0.0.1 only). */
  readonly xcap: number;
  /** MSRP relay over TCP (RFC 4976) (127.0.0.1 only). */
  readonly msrp: number;
  /** MSRP relay over TLS (127.0.0.1 only). */
  readonly msrps: number;
}

/** A subscriber of the lab's SQLite subscriber table. */
export interface LabUser {
  readonly username: string;
  readonly password: string;
  readonly domain: string;
  /** Address of record, e.g. `sip:alice@example.test`. */
  readonly aor: string;
}

/** SIP transports the lab's registrar serves. */
export type LabTransport = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

/** Options of {@link startLab}. */
export interface StartLabOptions {
  /** Base port; when left out, the first free block from 15060 in steps of 10 is used. */
  readonly basePort?: number;
  /** Number of extra users `load00001`... with password `load-secret` (for benchmarks). */
  readonly loadUsers?: number;
  /** Kamailio debug level (1 default; 3 logs every message). */
  readonly debug?: number;
  /**
   * Keep the lab's folder after stop() (its kamailio.log helps debugging).
   * Defaults to true when the environment has SIPSIMPLE_LAB_KEEP=1.
   */
  readonly keep?: boolean;
}

interface LabDescription {
  dir: string;
  basePort: number;
  domain: string;
  ports: LabPorts;
  caFile: string;
  ctlSocket: string;
  logFile: string;
  loadUsers: number;
}

/** Error of the lab's scripts, with their output. */
export class LabError extends Error {
  override readonly name = 'LabError';
}

/** A running lab: its folder, ports, users and control. */
export class Lab {
  /** Folder that holds the lab's configuration, database, certificates and log. */
  readonly dir: string;
  readonly basePort: number;
  /** SIP domain and digest realm of every user: `example.test`. */
  readonly domain: string;
  readonly ports: LabPorts;
  /** PEM file of the throwaway CA that signed the lab's TLS certificate. */
  readonly caFile: string;
  /** The CA certificate (PEM), to pass as `ca` to TLS clients. */
  readonly ca: string;
  /** kamcmd control socket, e.g. `unix:/tmp/sipsimple-lab.X/run/kamailio_ctl`. */
  readonly ctlSocket: string;
  /** Kamailio's log file. */
  readonly logFile: string;
  /** The three users every lab has. */
  readonly users: { readonly alice: LabUser; readonly bob: LabUser; readonly carol: LabUser };
  /** Number of load users (see {@link StartLabOptions.loadUsers}). */
  readonly loadUsers: number;
  /** XCAP root URI (RFC 4825 §6.1), digest-authenticated with the users' SIP passwords. */
  readonly xcapRoot: string;
  private readonly keep: boolean;
  private stopped = false;
  private readonly exitHook: () => void;

  /** Use {@link startLab}. */
  constructor(description: LabDescription, keep: boolean) {
    this.dir = description.dir;
    this.basePort = description.basePort;
    this.domain = description.domain;
    this.ports = description.ports;
    this.caFile = description.caFile;
    this.ca = readFileSync(description.caFile, 'utf8');
    this.ctlSocket = description.ctlSocket;
    this.logFile = description.logFile;
    this.loadUsers = description.loadUsers;
    this.keep = keep;
    this.users = {
      alice: this.user('alice', 'alice-secret'),
      bob: this.user('bob', 'bob-secret'),
      carol: this.user('carol', 'carol-secret'),
    };
    this.xcapRoot = `http://127.0.0.1:${this.ports.xcap}/xcap-root`;
    // A test process that dies without after() must not leave Kamailio behind.
    this.exitHook = () => {
      if (!this.stopped) spawnSync('bash', [join(labScripts, 'stop.sh')], { env: this.env(), stdio: 'ignore' });
    };
    process.once('exit', this.exitHook);
  }

  /** Load user number `n` (1-based), e.g. `load00042`. */
  loadUser(n: number): LabUser {
    if (!Number.isInteger(n) || n < 1 || n > this.loadUsers) {
      throw new RangeError(`load user ${n} does not exist: this lab has ${this.loadUsers}`);
    }
    return this.user(`load${String(n).padStart(5, '0')}`, 'load-secret');
  }

  /** Host and port of the registrar/proxy for a transport and IP family. */
  address(transport: LabTransport, family: 4 | 6 = 4): { host: string; port: number } {
    const host = family === 6 ? '::1' : '127.0.0.1';
    const port = { udp: this.ports.sip, tcp: this.ports.sip, tls: this.ports.tls, ws: this.ports.ws, wss: this.ports.wss }[transport];
    return { host, port };
  }

  /** Outbound proxy URI for a transport, e.g. `sip:127.0.0.1:15060;transport=tcp`. */
  proxyUri(transport: LabTransport, family: 4 | 6 = 4): string {
    const { host, port } = this.address(transport, family);
    return `sip:${family === 6 ? `[${host}]` : host}:${port};transport=${transport}`;
  }

  /** WebSocket URL of the registrar (RFC 7118), e.g. `ws://127.0.0.1:15062/`. */
  webSocketUrl(secure: boolean, family: 4 | 6 = 4): string {
    const { host, port } = this.address(secure ? 'wss' : 'ws', family);
    return `${secure ? 'wss' : 'ws'}://${family === 6 ? `[${host}]` : host}:${port}/`;
  }

  /** MSRP URI of the relay (RFC 4976 §5) for its TCP or TLS port. */
  msrpRelayUri(secure: boolean): string {
    return secure ? `msrps://127.0.0.1:${this.ports.msrps};tcp` : `msrp://127.0.0.1:${this.ports.msrp};tcp`;
  }

  /** Runs `kamcmd` against this lab's control socket, e.g. `kamcmd('ul.dump')`. */
  async kamcmd(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('kamcmd', ['-s', this.ctlSocket, ...args], { timeout: 10_000 });
    return stdout;
  }

  /** Last lines of Kamailio's log, for failure messages. */
  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Restarts Kamailio with the same state folder; registrations (kept in memory) are lost. */
  async restart(): Promise<void> {
    await runScript('restart.sh', this.env());
  }

  /** Stops Kamailio and removes the folder (unless kept). Stopping twice is harmless. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    await runScript('stop.sh', this.env());
    this.stopped = true;
    process.removeListener('exit', this.exitHook);
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      SIPSIMPLE_LAB_BASE_PORT: String(this.basePort),
      SIPSIMPLE_LAB_DIR: this.dir,
      SIPSIMPLE_LAB_KEEP: this.keep ? '1' : '0',
    };
  }

  private user(username: string, password: string): LabUser {
    return { username, password, domain: this.domain, aor: `sip:${username}@${this.domain}` };
  }
}

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function runScript(script: string, env: NodeJS.ProcessEnv): Promise<ScriptResult> {
  const result = await new Promise<ScriptResult>((resolve) => {
    execFile('bash', [join(labScripts, script)], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
  if (result.code !== 0 && result.code !== 3) {
    throw new LabError(`test/lab/${script} failed (exit ${result.code}):\n${result.stderr}`);
  }
  return result;
}

/**
 * Starts a lab and resolves when Kamailio answers. Without a base port, the first
 * block of 7 free ports from 15060 in steps of 10 is taken, so that test files
 * running at the same time each get their own lab.
 */
export async function startLab(options: StartLabOptions = {}): Promise<Lab> {
  const bases = options.basePort !== undefined
    ? [options.basePort]
    : Array.from({ length: BASE_PORT_ATTEMPTS }, (_, i) => DEFAULT_BASE_PORT + i * BASE_PORT_STRIDE);
  for (const basePort of bases) {
    if (options.basePort === undefined && !(await portsAreFree(basePort, 7))) continue;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SIPSIMPLE_LAB_BASE_PORT: String(basePort),
      SIPSIMPLE_LAB_LOAD_USERS: String(options.loadUsers ?? 0),
      SIPSIMPLE_LAB_DEBUG: String(options.debug ?? 1),
    };
    delete env.SIPSIMPLE_LAB_DIR;
    const result = await runScript('start.sh', env);
    if (result.code === 3) {
      if (options.basePort !== undefined) throw new LabError(`a lab already runs on base port ${basePort}`);
      continue;
    }
    const dir = result.stdout.trim().split('\n').pop() ?? '';
    const description = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as LabDescription;
    return new Lab(description, options.keep ?? process.env.SIPSIMPLE_LAB_KEEP === '1');
  }
  throw new LabError(`no free block of lab ports from ${bases[0]} to ${bases[bases.length - 1]}`);
}
