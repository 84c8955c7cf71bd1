/**
 * The notifications of {@link Subscription} and {@link IncomingSubscription} (RFC 6665),
 * python-sipsimple's names with typed data, added to the notification map.
 */
import type { DialogId } from '../dialog/index.js';
import type { NameAddress, SIPRequest } from '../message/index.js';
import type { FailureData } from './response-summary.js';
import type { SubscriptionStateInfo } from './subscription-state.js';

/**
 * Life cycle of a {@link Subscription} (the subscriber, RFC 6665 §4.1): `null` before
 * `subscribe()`, `sent` while a SUBSCRIBE waits for its answer, `accepted` after a 2xx
 * and before the first NOTIFY, `pending` or `active` as the last NOTIFY said, `waiting`
 * between a lost subscription and the new SUBSCRIBE that replaces it (retry-after,
 * recovery back-off), and `terminated` at the end (no further NOTIFY is accepted).
 */
export type SubscriptionStateName = 'null' | 'sent' | 'accepted' | 'pending' | 'active' | 'waiting' | 'terminated';

/** Life cycle of an {@link IncomingSubscription} (the notifier, RFC 6665 §4.2): `incoming` until accepted or rejected. */
export type IncomingSubscriptionStateName = 'incoming' | 'pending' | 'active' | 'terminated';

/** Who ended a subscription. */
export type Originator = 'local' | 'remote';

/** Data of `SIPSubscriptionGotNotify`: one NOTIFY, its body untouched. */
export interface SubscriptionNotifyData {
  timestamp: Date;
  /** The NOTIFY itself, for any header the package needs. */
  request: SIPRequest;
  /** The dialog the NOTIFY came in: forked subscriptions have several (RFC 6665 §4.5.2). */
  dialogId: DialogId;
  /** The Event package (`presence`, `presence.winfo`, ...), without parameters. */
  event: string;
  /** The Event `id` parameter, if any. */
  eventId: string | undefined;
  fromHeader: NameAddress;
  toHeader: NameAddress;
  /** The Subscription-State header as data. */
  subscriptionState: SubscriptionStateInfo;
  /** The Content-Type as received (parameters such as `boundary` and `type` included), or undefined without a body. */
  contentType: string | undefined;
  /** The body exactly as received (multipart/related RLS bodies included, RFC 4662 §5). */
  body: Buffer;
}

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A {@link Subscription} moved from one state to another. */
    SIPSubscriptionChangedState: { timestamp: Date; prevState: SubscriptionStateName; state: SubscriptionStateName };
    /** A NOTIFY arrived for a {@link Subscription} and was answered 200. */
    SIPSubscriptionGotNotify: SubscriptionNotifyData;
    /**
     * A {@link Subscription} failed and ended: a final non-2xx to a SUBSCRIBE that could not be
     * recovered, or no answer at all (`code` 408 after a timeout, else 0; `kind` says which).
     */
    SIPSubscriptionDidFail: FailureData & {
      timestamp: Date;
      /** Min-Expires of a 423 that could not be honoured. */
      minExpires?: number;
      /** Retry-After of the failure response, seconds. */
      retryAfter?: number;
    };
    /** A {@link Subscription} ended: unsubscribed (`local`) or terminated by the notifier (`remote`) with `reason`. */
    SIPSubscriptionDidEnd: { timestamp: Date; originator: Originator; reason?: string };

    /**
     * A new SUBSCRIBE arrived for an event package this application serves; the sender is
     * the new {@link IncomingSubscription}, which must be accepted or rejected.
     */
    SIPIncomingSubscriptionGotSubscribe: {
      timestamp: Date;
      request: SIPRequest;
      event: string;
      fromHeader: NameAddress;
      toHeader: NameAddress;
      /** The Expires granted so far (the asked one, bounded by the package's limits). */
      expires: number;
      contentType: string | undefined;
      body: Buffer;
    };
    /** An {@link IncomingSubscription} moved from one state to another. */
    SIPIncomingSubscriptionChangedState: {
      timestamp: Date;
      prevState: IncomingSubscriptionStateName;
      state: IncomingSubscriptionStateName;
    };
    /** The subscriber refreshed (RFC 6665 §4.2.1.2); `expires` is the new period granted. */
    SIPIncomingSubscriptionGotRefreshingSubscribe: { timestamp: Date; request: SIPRequest; expires: number };
    /** The subscriber unsubscribed (Expires: 0); the final NOTIFY follows. */
    SIPIncomingSubscriptionGotUnsubscribe: { timestamp: Date; request: SIPRequest };
    /** A NOTIFY got a 2xx. */
    SIPIncomingSubscriptionNotifyDidSucceed: { timestamp: Date; code: number; reason: string };
    /** A NOTIFY got a non-2xx, or no answer (`code` 0); a 481 or no answer ends the subscription (RFC 6665 §4.2.2). */
    SIPIncomingSubscriptionNotifyDidFail: { timestamp: Date; code: number; reason: string };
    /** The final NOTIFY (terminated) finished, whatever its answer. */
    SIPIncomingSubscriptionNotifyDidEnd: { timestamp: Date };
    /** An {@link IncomingSubscription} ended. */
    SIPIncomingSubscriptionDidEnd: { timestamp: Date; originator: Originator; reason?: string };
  }
}
