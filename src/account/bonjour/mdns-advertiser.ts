/**
 * The mDNS responder of the Bonjour account (RFC 6762, RFC 6763): it probes each new
 * instance name three times, 250 ms apart, and takes the next name (`-2`, `-3`...) when
 * another host answers for it (§8.1); it announces each
 * service instance twice, one second apart (RFC 6762 §8.3), announces it again when
 * its data changes (§8.4), answers queries for the service type, the instance, the
 * host and the service type enumeration (RFC 6763 §9) with known-answer suppression
 * of PTRs (RFC 6762 §7.1), renames an instance whose name another host announces later
 * (§9, reported through `onRename`), and says goodbye with TTL 0 records (§10.1).
 */
import type { RemoteInfo } from 'node:dgram';
import type { Question } from 'dns-packet';
import type { MDNSSocket } from './mdns-socket.js';
import {
  addressRecords,
  announcementRecords,
  goodbyeRecords,
  instanceRecords,
  pointerRecord,
  typeEnumerationRecord,
  typeName,
  OTHER_RECORD_TTL,
  type AdvertisedHost,
  type AdvertisedService,
  type MDNSRecord,
} from './mdns-records.js';
import { BonjourError } from './errors.js';
import { MAX_RENAMES, renamed, SentRecords } from './mdns-conflict.js';
import { SERVICE_TYPE_ENUMERATION } from './service-types.js';

/** Options of an {@link MDNSAdvertiser}. */
export interface MDNSAdvertiserOptions {
  /** The host name (`alice-host.local`) and addresses of the SRV target. */
  host: AdvertisedHost;
  /** The mDNS port in use: queries from another port are legacy unicast queries (RFC 6762 §6.7). */
  port: number;
  /** Milliseconds between the two announcements; 1000 (RFC 6762 §8.3). */
  announceInterval?: number;
  /** Milliseconds between the three probes; 250 (RFC 6762 §8.1). */
  probeInterval?: number;
  /** Called when an advertised instance had to take a new name after a conflict (RFC 6762 §9). */
  onRename?: (previous: AdvertisedService, current: AdvertisedService) => void;
}

/** The question type ANY (255), which dns-packet takes but its type declarations leave out. */
const ANY = 'ANY' as Question['type'];

/** The answer to one query: the records asked for and the helpful extras (RFC 6763 §12). */
interface Reply {
  answers: MDNSRecord[];
  additionals: MDNSRecord[];
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The records without repeats (several instances of one type share the host's and the type's records). */
function unique(records: readonly MDNSRecord[]): MDNSRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const key = `${record.name.toLowerCase()}|${record.type}|${JSON.stringify(record.data)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function asks(question: Question, type: string): boolean {
  return question.type === type || question.type === ANY;
}

/** Whether the querier already knows `record` with at least half its TTL (RFC 6762 §7.1). */
function known(record: MDNSRecord, knownMDNSRecords: readonly MDNSRecord[]): boolean {
  return knownMDNSRecords.some(
    (answer) =>
      answer.type === record.type &&
      sameName(answer.name, record.name) &&
      typeof answer.data === 'string' &&
      typeof record.data === 'string' &&
      sameName(answer.data, record.data) &&
      (answer.ttl ?? 0) >= OTHER_RECORD_TTL / 2,
  );
}

/** Advertises service instances on one mDNS socket; see the module comment. */
export class MDNSAdvertiser {
  private readonly services = new Map<string, AdvertisedService>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sent = new SentRecords();
  /** Names being probed, and whether another host claimed them. */
  private readonly probing = new Map<string, { conflict: boolean }>();
  private readonly onResponse = (packet: unknown): void => {
    try {
      this.watch(packet);
    } catch {
      // A packet that decodes but holds nonsense is dropped.
    }
  };
  private readonly onQuery = (packet: unknown, rinfo: RemoteInfo): void => {
    try {
      this.answer(packet, rinfo);
    } catch {
      // A packet that decodes but holds nonsense is dropped (RFC 6762 §18: be liberal).
    }
  };
  private started = false;

  constructor(
    private readonly socket: MDNSSocket,
    private readonly options: MDNSAdvertiserOptions,
  ) {}

  /** The instances advertised now. */
  get advertised(): AdvertisedService[] {
    return [...this.services.values()];
  }

  /** Starts answering queries. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('query', this.onQuery);
    this.socket.on('response', this.onResponse);
  }

  /**
   * Advertises `service`: a new instance is probed first (and renamed on conflict), an
   * advertised one gets its new data announced (RFC 6762 §8.4). Announces it now and once
   * more after the announce interval. Resolves with the service as advertised (its name
   * may differ) once the first announcement is sent; rejects with the socket's error, or
   * with {@link BonjourError} `conflict` when every name tried is taken.
   */
  async publish(service: AdvertisedService): Promise<AdvertisedService> {
    const advertised = this.services.has(service.description.fullName.toLowerCase()) ? service : await this.probe(service);
    await this.announce(advertised);
    return advertised;
  }

  /** Probes names for `service` until one is free (RFC 6762 §8.1). */
  private async probe(service: AdvertisedService): Promise<AdvertisedService> {
    const interval = this.options.probeInterval ?? 250;
    let candidate = service;
    for (let n = 0; n <= MAX_RENAMES; n++, candidate = { ...candidate, description: renamed(candidate.description) }) {
      const name = candidate.description.fullName.toLowerCase();
      const state = { conflict: false };
      this.probing.set(name, state);
      try {
        const authorities = instanceRecords(candidate, this.options.host);
        this.sent.note(authorities);
        for (let probe = 0; probe < 3 && !state.conflict; probe++) {
          await new Promise<void>((resolve, reject) =>
            this.socket.query({ questions: [{ name: candidate.description.fullName, type: ANY }], authorities }, (error) => (error ? reject(error) : resolve())),
          );
          await new Promise((resolve) => setTimeout(resolve, interval));
        }
      } finally {
        this.probing.delete(name);
      }
      if (!state.conflict) return candidate;
    }
    throw new BonjourError('conflict', `${service.description.name} and ${MAX_RENAMES} other names are all taken on the link`);
  }

  /** A response another host sent: does it claim a name we probe or advertise (RFC 6762 §9)? */
  private watch(packet: unknown): void {
    const response = packet as { answers?: unknown; additionals?: unknown };
    const records = [...(Array.isArray(response.answers) ? response.answers : []), ...(Array.isArray(response.additionals) ? response.additionals : [])] as MDNSRecord[];
    const names = new Set([...this.probing.keys(), ...this.services.keys()]);
    for (const name of this.sent.conflicts(records, names)) {
      const probe = this.probing.get(name);
      if (probe !== undefined) {
        probe.conflict = true;
        continue;
      }
      const lost = this.services.get(name);
      if (lost === undefined) continue;
      // The name is the other host's now: no goodbye for it, a new name for ours.
      this.services.delete(name);
      this.publish({ ...lost, description: renamed(lost.description) })
        .then((current) => this.options.onRename?.(lost, current))
        .catch(() => undefined);
    }
  }

  /** Sends the announcement of `service` now and once more later (RFC 6762 §8.3). */
  private announce(service: AdvertisedService): Promise<void> {
    this.services.set(service.description.fullName.toLowerCase(), service);
    const records = announcementRecords(service, this.options.host);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.services.get(service.description.fullName.toLowerCase()) === service) this.send(records).catch(() => undefined);
    }, this.options.announceInterval ?? 1000);
    timer.unref();
    this.timers.add(timer);
    return this.send(records);
  }

  /** Stops advertising the instance named `fullName` and sends its goodbye; resolves once sent. */
  unpublish(fullName: string): Promise<void> {
    const service = this.services.get(fullName.toLowerCase());
    if (service === undefined) return Promise.resolve();
    this.services.delete(fullName.toLowerCase());
    return this.send(goodbyeRecords(service, this.options.host));
  }

  /** Says goodbye for every instance and stops answering queries. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket.removeListener('query', this.onQuery);
    this.socket.removeListener('response', this.onResponse);
    this.started = false;
    const goodbyes = [...this.services.values()].flatMap((service) => goodbyeRecords(service, this.options.host));
    this.services.clear();
    if (goodbyes.length > 0) await this.send(goodbyes).catch(() => undefined);
  }

  private send(answers: MDNSRecord[], additionals: MDNSRecord[] = [], destination?: RemoteInfo): Promise<void> {
    this.sent.note(answers);
    this.sent.note(additionals);
    return new Promise((resolve, reject) => {
      const done = (error: Error | null): void => (error ? reject(error) : resolve());
      const packet = { answers, additionals };
      if (destination === undefined) this.socket.respond(packet, done);
      else this.socket.respond(packet, { port: destination.port, address: destination.address }, done);
    });
  }

  private answer(packet: unknown, rinfo: RemoteInfo): void {
    const query = packet as { questions?: unknown; answers?: unknown };
    if (!Array.isArray(query.questions)) return;
    const knownMDNSRecords = (Array.isArray(query.answers) ? query.answers : []) as MDNSRecord[];
    const reply: Reply = { answers: [], additionals: [] };
    for (const question of query.questions as Question[]) {
      if (typeof question?.name === 'string' && typeof question.type === 'string') this.collect(question, reply);
    }
    const answers = unique(reply.answers.filter((record) => !known(record, knownMDNSRecords)));
    if (answers.length === 0) return;
    const additionals = unique([...answers, ...reply.additionals]).slice(answers.length);
    // Legacy unicast queries (RFC 6762 §6.7) are answered to their source; the others on the group.
    this.send(answers, additionals, rinfo.port === this.options.port ? undefined : rinfo).catch(() => undefined);
  }

  private collect(question: Question, reply: Reply): void {
    const host = this.options.host;
    for (const service of this.services.values()) {
      const description = service.description;
      if (asks(question, 'PTR') && sameName(question.name, typeName(description))) {
        reply.answers.push(pointerRecord(description));
        reply.additionals.push(...instanceRecords(service, host), ...addressRecords(host));
      } else if (asks(question, 'PTR') && sameName(question.name, SERVICE_TYPE_ENUMERATION)) {
        reply.answers.push(typeEnumerationRecord(description));
      } else if (sameName(question.name, description.fullName)) {
        const [srv, txt] = instanceRecords(service, host);
        if (asks(question, 'SRV')) reply.answers.push(srv!);
        if (asks(question, 'TXT')) reply.answers.push(txt!);
        reply.additionals.push(...addressRecords(host));
      }
    }
    if (sameName(question.name, host.name)) {
      reply.answers.push(...addressRecords(host).filter((record) => asks(question, record.type)));
    }
  }
}
