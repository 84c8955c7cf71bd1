/**
 * `BonjourAccount` (middleware spec §25): the peer-to-peer account `bonjour@local`. While
 * it is enabled and the Engine runs it is active: it advertises its contact for each
 * transport over mDNS / DNS-SD (RFC 6762, RFC 6763: `_sipuri._udp`, `_sipuri._tcp`), with
 * its display name, instance id and presence in the TXT record, discovers its neighbours
 * on the link, exchanges MESSAGE requests with them (RFC 3428) and, with
 * `presence.enabled`, serves and subscribes to presence peer to peer (RFC 3856).
 *
 * Notifications: `SIPAccountWillActivate`/`DidActivate`/`WillDeactivate`/`DidDeactivate`,
 * per transport `BonjourAccountWillRegister` then `RegistrationDidSucceed` or
 * `RegistrationDidFail`, `BonjourAccountWillInitateDiscovery` then `DiscoveryDidFail` on
 * failure, `BonjourAccountDidAddNeighbour`/`DidUpdateNeighbour`/`DidRemoveNeighbour`,
 * `BonjourAccountDiscoveryFailure`, `BonjourAccountRegistrationUpdateDidFail`,
 * `BonjourAccountRegistrationDidEnd` (goodbye on deactivation), `SIPAccountGotMessage`,
 * `SIPAccountGotPresenceState` and the `SIPAccountSubscription...` ones.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BonjourAccountSettings, type SettingsObjectOptions } from '../../configuration/index.js';
import { isUnspecifiedAddress } from '../../core/engine/advertised-address.js';
import { Credentials, Message, SIPURI, Subscription, type Engine, type IncomingSubscription } from '../../core/index.js';
import type { AccountLike } from '../account-like.js';
import type { AccountRuntime } from '../account-runtime.js';
import { AccountSubscription, type SubscriptionOwner } from '../account-subscription.js';
import { ContactURIFactory } from '../contact-uri-factory.js';
import { presencePackage } from '../subscription-packages.js';
import '../notifications.js';
import { BonjourDiscovery } from './bonjour-discovery.js';
import { contactTransport, directRoute, serveMessages, targetURI, type BonjourTarget } from './bonjour-messaging.js';
import { PeerPresenceServer } from './bonjour-presence.js';
import { BonjourError } from './errors.js';
import { MDNSAdvertiser } from './mdns-advertiser.js';
import type { AdvertisedService } from './mdns-records.js';
import { closeMDNSSocket, interfaceAddress, openMDNSSocket, MDNS_PORT, type MDNSSocket, type MDNSSocketOptions } from './mdns-socket.js';
import type { BonjourNeighbour, BonjourPresenceState } from './neighbour.js';
import './notifications.js';
import { presenceDocument } from './presence-document.js';
import { BonjourServiceDescription } from './service-description.js';
import { BONJOUR_TRANSPORTS, instanceNameOf, isBonjourTransport, MDNS_DOMAIN, serviceTypeOf, type BonjourTransport } from './service-types.js';
import { buildTXTRecord } from './txt-record.js';

/** Options of a {@link BonjourAccount}. */
export interface BonjourAccountOptions extends SettingsObjectOptions {
  /** The mDNS interface and port (tests keep them on a private link or another port). */
  mdns?: MDNSSocketOptions;
  /** The host label advertised as the SRV target (`<label>.local`); the machine's host name by default. */
  hostname?: string;
  /** The instance id published in the TXT record (a UUID); a new one by default. */
  instanceId?: string;
  /** The user part of the contact URIs; 8 random lowercase letters by default. */
  contactUsername?: string;
  /** Milliseconds before the second browse query (doubled after each); 1000 by default. */
  queryInterval?: number;
  /** Milliseconds between the three probes of a new instance name; 250 (RFC 6762 §8.1). */
  probeInterval?: number;
  /**
   * Opens the mDNS socket instead of {@link openMDNSSocket} (an embedder's own socket, an
   * in-memory link in tests); the account destroys it on deactivation.
   */
  socketFactory?: () => Promise<MDNSSocket>;
}

/** The result of {@link BonjourAccount.sendMessage}: the final response. */
export interface MessageOutcome {
  /** Whether the MESSAGE got a 2xx. */
  succeeded: boolean;
  /** The status code (408 without an answer, 0 when it could not be sent). */
  code: number;
  reason: string;
}

/** What exists while the account is active. */
interface Active {
  readonly engine: Engine;
  readonly socket: MDNSSocket | undefined;
  readonly advertiser: MDNSAdvertiser | undefined;
  readonly discovery: BonjourDiscovery | undefined;
  readonly registered: Map<BonjourTransport, AdvertisedService>;
  readonly presence: PeerPresenceServer | undefined;
  readonly subscriptions: Set<AccountSubscription>;
  readonly removers: Array<() => void>;
}

/** A DNS label from a host name: letters, digits and hyphens (RFC 6762 §16 allows more; this stays portable). */
function hostLabel(name: string): string {
  const label = name.split('.')[0]!.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 63);
  return label.length > 0 ? label : 'sipsimple';
}

/** The peer-to-peer account; see the module comment. */
export class BonjourAccount extends BonjourAccountSettings implements AccountLike, SubscriptionOwner {
  /** Builds the contact URIs (`contact.get('udp')`). */
  readonly contact: ContactURIFactory;
  /** The instance id published in the TXT record. */
  readonly instanceId: string;
  readonly #options: BonjourAccountOptions;
  readonly #hostLabel: string;
  #runtime: AccountRuntime | undefined;
  #observers: Array<() => void> = [];
  #active: Active | undefined;
  #presenceState: BonjourPresenceState | undefined;
  /** Activation and deactivation run one at a time, in order. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: BonjourAccountOptions = {}) {
    super(options);
    this.#options = options;
    this.contact = new ContactURIFactory(options.contactUsername);
    this.instanceId = options.instanceId ?? randomUUID();
    this.#hostLabel = hostLabel(options.hostname ?? hostname());
  }

  /** Whether the account is active: enabled, attached and the Engine running. */
  get isActive(): boolean {
    return this.#active !== undefined;
  }

  /** Credentials from the contact user, with an empty password (§25). */
  get credentials(): Credentials {
    return new Credentials(this.contact.username, '');
  }

  /**
   * `sip:<contact user>@<address>` (§25), for From headers. Throws
   * {@link BonjourError} `state` while the Engine does not run (there is no address).
   */
  get uri(): SIPURI {
    const engine = this.#active?.engine ?? this.#runtime?.engine;
    if (engine === undefined || !engine.isRunning) throw new BonjourError('state', 'the Engine is not running: the Bonjour account has no address');
    const contact = this.#contactFor(engine, this.#transports(engine)[0] ?? 'udp');
    return new SIPURI({ user: contact.user, host: contact.host });
  }

  /** The neighbours known now. */
  get neighbours(): BonjourNeighbour[] {
    return this.#active?.discovery?.neighbours ?? [];
  }

  /** The transports advertised now. */
  get registeredTransports(): BonjourTransport[] {
    return [...(this.#active?.registered.keys() ?? [])];
  }

  /** The presence published in the TXT record and to watchers (with `presence.enabled`). */
  get presenceState(): BonjourPresenceState | undefined {
    return this.#presenceState;
  }

  /**
   * Sets the account's presence: re-advertises the TXT record of every transport
   * (`BonjourAccountRegistrationUpdateDidFail` when that fails) and notifies the
   * watchers. Takes effect with `presence.enabled`.
   */
  async setPresenceState(state: BonjourPresenceState | undefined): Promise<void> {
    this.#presenceState = state;
    await this.#enqueue(() => this.#republish());
  }

  /** Gives the account its Engine (§24 states) and activates it if it is enabled and the Engine runs. */
  async attach(runtime: AccountRuntime): Promise<void> {
    if (this.#runtime === runtime) return;
    if (this.#runtime !== undefined) await this.detach();
    this.#runtime = runtime;
    this.contact.engine = runtime.engine;
    const engine = runtime.engine;
    const sync = (): void => void this.#enqueue(() => this.#sync()).catch(() => undefined);
    this.#observers = [
      engine.on('SIPEngineDidStart', sync),
      engine.on('SIPEngineWillEnd', () => void this.#enqueue(() => this.#deactivate()).catch(() => undefined)),
      this.on('CFGSettingsObjectDidChange', (notification) => {
        const changed = Object.keys(notification.data.modified);
        // New transports, or presence served or not: activate anew.
        if (changed.some((path) => path === 'sip.transportList' || path === 'presence.enabled') && this.#active !== undefined) {
          void this.#enqueue(async () => {
            await this.#deactivate();
            await this.#sync();
          }).catch(() => undefined);
        } else if (changed.includes('enabled')) {
          sync();
        } else if (changed.includes('displayName')) {
          void this.#enqueue(() => this.#republish()).catch(() => undefined);
        }
      }),
    ];
    await this.#enqueue(() => this.#sync());
  }

  /** Deactivates the account (goodbye packets, subscriptions ended) and forgets the Engine. */
  async detach(): Promise<void> {
    for (const remove of this.#observers.splice(0)) remove();
    await this.#enqueue(() => this.#deactivate());
    this.#runtime = undefined;
    this.contact.engine = undefined;
  }

  /** Whether a request for `uri` is for this account: its contact user. */
  matchesURI(uri: { user?: string | undefined; host: string; port?: number | undefined }): boolean {
    return uri.user === this.contact.username;
  }

  /**
   * Answers a SUBSCRIBE routed to the account by the account manager: `presence` is
   * accepted with the account's PIDF while it is active with `presence.enabled`; other
   * packages, or presence while it is off, get 489 Bad Event (RFC 6665 §8.2.1).
   */
  handleIncomingSubscription(subscription: IncomingSubscription): void {
    const presence = this.#active?.presence;
    if (presence === undefined) subscription.reject(489, 'Bad Event');
    else presence.take(subscription);
  }

  /**
   * Sends a MESSAGE (RFC 3428) straight to a neighbour or contact URI. Resolves with
   * the final answer; throws {@link BonjourError} `state` when the account is not active.
   */
  async sendMessage(target: BonjourTarget, contentType: string, body: Buffer | string, options: { timeout?: number } = {}): Promise<MessageOutcome> {
    const active = this.#need();
    const uri = targetURI(target);
    const message = new Message(active.engine, {
      fromHeader: this.#fromHeader(active.engine, uri),
      toHeader: `<${uri.toString()}>`,
      requestUri: uri,
      contentType,
      body,
      routes: [directRoute(uri)],
    });
    let outcome: MessageOutcome = { succeeded: false, code: 0, reason: 'not sent' };
    const removers = [
      message.on('SIPMessageDidSucceed', ({ data }) => (outcome = { succeeded: true, code: data.code, reason: data.reason })),
      message.on('SIPMessageDidFail', ({ data }) => (outcome = { succeeded: false, code: data.code, reason: data.reason })),
    ];
    try {
      await message.send(options.timeout);
    } finally {
      for (const remove of removers) remove();
    }
    return outcome;
  }

  /**
   * Subscribes to the presence of a neighbour (RFC 3856, peer to peer); its NOTIFYs are
   * posted as `SIPAccountGotPresenceState`. Throws {@link BonjourError} `state` when
   * the account is not active.
   */
  async subscribeToPresence(target: BonjourTarget, options: { refresh?: number } = {}): Promise<AccountSubscription> {
    const active = this.#need();
    const uri = targetURI(target);
    const transport = contactTransport(uri);
    const contact = this.#contactFor(active.engine, isBonjourTransport(transport) ? transport : 'udp');
    const subscription = new Subscription(active.engine, {
      fromHeader: this.#fromHeader(active.engine, uri),
      toHeader: `<${uri.toString()}>`,
      requestUri: uri,
      contactHeader: `<${contact.toString()}>`,
      event: presencePackage.event,
      accept: presencePackage.accept,
      routes: [directRoute(uri)],
      ...(options.refresh === undefined ? {} : { refresh: options.refresh }),
    });
    const wrapped: AccountSubscription = new AccountSubscription(this, subscription, presencePackage, uri.toString(), () => active.subscriptions.delete(wrapped));
    active.subscriptions.add(wrapped);
    await subscription.subscribe();
    return wrapped;
  }

  /** A NOTIFY body that could not be parsed is logged on the Engine (it was answered 200). */
  reportBadBody(subscription: AccountSubscription, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#active?.engine.log('warning', `bad ${subscription.event} NOTIFY body from ${subscription.uri}: ${message}`);
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #need(): Active {
    if (this.#active === undefined) throw new BonjourError('state', 'the Bonjour account is not active');
    return this.#active;
  }

  /** Activates or deactivates as `enabled` and the Engine say. */
  async #sync(): Promise<void> {
    const engine = this.#runtime?.engine;
    const wanted = this.enabled && engine !== undefined && engine.isRunning;
    if (wanted && this.#active === undefined) await this.#activate(engine);
    else if (!wanted && this.#active !== undefined) await this.#deactivate();
  }

  /** The transports to advertise: the account's list (or the global one) that the Engine listens on. */
  #transports(engine: Engine): BonjourTransport[] {
    const preferred = this.sip.transportList ?? this.#runtime?.settings.sip.transportList ?? BONJOUR_TRANSPORTS;
    const running = new Set<string>(engine.settings.transports);
    const unlistened = new Set<string>(engine.settings.unlistened);
    const transports = preferred.filter((transport): transport is BonjourTransport => isBonjourTransport(transport) && running.has(transport) && !unlistened.has(transport));
    return BONJOUR_TRANSPORTS.filter((transport) => transports.includes(transport));
  }

  /** The contact of a transport; on a wildcard listener, the address of the mDNS interface when one is set. */
  #contactFor(engine: Engine, transport: BonjourTransport): SIPURI {
    const contact = this.contact.get(transport);
    const chosen = this.#options.mdns?.interface;
    if (chosen !== undefined && isUnspecifiedAddress(engine.localEndpoint(transport).host)) contact.host = interfaceAddress(chosen);
    return contact;
  }

  #fromHeader(engine: Engine, target: SIPURI): string {
    const transport = contactTransport(target);
    const contact = this.#contactFor(engine, isBonjourTransport(transport) ? transport : 'udp');
    const from = new SIPURI({ user: contact.user, host: contact.host });
    const name = this.displayName;
    return name === null ? `<${from.toString()}>` : `${JSON.stringify(name)} <${from.toString()}>`;
  }

  #presenceDocument(engine: Engine): string {
    const contact = this.#contactFor(engine, this.#transports(engine)[0] ?? 'udp');
    const entity = new SIPURI({ user: contact.user, host: contact.host });
    return presenceDocument(entity.toString(), contact.toString(), `t${this.instanceId.replace(/-/g, '')}`, this.#presenceState).toXML();
  }

  /** The instance of a transport with the current data; under the name it was advertised with, if it was. */
  #service(engine: Engine, transport: BonjourTransport): AdvertisedService {
    const contact = this.#contactFor(engine, transport);
    const state = this.presence.enabled ? this.#presenceState : undefined;
    const advertised = this.#active?.registered.get(transport)?.description;
    return {
      description: advertised ?? new BonjourServiceDescription(instanceNameOf(this.contact.username, transport), serviceTypeOf(transport), MDNS_DOMAIN),
      port: contact.port ?? 5060,
      txt: buildTXTRecord({
        contact: contact.toString(),
        displayName: this.displayName ?? undefined,
        instanceId: this.instanceId,
        state: state?.state,
        note: state?.note,
      }),
    };
  }

  async #activate(engine: Engine): Promise<void> {
    this.post('SIPAccountWillActivate', {});
    const transports = this.#transports(engine);
    let socket: MDNSSocket | undefined;
    let socketError: string | undefined;
    try {
      socket = await (this.#options.socketFactory?.() ?? openMDNSSocket(this.#options.mdns));
    } catch (error) {
      socketError = error instanceof Error ? error.message : String(error);
    }
    const hostAddresses = [...new Set(transports.map((transport) => this.#contactFor(engine, transport).host.replace(/^\[|\]$/g, '')))];
    const active: Active = {
      engine,
      socket,
      advertiser:
        socket === undefined
          ? undefined
          : new MDNSAdvertiser(socket, {
              host: { name: `${this.#hostLabel}.${MDNS_DOMAIN}`, addresses: hostAddresses },
              port: this.#options.mdns?.port ?? MDNS_PORT,
              ...(this.#options.probeInterval === undefined ? {} : { probeInterval: this.#options.probeInterval }),
              onRename: (previous, current) => {
                for (const [transport, service] of this.#active?.registered ?? []) {
                  if (service.description.equals(previous.description)) this.#active!.registered.set(transport, current);
                }
                engine.log('info', `Bonjour: ${previous.description.fullName} is taken on the link; advertised as ${current.description.fullName}`);
              },
            }),
      discovery:
        socket === undefined
          ? undefined
          : new BonjourDiscovery(
              socket,
              { instanceId: this.instanceId, queryInterval: this.#options.queryInterval },
              {
                found: (neighbour, isNew) => this.#neighbourFound(neighbour, isNew),
                lost: (serviceDescription) => this.post('BonjourAccountDidRemoveNeighbour', { serviceDescription }),
                failure: (error, transport) => this.post('BonjourAccountDiscoveryFailure', { error, transport }),
              },
            ),
      registered: new Map(),
      presence: this.presence.enabled ? new PeerPresenceServer(engine, () => this.contact.username, () => this.#presenceDocument(engine)) : undefined,
      subscriptions: new Set(),
      removers: [],
    };
    this.#active = active;
    active.removers.push(
      serveMessages(
        engine,
        () => this.contact.username,
        (request, contentType) =>
          this.post('SIPAccountGotMessage', { sender: request.from, toHeader: request.to, contentType, body: request.body, request }),
      ),
    );
    try {
      active.presence?.start();
    } catch (error) {
      // Under the account manager, which serves the package and routes SUBSCRIBEs here.
      engine.log('info', `Bonjour presence SUBSCRIBEs come through handleIncomingSubscription: ${(error as Error).message}`);
    }
    active.advertiser?.start();
    // Every transport probes at once (RFC 6762 §8.1 takes 750 ms); the outcomes are posted in transport order.
    const outcomes = transports.map((transport) => {
      this.post('BonjourAccountWillRegister', { transport });
      const advertiser = active.advertiser;
      if (advertiser === undefined) return Promise.reject(new BonjourError('socket', socketError ?? 'no mDNS socket'));
      return Promise.resolve().then(() => advertiser.publish(this.#service(engine, transport)));
    });
    for (const [index, outcome] of (await Promise.allSettled(outcomes)).entries()) {
      const transport = transports[index]!;
      if (outcome.status === 'fulfilled') {
        active.registered.set(transport, outcome.value);
        this.post('BonjourAccountRegistrationDidSucceed', { name: this.#contactFor(engine, transport).toString(), transport });
      } else {
        const error: unknown = outcome.reason;
        this.post('BonjourAccountRegistrationDidFail', { reason: error instanceof Error ? error.message : String(error), transport });
      }
    }
    for (const transport of transports) {
      this.post('BonjourAccountWillInitateDiscovery', { transport });
      try {
        if (active.discovery === undefined) throw new BonjourError('socket', socketError ?? 'no mDNS socket');
        await active.discovery.start(transport);
      } catch (error) {
        this.post('BonjourAccountDiscoveryDidFail', { reason: error instanceof Error ? error.message : String(error), transport });
      }
    }
    this.post('SIPAccountDidActivate', {});
  }

  #neighbourFound(neighbour: BonjourNeighbour, isNew: boolean): void {
    const data = {
      serviceDescription: neighbour.serviceDescription,
      displayName: neighbour.displayName,
      host: neighbour.host,
      uri: neighbour.uri,
      transport: neighbour.transport,
      presence: neighbour.presence,
    };
    this.post(isNew ? 'BonjourAccountDidAddNeighbour' : 'BonjourAccountDidUpdateNeighbour', data);
  }

  /** Advertises new TXT data (name, presence) on every registered transport and notifies the watchers. */
  async #republish(): Promise<void> {
    const active = this.#active;
    if (active === undefined || active.advertiser === undefined) return;
    for (const transport of active.registered.keys()) {
      try {
        active.registered.set(transport, await active.advertiser.publish(this.#service(active.engine, transport)));
      } catch (error) {
        this.post('BonjourAccountRegistrationUpdateDidFail', { reason: error instanceof Error ? error.message : String(error), transport });
      }
    }
    active.presence?.publish();
  }

  async #deactivate(): Promise<void> {
    const active = this.#active;
    if (active === undefined) return;
    this.post('SIPAccountWillDeactivate', {});
    const timeout = this.#runtime?.shutdownTimeout ?? 5;
    await Promise.all([...active.subscriptions].map((subscription) => subscription.end(timeout).catch(() => undefined)));
    active.presence?.stop();
    for (const remove of active.removers.splice(0)) remove();
    for (const neighbour of active.discovery?.stop() ?? []) {
      this.post('BonjourAccountDidRemoveNeighbour', { serviceDescription: neighbour.serviceDescription });
    }
    await active.advertiser?.stop();
    for (const transport of active.registered.keys()) this.post('BonjourAccountRegistrationDidEnd', { transport });
    if (active.socket !== undefined) await closeMDNSSocket(active.socket);
    this.#active = undefined;
    this.post('SIPAccountDidDeactivate', {});
  }
}
