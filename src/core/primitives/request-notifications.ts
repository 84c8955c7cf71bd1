/** The notifications of {@link Request} (python-sipsimple's names), added to the notification map. */
import type { SIPResponse } from '../message/index.js';
import type { FailureData } from './response-summary.js';

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A {@link Request} got a 2xx; `expires` is the response's Expires (0 when absent). */
    SIPRequestDidSucceed: { timestamp: Date; code: number; reason: string; response: SIPResponse; expires: number };
    /** A {@link Request} got a final non-2xx, or no final response (timeout, transport, no route). */
    SIPRequestDidFail: { timestamp: Date } & FailureData;
    /** What a {@link Request} established expires in `expires` seconds. */
    SIPRequestWillExpire: { timestamp: Date; expires: number };
    /** A {@link Request} finished: after a failure, a success without expiry, its expiry, or `end()`. */
    SIPRequestDidEnd: { timestamp: Date };
  }
}
