/** The notifications of {@link Message} and of incoming MESSAGE requests (python-sipsimple's names), added to the notification map. */
import type { NameAddress, SIPRequest, SIPResponse } from '../message/index.js';
import type { URI } from '../uri/index.js';
import type { FailureData } from './response-summary.js';

/** Data of `SIPEngineGotMessage`: one MESSAGE received outside a dialog and answered 200 (RFC 3428 §7). */
export interface IncomingMessageData {
  timestamp: Date;
  requestUri: URI;
  /** The sender (From). */
  fromHeader: NameAddress;
  toHeader: NameAddress;
  /** `type/subtype` with parameters, as received. */
  contentType: string;
  body: Buffer;
  /** The request, for any other header field. */
  request: SIPRequest;
}

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A {@link Message} got a 2xx (RFC 3428 §4: 200 or 202). */
    SIPMessageDidSucceed: { timestamp: Date; code: number; reason: string; response: SIPResponse };
    /** A {@link Message} got a final non-2xx, or no final response. */
    SIPMessageDidFail: { timestamp: Date } & FailureData;
    /** A MESSAGE arrived and was accepted; posted with the Engine as sender. */
    SIPEngineGotMessage: IncomingMessageData;
  }
}
