/**
 * Fixture of the Subscription tests: a subscriber Engine and a notifier Engine on
 * loopback UDP in one process, a notification recorder, and a scripted notifier that
 * answers SUBSCRIBEs and sends NOTIFYs exactly as each test says (before the 2xx,
 * forked, with any body).
 */
import { Engine } from '../../../src/core/engine/index.js';
import { Dialog } from '../../../src/core/dialog/index.js';
import { createResponse, type SIPRequest, type SIPResponse } from '../../../src/core/message/index.js';
import type { ServerTransaction } from '../../../src/core/transaction/index.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter, type Notification, type NotificationName } from '../../../src/notification/index.js';
import { Subscription, type SubscriptionOptions } from '../../../src/core/primitives/subscription.js';
import type { ManualScheduler } from '../transaction/manual-scheduler.js';

const settings = { ipv4Address: '127.0.0.1', transports: ['udp' as const], timers: { t1: 20, t2: 80, t4: 100 } };

/** Records notifications of a center and hands them out in order. */
export class Recorder {
  private readonly seen: Notification[] = [];
  private readonly taken = new Set<Notification>();
  private waiters: Array<() => void> = [];

  constructor(center: NotificationCenter) {
    center.addObserver((notification) => {
      this.seen.push(notification);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  /** Every notification `name` posted so far (taken or not). */
  all<N extends NotificationName>(name: N, sender?: unknown): Array<Notification<N>> {
    return this.seen.filter((n) => n.name === name && (sender === undefined || n.sender === sender)) as Array<Notification<N>>;
  }

  /** The first notification `name` (from `sender`, matching `predicate`) not taken yet; waits up to `timeoutMs`. */
  async next<N extends NotificationName>(
    name: N,
    options: { sender?: unknown; predicate?: (n: Notification<N>) => boolean; timeoutMs?: number } = {},
  ): Promise<Notification<N>> {
    const deadline = Date.now() + (options.timeoutMs ?? 4000);
    for (;;) {
      const found = this.seen.find(
        (n) =>
          !this.taken.has(n) &&
          n.name === name &&
          (options.sender === undefined || n.sender === options.sender) &&
          (options.predicate === undefined || options.predicate(n as Notification<N>)),
      ) as Notification<N> | undefined;
      if (found !== undefined) {
        this.taken.add(found);
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${String(name)} notification arrived; seen: ${this.seen.map((n) => n.name).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** The subscriber and notifier engines. */
export interface EnginePair {
  subscriberCenter: NotificationCenter;
  notifierCenter: NotificationCenter;
  subscriber: Engine;
  notifier: Engine;
  /** The notifier's address as a route for the subscriber. */
  notifierRoute: Route;
  /** The subscriber's address as a route for the scripted notifier. */
  subscriberRoute: Route;
  /** The subscriber's Contact. */
  contact: string;
  /** `sip:alice@127.0.0.1:port`: the notifier's URI. */
  notifierUri: string;
  stop(): Promise<void>;
}

/** Starts both engines, each with its own notification center. */
export async function startEngines(): Promise<EnginePair> {
  const subscriberCenter = new NotificationCenter();
  const notifierCenter = new NotificationCenter();
  const subscriber = new Engine({ notificationCenter: subscriberCenter });
  const notifier = new Engine({ notificationCenter: notifierCenter });
  await subscriber.start(settings);
  await notifier.start(settings);
  const s = subscriber.localEndpoint('udp');
  const n = notifier.localEndpoint('udp');
  return {
    subscriberCenter,
    notifierCenter,
    subscriber,
    notifier,
    notifierRoute: new Route(n.host, n.port, 'udp'),
    subscriberRoute: new Route(s.host, s.port, 'udp'),
    contact: `<sip:bob@${s.host}:${s.port}>`,
    notifierUri: `sip:alice@${n.host}:${n.port}`,
    async stop() {
      await subscriber.stop();
      await notifier.stop();
    },
  };
}

/**
 * A Subscription (RFC 6665 §4.1) of bob on the subscriber engine to alice's presence at
 * the notifier engine, refreshing every 600 s on `clock`, with `options` over these
 * defaults; pushed on `created` for {@link endSubscriptions}.
 */
export function presenceSubscription(
  pair: EnginePair,
  clock: ManualScheduler,
  created: Subscription[],
  options: Partial<SubscriptionOptions> = {},
): Subscription {
  const subscription = new Subscription(pair.subscriber, {
    fromHeader: '<sip:bob@example.test>',
    toHeader: '<sip:alice@example.test>',
    requestUri: pair.notifierUri,
    contactHeader: pair.contact,
    event: 'presence',
    accept: ['application/pidf+xml'],
    routes: [pair.notifierRoute],
    refresh: 600,
    scheduler: clock,
    ...options,
  });
  created.push(subscription);
  return subscription;
}

/** Ends each of `created` in turn, its unsubscribe bounded to 1 s and run out on `clock`. */
export async function endSubscriptions(created: readonly Subscription[], clock: ManualScheduler): Promise<void> {
  for (const subscription of created) {
    const ending = subscription.end({ timeout: 1 });
    clock.advance(1000);
    await ending;
  }
}

/** What the scripted notifier received: a SUBSCRIBE and its transaction. */
export interface ReceivedSubscribe {
  request: SIPRequest;
  transaction: ServerTransaction;
}

/**
 * A notifier whose every step is the test's: it records the SUBSCRIBEs the notifier engine
 * receives and hands them to `onSubscribe`; `answer` and `notify` act as a notifier would.
 */
export class ScriptedNotifier {
  readonly subscribes: SIPRequest[] = [];
  onSubscribe: (received: ReceivedSubscribe) => void = () => undefined;
  private readonly dialogs = new Map<string, Dialog>();
  private waiters: Array<() => void> = [];

  constructor(
    private readonly pair: EnginePair,
    readonly contact = `<${pair.notifierUri}>`,
  ) {
    pair.notifier.addRequestHandler('SUBSCRIBE', (request, transaction) => {
      this.subscribes.push(request);
      for (const waiter of this.waiters.splice(0)) waiter();
      this.onSubscribe({ request, transaction });
      return true;
    });
  }

  /** Waits until `count` SUBSCRIBEs arrived in all; returns the last of them. */
  async waitForSubscribes(count: number, timeoutMs = 4000): Promise<SIPRequest> {
    const deadline = Date.now() + timeoutMs;
    while (this.subscribes.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.subscribes.length} of ${count} SUBSCRIBEs arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.subscribes[count - 1]!;
  }

  /** The notifier's dialog for `subscribe` with To tag `tag` (RFC 3261 §12.1.1), made on first use. */
  dialog(subscribe: SIPRequest, tag = 'n1'): Dialog {
    const key = `${subscribe.callId}/${tag}`;
    let dialog = this.dialogs.get(key);
    if (dialog === undefined) {
      dialog = Dialog.createUAS(subscribe, tag, { localContact: this.contact });
      dialog.confirm();
      this.dialogs.set(key, dialog);
    }
    return dialog;
  }

  /** Answers a SUBSCRIBE with `status` (To tag `tag`, Contact, and `headers`). */
  answer(received: ReceivedSubscribe, status: number, headers: Array<[string, string]> = [], tag = 'n1'): SIPResponse {
    const response = createResponse(received.request, status, undefined, { toTag: tag });
    if (status < 300) response.setHeader('Contact', this.contact);
    for (const [name, value] of headers) response.addHeader(name, value);
    this.pair.notifier.sendResponse(received.transaction, response);
    return response;
  }

  /** Sends a NOTIFY in the dialog of `subscribe` and tag `tag`; resolves with the subscriber's answer. */
  notify(
    subscribe: SIPRequest,
    state: string,
    options: { tag?: string; contentType?: string; body?: Buffer | string; event?: string } = {},
  ): Promise<SIPResponse> {
    const dialog = this.dialog(subscribe, options.tag);
    const request = dialog.createRequest('NOTIFY', {
      headers: [
        ['Event', options.event ?? subscribe.getHeader('Event') ?? 'presence'],
        ['Subscription-State', state],
      ],
      ...(options.body === undefined ? {} : { body: options.body, contentType: options.contentType ?? 'application/pidf+xml' }),
    });
    return this.pair.notifier.sendRequest(request, { routes: [this.pair.subscriberRoute] });
  }
}
