/** The notifications of {@link Registration} (python-sipsimple's names, typed data), added to the notification map. */
import type { Route } from '../../lookup/index.js';
import type { Contact, SIPResponse } from '../message/index.js';
import type { FailureData } from './response-summary.js';

/** One of our contacts as the registrar granted it (RFC 3261 §10.2.4). */
export interface GrantedContact {
  /** Our Contact header value as sent. */
  contact: string;
  /** Seconds the registrar keeps it. */
  expires: number;
}

/** Data of `SIPRegistrationDidSucceed`. */
export interface RegistrationSuccessData {
  timestamp: Date;
  code: number;
  reason: string;
  /** Our first contact as granted (python-sipsimple's `contact_header`). */
  contactHeader: string;
  /** Every binding of the address of record listed in the 2xx, ours and others' (`contact_header_list`). */
  contactHeaderList: Contact[];
  /** Each of our contacts that the registrar granted, with its own expiry. */
  granted: GrantedContact[];
  /** Seconds until the registration expires (the shortest granted expiry). */
  expires: number;
  /** Service-Route of the 2xx (RFC 3608): the Route set for requests of this registration. */
  serviceRoute: string[];
  /** Path of the 2xx (RFC 3327). */
  path: string[];
  /** The route (address, port, transport) that answered. */
  route: Route | undefined;
  response: SIPResponse;
}

/** Data of `SIPRegistrationDidFail`. */
export type RegistrationFailureData = { timestamp: Date } & FailureData & {
  /** Min-Expires of a 423 that could not be honoured. */
  minExpires?: number;
  /** Retry-After of the response, seconds. */
  retryAfter?: number;
  /** Seconds until the next try, or undefined when the registration does not retry (401/403/404, end()). */
  retryIn?: number;
  route?: Route;
};

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A REGISTER (the first or a refresh) got a 2xx: the contacts are bound. */
    SIPRegistrationDidSucceed: RegistrationSuccessData;
    /** A REGISTER failed; `retryIn` tells whether and when the registration tries again. */
    SIPRegistrationDidFail: RegistrationFailureData;
    /** A refresh failed while the binding still holds: it ends in `expires` seconds unless a retry succeeds. */
    SIPRegistrationWillExpire: { timestamp: Date; expires: number };
    /** `end()` was called: the un-REGISTER (Expires 0) is about to be sent. */
    SIPRegistrationWillEnd: { timestamp: Date };
    /** The registration ended: unregistered (`expired` false), or the binding expired (`expired` true). */
    SIPRegistrationDidEnd: { timestamp: Date; expired: boolean };
    /** The un-REGISTER failed; the binding may remain until it expires. */
    SIPRegistrationDidNotEnd: { timestamp: Date } & FailureData;
  }
}
