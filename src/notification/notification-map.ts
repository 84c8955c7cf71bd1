/**
 * The typed map from notification name to the data it carries.
 *
 * It starts empty: each layer adds its own notifications by module
 * augmentation, so this lowest layer never imports an upper one:
 *
 * ```ts
 * declare module '../notification/notification-map.js' {
 *   interface NotificationMap {
 *     SIPEngineDidStart: Record<string, never>;
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface NotificationMap {}

/** Every registered notification name; any string is accepted for names no layer declared. */
export type NotificationName = keyof NotificationMap | (string & {});

/** The data of notification `N`: what its layer declared, or a plain record for undeclared names. */
export type NotificationData<N extends NotificationName> = N extends keyof NotificationMap
  ? NotificationMap[N]
  : Record<string, unknown>;
