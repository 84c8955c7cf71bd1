/**
 * What a subscriber does with the Subscription-State of a NOTIFY (RFC 6665 §4.1.3,
 * §8.2.3): the state, its expiry, and for "terminated" whether and when to subscribe
 * again, decided by the reason code.
 */
import type { SubscriptionState } from '../message/index.js';

/** The subscription states a NOTIFY reports (RFC 6665 §8.2.3); extensions are kept as given, lower-cased. */
export type NotifiedState = 'active' | 'pending' | 'terminated' | (string & {});

/** A Subscription-State value as plain data. */
export interface SubscriptionStateInfo {
  state: NotifiedState;
  /** `expires` in seconds: how long the notifier keeps the subscription. */
  expires?: number;
  /** `reason`, lower-cased (terminated only). */
  reason?: string;
  /** `retry-after` in seconds. */
  retryAfter?: number;
}

/** Plain data from a parsed Subscription-State header. */
export function subscriptionStateInfo(header: SubscriptionState): SubscriptionStateInfo {
  const info: SubscriptionStateInfo = { state: header.state };
  if (header.expires !== undefined) info.expires = header.expires;
  if (header.reason !== undefined) info.reason = header.reason;
  if (header.retryAfter !== undefined) info.retryAfter = header.retryAfter;
  return info;
}

/** What to do after a "terminated" NOTIFY: give up, or start a new subscription after `delay` seconds. */
export type TerminationAction = { retry: false } | { retry: true; delay: number };

/**
 * The subscriber's reaction to `terminated` with `reason` (RFC 6665 §4.1.3):
 * - `deactivated` and `timeout`: subscribe again at once (after `retry-after` if given);
 * - `probation`: subscribe again after `retry-after`, or after `probationDelay` seconds when absent;
 * - `giveup`: subscribe again only when `retry-after` says when;
 * - `rejected`, `noresource`, `invariant`: never;
 * - no reason or an unknown one: only when `retry-after` is given (the RFC allows a retry
 *   "at any time"; waiting for the notifier's word avoids hammering it).
 */
export function terminationAction(info: Pick<SubscriptionStateInfo, 'reason' | 'retryAfter'>, probationDelay: number): TerminationAction {
  const after = info.retryAfter;
  switch (info.reason) {
    case 'deactivated':
    case 'timeout':
      return { retry: true, delay: after ?? 0 };
    case 'probation':
      return { retry: true, delay: after ?? probationDelay };
    case 'rejected':
    case 'noresource':
    case 'invariant':
      return { retry: false };
    default:
      return after === undefined ? { retry: false } : { retry: true, delay: after };
  }
}
