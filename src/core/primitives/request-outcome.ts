/**
 * The outcome of one request of a primitive as plain data: the 2xx, or the failure
 * (a final non-2xx, an unanswerable challenge, a timeout, a transport error, no route).
 * Request and Message post it under their own notification names.
 */
import type { SIPResponse } from '../message/index.js';
import { RequestFailedError } from './errors.js';
import { sendRequest, type RequestStack, type SendRequestOptions, type SentRequest } from './request-sender.js';
import { errorFailure, responseFailure, type FailureData } from './response-summary.js';

/** A 2xx, or the failure data. */
export type RequestOutcome = { ok: true; sent: SentRequest; response: SIPResponse } | { ok: false; failure: FailureData };

/**
 * Sends through {@link sendRequest} and turns the result into a {@link RequestOutcome};
 * `timeout` (seconds) bounds the wait, after which the outcome is a 408 timeout.
 */
export async function requestOutcome(stack: RequestStack, options: SendRequestOptions, timeout?: number): Promise<RequestOutcome> {
  const timer = timeout === undefined ? undefined : AbortSignal.timeout(timeout * 1000);
  const signals = [options.signal, timer].filter((signal): signal is AbortSignal => signal !== undefined);
  const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);
  const outcome = await settle(sendRequest(stack, { ...options, ...(signal === undefined ? {} : { signal }) }));
  if (!outcome.ok && outcome.failure.kind === 'aborted' && timer?.aborted === true && options.signal?.aborted !== true) {
    return { ok: false, failure: { code: 408, reason: `no final response within ${timeout} s`, kind: 'timeout' } };
  }
  return outcome;
}

/**
 * Waits for a send already under way (a primitive's own `send`) and turns it into a
 * {@link RequestOutcome}: a non-2xx final response (RFC 3261 §8.1.3) or a
 * {@link RequestFailedError} is a failure; any other error is thrown on.
 */
export async function settle(sending: Promise<SentRequest>): Promise<RequestOutcome> {
  try {
    const sent = await sending;
    if (sent.response.status >= 300) return { ok: false, failure: responseFailure(sent.response, sent.authenticationFailure) };
    return { ok: true, sent, response: sent.response };
  } catch (error) {
    if (!(error instanceof RequestFailedError)) throw error;
    return { ok: false, failure: errorFailure(error) };
  }
}
