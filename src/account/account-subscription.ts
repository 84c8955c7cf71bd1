/**
 * One subscription of an account (RFC 6665) to an event package: a core
 * {@link Subscription} whose NOTIFYs are parsed by the package's reader and posted as
 * account notifications (`SIPAccountGotPresenceState`, `SIPAccountMWIDidGetSummary`...),
 * with the account as sender. Its failure and end are posted as
 * `SIPAccountSubscriptionDidFail` and `SIPAccountSubscriptionDidEnd`.
 */
import type { Subscription, SubscriptionNotifyData } from '../core/index.js';
import type { NotificationCenter } from '../notification/index.js';
import type { NotifyReader, SubscriptionPackage } from './subscription-packages.js';

/** The account side of an {@link AccountSubscription}: who posts, and how a bad body is reported. */
export interface SubscriptionOwner {
  readonly notificationCenter: NotificationCenter;
  /** Logs a NOTIFY body that could not be parsed (it was answered 200 all the same). */
  reportBadBody(subscription: AccountSubscription, error: unknown): void;
}

/** A subscription of an account; see the module comment. */
export class AccountSubscription {
  /** The URI subscribed to (a contact, the account itself, an RLS list). */
  readonly uri: string;
  /** The package and how its bodies are read. */
  readonly package: SubscriptionPackage;
  /** The core subscription, for its state, dialogs and expiry. */
  readonly subscription: Subscription;
  readonly #owner: SubscriptionOwner;
  readonly #read: NotifyReader;
  readonly #removers: Array<() => void>;
  #onEnd: (() => void) | undefined;

  constructor(owner: SubscriptionOwner, subscription: Subscription, pkg: SubscriptionPackage, uri: string, onEnd?: () => void) {
    this.#owner = owner;
    this.subscription = subscription;
    this.package = pkg;
    this.uri = uri;
    this.#onEnd = onEnd;
    this.#read = pkg.createReader();
    const center = owner.notificationCenter;
    this.#removers = [
      subscription.on('SIPSubscriptionGotNotify', (notification) => this.#notified(notification.data)),
      subscription.on('SIPSubscriptionDidFail', (notification) => {
        center.postNotification('SIPAccountSubscriptionDidFail', owner, { subscription: this, code: notification.data.code, reason: notification.data.reason });
        this.#close();
      }),
      subscription.on('SIPSubscriptionDidEnd', (notification) => {
        const { originator, reason } = notification.data;
        center.postNotification('SIPAccountSubscriptionDidEnd', owner, { subscription: this, originator, ...(reason === undefined ? {} : { reason }) });
        this.#close();
      }),
    ];
  }

  /** The state of the core subscription (`pending`, `active`, `terminated`...). */
  get state(): Subscription['state'] {
    return this.subscription.state;
  }

  /** The event package (`presence`, `presence.winfo`, `message-summary`, `dialog`). */
  get event(): string {
    return this.package.event;
  }

  /** Unsubscribes; resolves once terminated (bounded by `timeout` seconds, default 5). */
  async end(timeout = 5): Promise<void> {
    await this.subscription.end({ timeout });
    this.#close();
  }

  #notified(data: SubscriptionNotifyData): void {
    try {
      this.#read(this, data, this.#owner);
    } catch (error) {
      this.#owner.reportBadBody(this, error);
    }
  }

  #close(): void {
    for (const remove of this.#removers.splice(0)) remove();
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }
}
