/** The notification system: one center, typed notification names, observers by name and sender. */
export { NotificationCenter } from './notification-center.js';
export type { ObserverFilter, ObserverErrorHandler } from './notification-center.js';
export { NotificationSender } from './notification-sender.js';
export type { Notification, NotificationHandler, NotificationObserver } from './notification.js';
export type { NotificationMap, NotificationName, NotificationData } from './notification-map.js';
