/** The notifications of the SIPApplication (middleware spec §1), added to the notification map; the sender is the application. */

declare module '../notification/notification-map.js' {
  interface NotificationMap {
    /** The configuration is loaded; the other components are about to start. */
    SIPApplicationWillStart: { timestamp: Date };
    /** Every component started (accounts may not have registered yet, but their registration has begun). */
    SIPApplicationDidStart: { timestamp: Date };
    /** `stop()` was called. */
    SIPApplicationWillEnd: { timestamp: Date };
    /** Every component stopped (each within a bound: an account that cannot unregister does not hold the application). */
    SIPApplicationDidEnd: { timestamp: Date };
    /** TLS could not start; the Engine runs without the TLS and WSS transports. `error` is why. */
    SIPApplicationFailedToStartTLS: { timestamp: Date; error: Error };
  }
}

export {};
