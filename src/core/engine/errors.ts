/** Errors of the SIP Engine (the stack's entry point). */
import { SIPSimpleError } from '../../errors.js';

/** What went wrong in the Engine. */
export type EngineErrorCode =
  /** `start()` on an engine that is running (or starting). */
  | 'already-started'
  /** An operation that needs a running engine, or `stop()` on a stopped one. */
  | 'not-started'
  /** The settings are not usable (a bad address, port, transport or TLS file). */
  | 'invalid-settings'
  /** No destination could be found for a request (no SIP URI to resolve, no usable transport). */
  | 'no-route'
  /** A request was given to the engine that did not arrive through it. */
  | 'unknown-request'
  /** The engine stopped while a request was pending. */
  | 'stopped'
  /** Every destination of a request timed out (Timer B/F, RFC 3261 §17.1) or failed at the transport. */
  | 'request-failed';

/** An Engine error: its {@link code} says which kind; the message says what and why. */
export class EngineError extends SIPSimpleError {
  constructor(readonly code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
