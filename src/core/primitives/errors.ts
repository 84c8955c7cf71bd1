/** Errors of the core primitives (Request, Message, Registration, Publication, Subscription). */
import { SIPSimpleError } from '../../errors.js';

/** Why a request got no final response. */
export type RequestFailureKind =
  /** Timer B/F fired on every route (RFC 3261 §17.1.1.2, §17.1.2.2; the UAC treats it as 408). */
  | 'timeout'
  /** The transport failed on every route (RFC 3261 §17.1.4). */
  | 'transport'
  /** No route: the next hop is not a SIP URI, or DNS found no server (RFC 3263 §4). */
  | 'no-route'
  /** The caller stopped it (an AbortSignal, or `end()`). */
  | 'aborted'
  /** The Engine is not running: nothing can be sent until it is started again. */
  | 'engine-stopped';

/** A request ended without a final response: {@link kind} says why, the message says where. */
export class RequestFailedError extends SIPSimpleError {
  constructor(
    readonly kind: RequestFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A primitive was used against its life cycle, or given unusable arguments. */
export class PrimitiveStateError extends SIPSimpleError {}
