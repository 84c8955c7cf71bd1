/** The parts of a final response that the primitives' notifications carry. */
import type { SIPResponse } from '../message/index.js';
import type { RequestFailedError, RequestFailureKind } from './errors.js';
import { headerValue } from './header-value.js';

/** Why a request of a primitive failed. */
export type FailureKind =
  /** A final non-2xx response (`code` and `reason` are the response's). */
  | 'response'
  /** A 401/407 that could not be answered (wrong password, no credentials for the realm). */
  | 'authentication'
  | RequestFailureKind;

/** The outcome data of a failed request: a response, or no response at all. */
export interface FailureData {
  /** The status code; 408 after a timeout (RFC 3261 §8.1.3.1), 0 when nothing was received for another reason. */
  code: number;
  /** The reason phrase, or what went wrong. */
  reason: string;
  kind: FailureKind;
  /** The final response, when there was one. */
  response?: SIPResponse;
}

/** Failure data of a request that got `response` (a non-2xx). */
export function responseFailure(response: SIPResponse, authenticationFailure?: string): FailureData {
  if (authenticationFailure !== undefined) {
    return { code: response.status, reason: `${response.reason}: ${authenticationFailure}`, kind: 'authentication', response };
  }
  return { code: response.status, reason: response.reason, kind: 'response', response };
}

/** Failure data of a request that got no final response. */
export function errorFailure(error: RequestFailedError): FailureData {
  return { code: error.kind === 'timeout' ? 408 : 0, reason: error.message, kind: error.kind };
}

/** Failure data of a refreshing request (REGISTER, PUBLISH) with what the response asks for. */
export interface RefreshFailureData extends FailureData {
  /** The Min-Expires of a 423 (RFC 3261 §20.23). */
  minExpires?: number;
  /** The seconds of the response's Retry-After (RFC 3261 §20.33). */
  retryAfter?: number;
}

/** `failure` with the 423's `minExpires` and the Retry-After seconds of `response`, where there are any. */
export function refreshFailure(failure: FailureData, response?: SIPResponse, minExpires?: number): RefreshFailureData {
  const retryAfter = response === undefined ? undefined : headerValue(() => response.retryAfter?.seconds);
  return {
    ...failure,
    ...(minExpires === undefined ? {} : { minExpires }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
}
