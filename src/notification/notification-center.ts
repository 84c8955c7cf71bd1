import type { NotificationData, NotificationName } from './notification-map.js';
import type { Notification, NotificationHandler, NotificationObserver } from './notification.js';

/** What an observer wants to see: a name, a sender, both, or (neither) everything. */
export interface ObserverFilter<N extends NotificationName = NotificationName> {
  name?: N;
  sender?: unknown;
}

type AnyObserver = NotificationHandler<any> | NotificationObserver;

interface Registration {
  observer: AnyObserver;
  name: NotificationName | undefined;
  sender: unknown;
}

/** Reports an exception thrown by an observer; the default writes it to stderr. */
export type ObserverErrorHandler = (error: unknown, notification: Notification) => void;

/**
 * Delivers notifications to observers registered by name and/or sender.
 *
 * Delivery is synchronous and in registration order, as in python-sipsimple, so
 * an observer sees the state of the sender at the time of posting. An observer
 * that throws does not stop delivery to the others; its error goes to
 * `onObserverError`.
 */
export class NotificationCenter {
  /** The process-wide center that every object uses unless given another. */
  static readonly default = new NotificationCenter();

  onObserverError: ObserverErrorHandler = (error, notification) => {
    console.error(`sipsimple: observer of ${String(notification.name)} threw:`, error);
  };

  // Registrations are indexed by name so that posting does not scan every observer;
  // the `undefined` key holds observers of all names.
  private readonly byName = new Map<NotificationName | undefined, Registration[]>();

  /**
   * Registers an observer; returns a function that removes it. The same observer
   * may be registered under several filters.
   */
  addObserver<N extends NotificationName>(
    observer: NotificationHandler<N> | NotificationObserver,
    filter: ObserverFilter<N> = {},
  ): () => void {
    const registration: Registration = { observer, name: filter.name, sender: filter.sender };
    const list = this.byName.get(filter.name);
    if (list) list.push(registration);
    else this.byName.set(filter.name, [registration]);
    return () => this.removeRegistration(registration);
  }

  /** Removes an observer registered with exactly this filter. */
  removeObserver(observer: AnyObserver, filter: ObserverFilter = {}): void {
    const list = this.byName.get(filter.name);
    const registration = list?.find((r) => r.observer === observer && r.sender === filter.sender);
    if (registration) this.removeRegistration(registration);
  }

  /** Whether anyone observes `name` (from `sender`), so senders can skip building costly data. */
  hasObservers(name: NotificationName, sender?: unknown): boolean {
    const matches = (list: Registration[] | undefined) =>
      list?.some((r) => r.sender === undefined || r.sender === sender) ?? false;
    return matches(this.byName.get(name)) || matches(this.byName.get(undefined));
  }

  /** Posts a notification; `timestamp` is added to its data. */
  postNotification<N extends NotificationName>(
    name: N,
    sender: unknown,
    data?: Omit<NotificationData<N>, 'timestamp'>,
  ): Notification<N> {
    const notification = {
      name,
      sender,
      data: { ...(data as object), timestamp: new Date() },
    } as Notification<N>;
    // Copy the lists so that observers may add or remove observers while being notified.
    const named = this.byName.get(name);
    const all = this.byName.get(undefined);
    if (named) this.deliver(named.slice(), notification);
    if (all) this.deliver(all.slice(), notification);
    return notification;
  }

  /**
   * Resolves with the next notification that matches the filter. Rejects when
   * `signal` aborts or `timeout` milliseconds pass first.
   */
  waitFor<N extends NotificationName>(
    filter: ObserverFilter<N> & { name: N },
    options: { signal?: AbortSignal; timeout?: number; predicate?: (n: Notification<N>) => boolean } = {},
  ): Promise<Notification<N>> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        remove();
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const remove = this.addObserver<N>((notification) => {
        if (options.predicate && !options.predicate(notification)) return;
        cleanup();
        resolve(notification);
      }, filter);
      const onAbort = () => {
        cleanup();
        reject(options.signal?.reason ?? new Error(`aborted while waiting for ${String(filter.name)}`));
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort);
      if (options.timeout !== undefined) {
        timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${options.timeout} ms waiting for ${String(filter.name)}`));
        }, options.timeout);
      }
    });
  }

  private deliver(registrations: Registration[], notification: Notification): void {
    for (const registration of registrations) {
      if (registration.sender !== undefined && registration.sender !== notification.sender) continue;
      try {
        const observer = registration.observer;
        if (typeof observer === 'function') observer(notification);
        else observer.handleNotification(notification);
      } catch (error) {
        this.onObserverError(error, notification);
      }
    }
  }

  private removeRegistration(registration: Registration): void {
    const list = this.byName.get(registration.name);
    if (!list) return;
    const index = list.indexOf(registration);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.byName.delete(registration.name);
  }
}
