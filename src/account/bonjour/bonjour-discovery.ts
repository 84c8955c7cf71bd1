/**
 * Neighbour discovery of the Bonjour account (RFC 6763 §4): one {@link MDNSBrowser}
 * per service type, whose resolved instances become {@link BonjourNeighbour}s of the
 * transports the account uses. The account's own instances are left out, and an
 * instance whose TXT record cannot be read is reported as a failure, never thrown.
 */
import { ParserError } from '../../errors.js';
import { MDNSBrowser, type BrowsedService } from './mdns-browser.js';
import type { MDNSSocket } from './mdns-socket.js';
import { neighbourOf, type BonjourNeighbour } from './neighbour.js';
import type { BonjourServiceDescription } from './service-description.js';
import { serviceTypeOf, type BonjourTransport } from './service-types.js';

/** What discovery reports to the account. */
export interface DiscoveryEvents {
  /** A neighbour was found (`isNew`) or changed its data. */
  found(neighbour: BonjourNeighbour, isNew: boolean): void;
  /** A neighbour went away. */
  lost(description: BonjourServiceDescription): void;
  /** A neighbour could not be resolved or read. */
  failure(error: string, transport: BonjourTransport): void;
}

/** Options of {@link BonjourDiscovery}. */
export interface DiscoveryOptions {
  /** The account's own instance id: instances that publish it are the account itself. */
  instanceId: string;
  /** Milliseconds before the second browse query (doubled after each). */
  queryInterval?: number | undefined;
}

/** Discovers neighbours; see the module comment. */
export class BonjourDiscovery {
  private readonly browsers = new Map<string, MDNSBrowser>();
  private readonly transports = new Set<BonjourTransport>();
  private readonly table = new Map<string, BonjourNeighbour>();

  constructor(
    private readonly socket: MDNSSocket,
    private readonly options: DiscoveryOptions,
    private readonly events: DiscoveryEvents,
  ) {}

  /** The neighbours known now. */
  get neighbours(): BonjourNeighbour[] {
    return [...this.table.values()];
  }

  /** Starts discovering the neighbours of `transport`; rejects when the first query cannot be sent. */
  async start(transport: BonjourTransport): Promise<void> {
    this.transports.add(transport);
    const type = serviceTypeOf(transport);
    const existing = this.browsers.get(type);
    if (existing !== undefined) {
      for (const service of existing.services) this.resolved(service, type === '_sipuri._udp' ? 'udp' : 'tcp');
      return;
    }
    const fallback: BonjourTransport = transport === 'udp' ? 'udp' : 'tcp';
    const browser = new MDNSBrowser(
      this.socket,
      { type, ...(this.options.queryInterval === undefined ? {} : { queryInterval: this.options.queryInterval }) },
      {
        resolved: (service) => this.resolved(service, fallback),
        removed: (description) => this.removed(description),
        failed: (description, error) => this.events.failure(`${description.fullName}: ${error.message}`, fallback),
      },
    );
    this.browsers.set(type, browser);
    try {
      await browser.start();
    } catch (error) {
      browser.stop();
      this.browsers.delete(type);
      this.transports.delete(transport);
      throw error;
    }
  }

  /** Stops every browser; returns the neighbours that were known (the account reports their removal). */
  stop(): BonjourNeighbour[] {
    for (const browser of this.browsers.values()) browser.stop();
    this.browsers.clear();
    this.transports.clear();
    const known = [...this.table.values()];
    this.table.clear();
    return known;
  }

  private resolved(service: BrowsedService, transport: BonjourTransport): void {
    let neighbour: BonjourNeighbour;
    try {
      neighbour = neighbourOf(service);
    } catch (error) {
      if (!(error instanceof ParserError)) throw error;
      this.events.failure(`${service.description.fullName}: ${error.message}`, transport);
      return;
    }
    if (neighbour.instanceId !== undefined && neighbour.instanceId === this.options.instanceId) return;
    const key = service.description.fullName.toLowerCase();
    if (!this.transports.has(neighbour.transport)) {
      if (this.table.delete(key)) this.events.lost(service.description);
      return;
    }
    const isNew = !this.table.has(key);
    this.table.set(key, neighbour);
    this.events.found(neighbour, isNew);
  }

  private removed(description: BonjourServiceDescription): void {
    if (this.table.delete(description.fullName.toLowerCase())) this.events.lost(description);
  }
}
