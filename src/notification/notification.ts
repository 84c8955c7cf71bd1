import type { NotificationData, NotificationName } from './notification-map.js';

/** One posted notification: who sent it, its name, and its data with the time it was posted. */
export interface Notification<N extends NotificationName = NotificationName> {
  readonly name: N;
  readonly sender: unknown;
  readonly data: NotificationData<N> & { readonly timestamp: Date };
}

/** A function observer. */
export type NotificationHandler<N extends NotificationName = NotificationName> = (
  notification: Notification<N>,
) => void;

/** An object observer, as in python-sipsimple: one method receives every notification it observes. */
export interface NotificationObserver {
  handleNotification(notification: Notification): void;
}
