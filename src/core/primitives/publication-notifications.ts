/** The notifications of {@link Publication} (python-sipsimple's names, typed data), added to the notification map. */
import type { Route } from '../../lookup/index.js';
import type { SIPResponse } from '../message/index.js';
import type { FailureData } from './response-summary.js';

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A PUBLISH (initial, refresh or modify) got a 2xx: `etag` is the entity tag to use next (RFC 3903 §4.1). */
    SIPPublicationDidSucceed: {
      timestamp: Date;
      code: number;
      reason: string;
      /** Seconds until the published state expires (the 2xx's Expires). */
      expires: number;
      etag: string;
      route: Route | undefined;
      response: SIPResponse;
    };
    /** A PUBLISH failed; `retryIn` tells whether and when the publication tries again. */
    SIPPublicationDidFail: { timestamp: Date } & FailureData & { minExpires?: number; retryAfter?: number; retryIn?: number };
    /** A refresh failed while the published state still holds: it expires in `expires` seconds unless a retry succeeds. */
    SIPPublicationWillExpire: { timestamp: Date; expires: number };
    /** The published state expired at the server without a successful refresh. */
    SIPPublicationDidExpire: { timestamp: Date };
    /** `end()` was called: the removal (Expires 0) is about to be sent. */
    SIPPublicationWillEnd: { timestamp: Date };
    /** The publication ended: removed (`expired` false), or it had already expired (`expired` true). */
    SIPPublicationDidEnd: { timestamp: Date; expired: boolean };
    /** The removal failed; the state remains until it expires. */
    SIPPublicationDidNotEnd: { timestamp: Date } & FailureData;
  }
}
