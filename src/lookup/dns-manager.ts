import { getServers } from 'node:dns';
import { NotificationSender } from '../notification/notification-sender.js';
import type { NotificationCenter } from '../notification/notification-center.js';
import { createNodeResolver, type DNSResolver, type ResolverFactory } from './resolver.js';
import './notifications.js';

/** How a {@link DNSManager} probes and what it falls back to. */
export interface DNSManagerOptions {
  /** Where to post notifications; the default center otherwise. */
  notificationCenter?: NotificationCenter;
  /** The local nameservers to probe; the system's (`dns.getServers()`) by default. */
  systemNameservers?: () => string[];
  /** Nameservers used while the local ones fail; Google's (8.8.8.8, 8.8.4.4) by default. */
  fallbackNameservers?: string[];
  /** The domain whose NAPTR records a working nameserver must return; `sip2sip.info` by default. */
  probeDomain?: string;
  /** Milliseconds between probes while on the fallback nameservers; 60 000 by default. */
  probeInterval?: number;
  /** Milliseconds one probe query may take; 3 000 by default. */
  probeTimeout?: number;
  /** Builds the resolver of each probe. */
  resolverFactory?: ResolverFactory;
}

/**
 * Chooses the nameservers that {@link DNSLookup} uses (middleware spec §20).
 *
 * `start()` probes the local nameservers by asking them for the NAPTR records
 * of a known SIP domain (home routers often break NAPTR and SRV). If they
 * answer, they are used; if not, the fallback nameservers are used and the
 * local ones are probed again every `probeInterval` until they work: local
 * nameservers are always preferred. Posts `DNSResolverDidInitialize` the first
 * time nameservers are set and `DNSNameserversDidChange` on every later change.
 *
 * One instance is shared by default ({@link DNSManager.default}); tests build
 * their own with loopback nameservers.
 */
export class DNSManager extends NotificationSender {
  private static shared: DNSManager | undefined;

  /** The process-wide manager (spec: a singleton). It does nothing until started. */
  static get default(): DNSManager {
    DNSManager.shared ??= new DNSManager();
    return DNSManager.shared;
  }

  private current: string[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probeResolver: DNSResolver | undefined;
  private running = false;
  private readonly options: Required<Omit<DNSManagerOptions, 'notificationCenter'>>;

  constructor(options: DNSManagerOptions = {}) {
    super(options.notificationCenter);
    this.options = {
      systemNameservers: options.systemNameservers ?? (() => getServers()),
      fallbackNameservers: options.fallbackNameservers ?? ['8.8.8.8', '8.8.4.4'],
      probeDomain: options.probeDomain ?? 'sip2sip.info',
      probeInterval: options.probeInterval ?? 60_000,
      probeTimeout: options.probeTimeout ?? 3_000,
      resolverFactory: options.resolverFactory ?? createNodeResolver,
    };
  }

  /** The nameservers in use, or `undefined` before the first probe finished. */
  get nameservers(): string[] | undefined {
    return this.current?.slice();
  }

  /** Whether the manager is probing (between `start()` and `stop()`). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts probing; resolves once the first choice of nameservers is made. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.probe();
  }

  /** Stops probing; the nameservers chosen so far stay in use. */
  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.probeResolver?.cancel();
    this.probeResolver = undefined;
  }

  private async probe(): Promise<void> {
    const local = this.options.systemNameservers();
    const works = local.length > 0 && (await this.localNameserversWork(local));
    if (!this.running) return;
    if (works) {
      this.use(local);
    } else {
      this.use(this.options.fallbackNameservers);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.probe();
      }, this.options.probeInterval);
      this.timer.unref();
    }
  }

  private async localNameserversWork(nameservers: string[]): Promise<boolean> {
    const resolver = this.options.resolverFactory({ nameservers, timeout: this.options.probeTimeout, tries: 1 });
    this.probeResolver = resolver;
    try {
      const records = await resolver.resolveNaptr(this.options.probeDomain);
      return Array.isArray(records) && records.length > 0;
    } catch {
      return false;
    } finally {
      if (this.probeResolver === resolver) this.probeResolver = undefined;
    }
  }

  private use(nameservers: string[]): void {
    const previous = this.current;
    if (previous && previous.length === nameservers.length && previous.every((ns, i) => ns === nameservers[i])) return;
    this.current = nameservers.slice();
    if (previous === undefined) this.post('DNSResolverDidInitialize', { nameservers: nameservers.slice() });
    else this.post('DNSNameserversDidChange', { nameservers: nameservers.slice() });
  }
}
