import { NotificationCenter } from './notification-center.js';
import type { NotificationData, NotificationName } from './notification-map.js';
import type { Notification, NotificationHandler } from './notification.js';

/**
 * Base for objects that post notifications. `on()` is a view over the
 * notification center filtered by this sender: one mechanism, two ways to look.
 */
export class NotificationSender {
  constructor(readonly notificationCenter: NotificationCenter = NotificationCenter.default) {}

  /** Observes notification `name` from this object; returns a function that stops observing. */
  on<N extends NotificationName>(name: N, handler: NotificationHandler<N>): () => void {
    return this.notificationCenter.addObserver(handler, { name, sender: this });
  }

  /** Resolves with the next notification `name` from this object. */
  once<N extends NotificationName>(
    name: N,
    options: { signal?: AbortSignal; timeout?: number } = {},
  ): Promise<Notification<N>> {
    return this.notificationCenter.waitFor({ name, sender: this }, options);
  }

  /** Posts notification `name` with this object as sender. */
  protected post<N extends NotificationName>(name: N, data?: Omit<NotificationData<N>, 'timestamp'>): Notification<N> {
    return this.notificationCenter.postNotification(name, this, data);
  }
}
