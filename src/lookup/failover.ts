import { SIPSimpleError } from '../errors.js';
import type { Route } from './route.js';

/** One failed try of {@link tryRoutes}. */
export interface RouteAttemptFailure {
  route: Route;
  error: unknown;
}

/** Every route failed with an error (none returned a result). */
export class RouteFailoverError extends SIPSimpleError {
  constructor(readonly failures: RouteAttemptFailure[]) {
    super(
      failures.length === 0
        ? 'no route to try'
        : `all ${failures.length} routes failed: ${failures
            .map((f) => `${f.route.toString()} (${f.error instanceof Error ? f.error.message : String(f.error)})`)
            .join('; ')}`,
    );
  }
}

/** How {@link tryRoutes} decides to move on. */
export interface TryRoutesOptions<T> {
  /**
   * Whether a result still calls for the next route, e.g. `(r) => r.status === 503`
   * (RFC 3263 §4.3). Results pass by default.
   */
  needsFailover?: (result: T, route: Route) => boolean;
  /**
   * Whether an error calls for the next route (a timeout or transport error,
   * RFC 3263 §4.3). Every error does by default; return `false` to stop at once
   * and reject with that error.
   */
  shouldFailover?: (error: unknown, route: Route) => boolean;
  /** Called before moving on from a failed route, e.g. to log it. */
  onFailover?: (route: Route, reason: { error?: unknown; result?: T }) => void;
  /** Stops trying; rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Tries `routes` in order (as {@link DNSLookup.lookupSIPProxy} returned them)
 * until `attempt` succeeds: RFC 3263 §4.3 failover. A route fails when
 * `attempt` rejects (timeout, transport error) or its result `needsFailover`
 * (a 503). Resolves with the first good result and its route. When every
 * route failed, resolves with the last result if the last try gave one (so
 * the caller sees the final 503), else rejects with {@link RouteFailoverError}.
 *
 * A 503 with Retry-After means that server should not be tried again for that
 * long (RFC 3261 §21.5.4): remembering that across requests is the caller's
 * job; filter such routes out of `routes` before calling.
 */
export async function tryRoutes<T>(
  routes: Iterable<Route>,
  attempt: (route: Route, index: number) => Promise<T>,
  options: TryRoutesOptions<T> = {},
): Promise<{ route: Route; result: T }> {
  const failures: RouteAttemptFailure[] = [];
  let last: { route: Route; result: T } | undefined;
  let index = 0;
  for (const route of routes) {
    options.signal?.throwIfAborted();
    try {
      const result = await attempt(route, index);
      if (!options.needsFailover?.(result, route)) return { route, result };
      last = { route, result };
      options.onFailover?.(route, { result });
    } catch (error) {
      if (options.shouldFailover && !options.shouldFailover(error, route)) throw error;
      last = undefined;
      failures.push({ route, error });
      options.onFailover?.(route, { error });
    }
    index++;
  }
  if (last) return last;
  throw new RouteFailoverError(failures);
}
