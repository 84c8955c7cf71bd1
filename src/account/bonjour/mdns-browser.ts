/**
 * The mDNS browser of the Bonjour account (RFC 6763 §4, RFC 6762 §5.2): it asks for
 * the PTR records of one service type with queries one, two, four... seconds apart (up
 * to a bound), follows the instances named in the answers, resolves their SRV and TXT
 * records (and the target host's addresses when they come along), and reports each
 * instance when it is complete, again when its SRV or TXT changes, and its removal on
 * a goodbye (TTL 0, removed one second later, RFC 6762 §10.1) or when its PTR or SRV
 * expires. Cache maintenance (RFC 6762 §5.2): the SRV is asked for again at 80% and
 * 90% of its TTL, so a live instance is kept and one that vanished without a goodbye is
 * removed when its SRV expires; browse queries list the PTRs known with more than half
 * their TTL left (known-answer suppression, §7.1).
 * Instances that cannot be resolved after a few queries are reported as failures.
 * Records of any shape are checked before use: a bad packet is dropped, never thrown.
 */
import { BonjourError } from './errors.js';
import type { MDNSRecord } from './mdns-records.js';
import type { MDNSSocket } from './mdns-socket.js';
import type { BonjourServiceDescription } from './service-description.js';
import { describeInstance } from './service-types.js';

/** A resolved service instance. */
export interface BrowsedService {
  readonly description: BonjourServiceDescription;
  /** The SRV target (the host the instance runs on). */
  readonly host: string;
  /** The SRV port. */
  readonly port: number;
  /** The TXT record strings. */
  readonly txt: readonly Buffer[];
  /** The addresses of the host known so far (A/AAAA). */
  readonly addresses: readonly string[];
}

/** What an {@link MDNSBrowser} reports. */
export interface MDNSBrowserHandlers {
  /** An instance was resolved (`isNew`) or its SRV or TXT changed. */
  resolved(service: BrowsedService, isNew: boolean): void;
  /** A resolved instance went away. */
  removed(description: BonjourServiceDescription): void;
  /** An instance could not be resolved. */
  failed(description: BonjourServiceDescription, error: BonjourError): void;
}

/** Options of an {@link MDNSBrowser}. */
export interface MDNSBrowserOptions {
  /** The service type browsed (`_sipuri._udp`). */
  type: string;
  /** The domain; `local`. */
  domain?: string;
  /** Milliseconds before the second query; doubled each time (RFC 6762 §5.2). Default 1000. */
  queryInterval?: number;
  /** The longest interval between queries, milliseconds. Default 60 000. */
  maxQueryInterval?: number;
  /** Queries for the SRV and TXT of an instance before it is reported as failed. Default 3. */
  resolveAttempts?: number;
}

/** What is known of one instance. */
interface Instance {
  readonly description: BonjourServiceDescription;
  srv: { target: string; port: number } | undefined;
  txt: Buffer[] | undefined;
  reported: BrowsedService | undefined;
  expiry: NodeJS.Timeout | undefined;
  /** When the PTR expires (ms since epoch) and the TTL it came with, seconds. */
  ptrExpiresAt: number;
  ptrTTL: number;
  /** The SRV refresh queries and expiry. */
  srvTimers: NodeJS.Timeout[];
  resolveTimer: NodeJS.Timeout | undefined;
  attempts: number;
  failed: boolean;
}

function stripDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function isTXTData(data: unknown): data is Buffer[] {
  return Array.isArray(data) && data.every((item) => Buffer.isBuffer(item));
}

function isSRVData(data: unknown): data is { target: string; port: number } {
  const srv = data as { target?: unknown; port?: unknown } | null;
  return typeof srv === 'object' && srv !== null && typeof srv.target === 'string' && Number.isInteger(srv.port);
}

function sameTXT(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((item, index) => item.equals(b[index]!));
}

/** Browses one service type; see the module comment. */
export class MDNSBrowser {
  private readonly instances = new Map<string, Instance>();
  private readonly addresses = new Map<string, Set<string>>();
  private readonly domain: string;
  private readonly browseName: string;
  private queryTimer: NodeJS.Timeout | undefined;
  private interval: number;
  private running = false;
  private readonly onResponse = (packet: unknown): void => {
    try {
      this.receive(packet);
    } catch {
      // A packet that decodes but holds nonsense is dropped.
    }
  };

  constructor(
    private readonly socket: MDNSSocket,
    private readonly options: MDNSBrowserOptions,
    private readonly handlers: MDNSBrowserHandlers,
  ) {
    this.domain = options.domain ?? 'local';
    this.browseName = `${options.type}.${this.domain}`;
    this.interval = options.queryInterval ?? 1000;
  }

  /** The instances resolved now. */
  get services(): BrowsedService[] {
    return [...this.instances.values()].flatMap((instance) => (instance.reported === undefined ? [] : [instance.reported]));
  }

  /** Starts browsing: listens to responses and sends the first query; resolves once it is sent, rejects with the socket's error. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.running = true;
    this.socket.on('response', this.onResponse);
    return this.query();
  }

  /** Stops browsing and forgets every instance without reporting removals. */
  stop(): void {
    this.running = false;
    this.socket.removeListener('response', this.onResponse);
    clearTimeout(this.queryTimer);
    for (const instance of this.instances.values()) this.clearTimers(instance);
    this.instances.clear();
    this.addresses.clear();
  }

  /** Asks again now (e.g. after a network change), and restarts the back-off. */
  refresh(): Promise<void> {
    this.interval = this.options.queryInterval ?? 1000;
    return this.query();
  }

  private query(): Promise<void> {
    clearTimeout(this.queryTimer);
    if (!this.running) return Promise.resolve();
    const now = Date.now();
    const known = [...this.instances.values()]
      .filter((instance) => instance.reported !== undefined && (instance.ptrExpiresAt - now) / 1000 > instance.ptrTTL / 2)
      .map((instance) => ({ name: this.browseName, type: 'PTR', ttl: Math.floor((instance.ptrExpiresAt - now) / 1000), data: instance.description.fullName }) as MDNSRecord);
    const sent = new Promise<void>((resolve, reject) => {
      this.socket.query({ questions: [{ name: this.browseName, type: 'PTR' }], answers: known }, (error) => (error ? reject(error) : resolve()));
    });
    this.queryTimer = setTimeout(() => {
      this.query().catch(() => undefined);
    }, this.interval);
    this.queryTimer.unref();
    this.interval = Math.min(this.interval * 2, this.options.maxQueryInterval ?? 60_000);
    return sent;
  }

  private receive(packet: unknown): void {
    const response = packet as { answers?: unknown; additionals?: unknown };
    const records = [
      ...(Array.isArray(response.answers) ? response.answers : []),
      ...(Array.isArray(response.additionals) ? response.additionals : []),
    ].filter((record): record is MDNSRecord => typeof record === 'object' && record !== null && typeof (record as MDNSRecord).name === 'string');
    const touched = new Set<Instance>();
    for (const record of records) {
      if (record.type === 'PTR' && typeof record.data === 'string' && record.name.toLowerCase() === this.browseName.toLowerCase()) {
        const instance = this.pointer(stripDot(record.data), record.ttl ?? 0);
        if (instance !== undefined) touched.add(instance);
      }
    }
    for (const record of records) {
      const ttl = record.ttl ?? 0;
      if ((record.type === 'A' || record.type === 'AAAA') && typeof record.data === 'string') {
        const host = stripDot(record.name).toLowerCase();
        const set = this.addresses.get(host) ?? new Set<string>();
        if (ttl === 0) set.delete(record.data);
        else set.add(record.data);
        this.addresses.set(host, set);
        continue;
      }
      const instance = this.instances.get(stripDot(record.name).toLowerCase());
      if (instance === undefined || ttl === 0) continue;
      if (record.type === 'SRV' && isSRVData(record.data)) {
        instance.srv = { target: stripDot(record.data.target), port: record.data.port };
        this.maintainSRV(instance, ttl);
        touched.add(instance);
      } else if (record.type === 'TXT' && isTXTData(record.data)) {
        instance.txt = record.data;
        touched.add(instance);
      }
    }
    for (const instance of touched) this.settle(instance);
  }

  /** A PTR for the browsed type: a new or refreshed instance, or a goodbye. */
  private pointer(fullName: string, ttl: number): Instance | undefined {
    const key = fullName.toLowerCase();
    let instance = this.instances.get(key);
    if (ttl === 0) {
      if (instance !== undefined) this.expireIn(instance, 1000);
      return undefined;
    }
    if (instance === undefined) {
      const description = describeInstance(fullName, this.options.type, this.domain);
      if (description === undefined) return undefined;
      instance = {
        description,
        srv: undefined,
        txt: undefined,
        reported: undefined,
        expiry: undefined,
        ptrExpiresAt: 0,
        ptrTTL: 0,
        srvTimers: [],
        resolveTimer: undefined,
        attempts: 0,
        failed: false,
      };
      this.instances.set(key, instance);
    }
    instance.ptrTTL = ttl;
    instance.ptrExpiresAt = Date.now() + ttl * 1000;
    this.expireIn(instance, ttl * 1000);
    return instance;
  }

  private expireIn(instance: Instance, milliseconds: number): void {
    clearTimeout(instance.expiry);
    instance.expiry = setTimeout(() => this.remove(instance), Math.min(milliseconds, 2 ** 31 - 1));
    instance.expiry.unref();
  }

  private remove(instance: Instance): void {
    const key = instance.description.fullName.toLowerCase();
    if (this.instances.get(key) !== instance) return;
    this.instances.delete(key);
    this.clearTimers(instance);
    if (instance.reported !== undefined) this.handlers.removed(instance.description);
  }

  private clearTimers(instance: Instance): void {
    clearTimeout(instance.expiry);
    clearTimeout(instance.resolveTimer);
    for (const timer of instance.srvTimers.splice(0)) clearTimeout(timer);
  }

  /** Asks for the SRV again at 80% and 90% of its TTL and drops the instance when it expires (RFC 6762 §5.2). */
  private maintainSRV(instance: Instance, ttl: number): void {
    for (const timer of instance.srvTimers.splice(0)) clearTimeout(timer);
    const name = instance.description.fullName;
    const ask = (): void => {
      if (this.running) this.socket.query([{ name, type: 'SRV' }, { name, type: 'TXT' }], () => undefined);
    };
    const bound = (milliseconds: number): number => Math.min(milliseconds, 2 ** 31 - 1);
    instance.srvTimers = [setTimeout(ask, bound(ttl * 800)), setTimeout(ask, bound(ttl * 900)), setTimeout(() => this.remove(instance), bound(ttl * 1000))];
    for (const timer of instance.srvTimers) timer.unref();
  }

  /** Reports the instance when it is complete and changed; else asks for what is missing. */
  private settle(instance: Instance): void {
    const { srv, txt } = instance;
    if (srv === undefined || txt === undefined) {
      this.resolve(instance);
      return;
    }
    clearTimeout(instance.resolveTimer);
    instance.resolveTimer = undefined;
    instance.attempts = 0;
    instance.failed = false;
    const previous = instance.reported;
    if (previous !== undefined && previous.host === srv.target && previous.port === srv.port && sameTXT(previous.txt, txt)) return;
    const service: BrowsedService = {
      description: instance.description,
      host: srv.target,
      port: srv.port,
      txt,
      addresses: [...(this.addresses.get(srv.target.toLowerCase()) ?? [])],
    };
    instance.reported = service;
    this.handlers.resolved(service, previous === undefined);
  }

  /** Queries the SRV and TXT of an incomplete instance, a bounded number of times. */
  private resolve(instance: Instance): void {
    if (instance.resolveTimer !== undefined || instance.failed) return;
    const name = instance.description.fullName;
    const attempt = (): void => {
      if (!this.running || this.instances.get(name.toLowerCase()) !== instance) return;
      if (instance.srv !== undefined && instance.txt !== undefined) return;
      if (instance.attempts >= (this.options.resolveAttempts ?? 3)) {
        instance.resolveTimer = undefined;
        instance.failed = true;
        this.handlers.failed(instance.description, new BonjourError('resolve-timeout', `no SRV and TXT records for ${name} after ${instance.attempts} queries`));
        return;
      }
      instance.attempts += 1;
      this.socket.query([{ name, type: 'SRV' }, { name, type: 'TXT' }], () => undefined);
      instance.resolveTimer = setTimeout(attempt, 1000);
      instance.resolveTimer.unref();
    };
    // The SRV and TXT usually follow the PTR in the same or the next packet: wait a little first.
    instance.resolveTimer = setTimeout(attempt, 200);
    instance.resolveTimer.unref();
  }
}
