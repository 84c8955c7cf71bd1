/**
 * When the primitives refresh what they established, and how long they wait before
 * trying again after a failure. Registrations, publications and subscriptions
 * (RFC 6665 §4.1.2.2 leaves the margin to the subscriber) share these rules.
 *
 * Refresh: at `max(0.9 × expires, expires − 30 s)` after the 2xx, i.e. 10% of the
 * interval ahead of expiry for intervals up to 300 s and 30 s ahead for longer ones: early
 * enough for a refresh over UDP to be retransmitted several times, late enough not to
 * double the load on the server.
 *
 * Retry after failure (RFC 5626 §4.5): `min(max, base × 2^failures)` seconds, scaled
 * by a random factor between 0.5 and 1 so that many clients that failed together do
 * not come back together; a Retry-After of the server (RFC 3261 §20.33) is a floor.
 */

/** Seconds after a successful request at which to refresh what expires in `expires` seconds. */
export function refreshDelay(expires: number, margin = 30): number {
  return Math.max(expires * 0.9, expires - margin);
}

/** Settings of {@link retryDelay}. */
export interface RetryPolicy {
  /** Seconds of the first wait (before jitter). RFC 5626 §4.5 base-time: 30. */
  baseTime: number;
  /** Upper bound in seconds. RFC 5626 §4.5 max-time: 1800. */
  maxTime: number;
}

/** RFC 5626 §4.5 defaults. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseTime: 30, maxTime: 1800 };

/**
 * Seconds to wait before the next try after `failures` consecutive failures (1 for the
 * first): RFC 5626 §4.5 with jitter; `retryAfter` (seconds from the server) is a floor.
 * `random` returns a number in [0, 1).
 */
export function retryDelay(
  failures: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  retryAfter = 0,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.maxTime, policy.baseTime * 2 ** exponent);
  const wait = ceiling * (0.5 + 0.5 * random());
  return Math.max(wait, retryAfter);
}
