import { NotificationSender } from '../notification/notification-sender.js';
import type { NotificationCenter } from '../notification/notification-center.js';
import { DNSManager } from './dns-manager.js';
import { DNSLookupError } from './errors.js';
import { toLookupTarget, type LookupTarget, type LookupURI } from './lookup-target.js';
import type { DNSLookupContext } from './notifications.js';
import { QueryRunner } from './query-runner.js';
import { createNodeResolver, type DNSResolver, type ResolverFactory } from './resolver.js';
import type { Route } from './route.js';
import { locateService, SERVICES, type ServiceAddress, type ServiceName } from './service-lookup.js';
import { locateSIPServers } from './sip-proxy-lookup.js';
import type { RandomSource } from './srv-order.js';
import type { SIPTransport } from './transports.js';
import { locateXCAPRoots } from './xcap-lookup.js';
import './notifications.js';

/** How a {@link DNSLookup} resolves. */
export interface DNSLookupOptions {
  /** Where to post notifications; the default center otherwise. */
  notificationCenter?: NotificationCenter;
  /**
   * Nameservers (`"127.0.0.1"`, `"127.0.0.1:5353"`, `"[::1]:5353"`). When not
   * given, those of `manager` are used, or the system's until it has chosen.
   */
  nameservers?: readonly string[];
  /** The manager whose nameservers to use; {@link DNSManager.default} when not given. */
  manager?: DNSManager;
  /** Also look up AAAA records (IPv6 addresses come after IPv4 ones of the same target). */
  ipv6?: boolean;
  /** Builds the resolver of each lookup; tests inject their own. */
  resolverFactory?: ResolverFactory;
  /** Random source of the SRV weight shuffle; tests inject a fixed one. */
  random?: RandomSource;
}

/** Time limits and cancellation of one lookup call. */
export interface LookupCallOptions {
  /** Milliseconds to wait for one nameserver to answer one query (spec: 3 s). */
  timeout?: number;
  /** Milliseconds the whole lookup may take, every query included (spec: 15 s). */
  lifetime?: number;
  /** Aborts the lookup; it then rejects with a `cancelled` {@link DNSLookupError}. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT = 3_000;
const DEFAULT_LIFETIME = 15_000;

/**
 * DNS lookups for SIP (middleware spec §21): RFC 3263 location of SIP proxies,
 * SRV location of STUN servers and MSRP relays, and the XCAP root from TXT
 * records. Every method returns a Promise (the spec's synchronous `wait()`
 * style) and also posts `DNSLookupDidSucceed` or `DNSLookupDidFail` (its
 * notification style), with one `DNSLookupTrace` per DNS query.
 *
 * The spec's first step, asking the domain's authoritative nameservers
 * directly, is left out on purpose: it bypasses split-horizon DNS and the
 * configured resolvers, and port 53 is often blocked; the {@link DNSManager}
 * probe covers the broken-router case it was meant for.
 */
export class DNSLookup extends NotificationSender {
  private readonly settings: Required<Omit<DNSLookupOptions, 'notificationCenter' | 'nameservers' | 'manager'>> & {
    nameservers: readonly string[] | undefined;
    manager: DNSManager;
  };

  constructor(options: DNSLookupOptions = {}) {
    super(options.notificationCenter);
    this.settings = {
      nameservers: options.nameservers,
      manager: options.manager ?? DNSManager.default,
      ipv6: options.ipv6 ?? false,
      resolverFactory: options.resolverFactory ?? createNodeResolver,
      random: options.random ?? Math.random,
    };
  }

  /**
   * RFC 3263 location of the SIP server for `uri` (spec `lookup_sip_proxy`):
   * the routes to try in order, failing over to the next on timeout, transport
   * error or 503 (see {@link tryRoutes}).
   *
   * @param uri the URI to reach (the core's `SIPURI` fits); its scheme, host, port and `transport` parameter are used.
   * @param supportedTransports the transports the application can use, most preferred first.
   */
  lookupSIPProxy(
    uri: LookupURI,
    supportedTransports: readonly SIPTransport[],
    options: LookupCallOptions = {},
  ): Promise<Route[]> {
    return this.run('lookupSIPProxy', uri, options, undefined, (runner, target) =>
      locateSIPServers(runner, target, {
        supportedTransports,
        ipv6: this.settings.ipv6,
        random: this.settings.random,
      }),
    );
  }

  /**
   * SRV location of a STUN server or MSRP relay for the host of `uri` (spec
   * `lookup_service`); falls back to the host with the service's default port.
   */
  lookupService(uri: LookupURI | string, service: ServiceName, options: LookupCallOptions = {}): Promise<ServiceAddress[]> {
    return this.run('lookupService', uri, options, service, async (runner, target) => {
      if (!Object.hasOwn(SERVICES, service)) {
        throw new DNSLookupError(`lookupService: unknown service ${JSON.stringify(service)}`, 'bad-input');
      }
      return locateService(runner, target, service, { ipv6: this.settings.ipv6, random: this.settings.random });
    });
  }

  /** The XCAP roots published in TXT records of `xcap.<host>` (spec `lookup_xcap_server`). */
  lookupXCAPServer(uri: LookupURI | string, options: LookupCallOptions = {}): Promise<string[]> {
    return this.run('lookupXCAPServer', uri, options, undefined, (runner, target) => locateXCAPRoots(runner, target));
  }

  /** The nameservers a lookup started now would use (empty: the system's). */
  get nameservers(): string[] {
    return [...(this.settings.nameservers ?? this.settings.manager.nameservers ?? [])];
  }

  private async run<T>(
    context: DNSLookupContext,
    uri: LookupURI | string,
    options: LookupCallOptions,
    service: string | undefined,
    body: (runner: QueryRunner, target: LookupTarget) => Promise<T>,
  ): Promise<T> {
    let target: LookupTarget;
    try {
      target = toLookupTarget(uri);
    } catch (error) {
      return this.fail(error);
    }
    const nameservers = this.nameservers;
    let resolver: DNSResolver;
    try {
      resolver = this.settings.resolverFactory({ nameservers, timeout: options.timeout ?? DEFAULT_TIMEOUT, tries: 1 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.fail(new DNSLookupError(`lookup: bad nameservers ${nameservers.join(', ')}: ${reason}`, 'bad-input', { cause: error }));
    }
    const runner = new QueryRunner(
      resolver,
      { context, uri: target.text, nameservers, ...(service === undefined ? {} : { service }) },
      (data) => this.post('DNSLookupTrace', data),
    );
    const signal = options.signal;
    if (signal?.aborted) runner.abort('cancelled');
    const onAbort = () => runner.abort('cancelled');
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => runner.abort('timeout'), options.lifetime ?? DEFAULT_LIFETIME);
    try {
      const result = await body(runner, target);
      this.post('DNSLookupDidSucceed', { result });
      return result;
    } catch (error) {
      return this.fail(error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Posts `DNSLookupDidFail` and throws. Every failure caused by DNS answers or
   * the caller's input is a {@link DNSLookupError}; anything else is a bug and
   * is rethrown as it is, so that it is not mistaken for a DNS failure.
   */
  private fail(error: unknown): never {
    this.post('DNSLookupDidFail', { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
