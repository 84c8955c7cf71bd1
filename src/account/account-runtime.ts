/** What accounts run on, given to them by the {@link AccountManager} (and it by `SIPApplication`). */
import type { SIPSimpleSettings } from '../configuration/index.js';
import type { Engine, RetryPolicy, Scheduler } from '../core/index.js';
import type { DNSLookup } from '../lookup/index.js';
import type { XCAPStorageFactory } from '../storage/index.js';

/** The Engine, DNS and timing an account uses while it is active. */
export interface AccountRuntime {
  /** The SIP stack; an account is active only while it runs (§24 states). */
  readonly engine: Engine;
  /** RFC 3263 location of registrars and proxies. */
  readonly dnsLookup: DNSLookup;
  /** The global settings (the transport list accounts fall back to). */
  readonly settings: SIPSimpleSettings;
  /** Back-off after registration failures (RFC 5626 §4.5 by default: 30 s base, 1800 s cap). */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** The clock of retries and refreshes; the global timers by default. */
  readonly scheduler?: Scheduler;
  /** Jitter source in [0, 1); `Math.random` by default. */
  readonly random?: () => number;
  /**
   * The application's XCAP storage per account (`storage.xcapStorageFactory`, middleware
   * spec §2 and §43): where each account's XCAP manager keeps its journal and cache.
   * Without it the managers keep them in memory (lost at exit).
   */
  readonly xcapStorageFactory?: XCAPStorageFactory;
  /** Seconds `stop()` waits for each account to unregister and unsubscribe. Default 5. */
  readonly shutdownTimeout?: number;
}
