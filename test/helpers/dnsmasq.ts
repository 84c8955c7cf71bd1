// Starts a real dnsmasq (Debian package dnsmasq-base) on a free loopback port
// with the given records, for the interop tests of the lookup layer. It
// answers only from its own records (no upstream, no /etc/hosts), so no query
// ever leaves the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promises as dns } from 'node:dns';

export interface DnsmasqSrv {
  /** Owner name, e.g. `_sip._udp.example.test`. */
  name: string;
  target: string;
  port: number;
  priority?: number;
  weight?: number;
}

export interface DnsmasqNaptr {
  name: string;
  order: number;
  preference: number;
  flags: string;
  service: string;
  regexp?: string;
  replacement: string;
}

export interface DnsmasqRecords {
  /** Domains answered only from these records (NXDOMAIN for other names in them). */
  localDomains?: string[];
  hosts?: Array<{ name: string; addresses: string[] }>;
  srv?: DnsmasqSrv[];
  naptr?: DnsmasqNaptr[];
  txt?: Array<{ name: string; texts: string[] }>;
}

export interface DnsmasqServer {
  port: number;
  /** `127.0.0.1:port`, for `nameservers` options. */
  nameserver: string;
  /** Stops dnsmasq and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function argumentsFor(port: number, records: DnsmasqRecords): string[] {
  const args = [
    '--no-daemon',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    '--pid-file=',
    '--cache-size=0',
  ];
  for (const domain of records.localDomains ?? []) args.push(`--local=/${domain}/`);
  for (const host of records.hosts ?? []) args.push(`--host-record=${[host.name, ...host.addresses].join(',')}`);
  for (const r of records.srv ?? []) {
    args.push(`--srv-host=${r.name},${r.target},${r.port},${r.priority ?? 0},${r.weight ?? 0}`);
  }
  for (const r of records.naptr ?? []) {
    args.push(`--naptr-record=${r.name},${r.order},${r.preference},${r.flags},${r.service},${r.regexp ?? ''},${r.replacement}`);
  }
  for (const r of records.txt ?? []) args.push(`--txt-record=${[r.name, ...r.texts].join(',')}`);
  return args;
}

async function answers(port: number): Promise<boolean> {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  try {
    await resolver.resolve4('readiness-probe.invalid');
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code !== 'ECONNREFUSED' && code !== 'ETIMEOUT';
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

/** Starts dnsmasq with `records`; resolves once it answers queries. */
export async function startDnsmasq(records: DnsmasqRecords): Promise<DnsmasqServer> {
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeUdpPort();
    const child = spawn('dnsmasq', argumentsFor(port, records), { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      const ready = await Promise.race([answers(port), spawnError]);
      if (ready instanceof Error) {
        running.delete(child);
        throw new Error(`cannot run dnsmasq (install the Debian package dnsmasq-base): ${ready.message}`);
      }
      if (ready) {
        return { port, nameserver: `127.0.0.1:${port}`, stop: () => stopChild(child) };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stopChild(child);
    lastError = stderr.trim();
    // A port taken on TCP between our probe and dnsmasq's bind: try another one.
    if (!/address in use/i.test(lastError)) break;
  }
  throw new Error(`dnsmasq did not start: ${lastError || 'no answer to queries'}`);
}
