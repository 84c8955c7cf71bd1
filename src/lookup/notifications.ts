/**
 * The notifications of the lookup layer (middleware spec §20 and §21), added
 * to the typed notification map.
 */
import type { DNSLookupError } from './errors.js';

/** Which {@link DNSLookup} method a query belongs to (the spec's `context`). */
export type DNSLookupContext = 'lookupSIPProxy' | 'lookupService' | 'lookupXCAPServer';

/** Data of `DNSLookupTrace`: one per DNS query (spec §21). */
export interface DNSLookupTraceData {
  /** `NAPTR`, `SRV`, `A`, `AAAA` or `TXT`. */
  queryType: string;
  queryName: string;
  /** The records returned, or `null` when the query failed. */
  answer: unknown[] | null;
  /** Why the query failed, or `null`. */
  error: DNSLookupError | null;
  context: DNSLookupContext;
  /** The service asked for; only when `context` is `lookupService`. */
  service?: string;
  /** The URI (as text) the lookup was for. */
  uri: string;
  /** The nameservers used; empty when the system's were used. */
  nameservers: string[];
}

declare module '../notification/notification-map.js' {
  interface NotificationMap {
    /** A {@link DNSLookup} method found a result; `result` has the method's result type. */
    DNSLookupDidSucceed: { timestamp: Date; result: unknown };
    /** A {@link DNSLookup} method failed; `error` says why. */
    DNSLookupDidFail: { timestamp: Date; error: string };
    /** One DNS query of a lookup finished. */
    DNSLookupTrace: DNSLookupTraceData & { timestamp: Date };
    /** The {@link DNSManager} set its nameservers for the first time. */
    DNSResolverDidInitialize: { timestamp: Date; nameservers: string[] };
    /** The {@link DNSManager} changed its nameservers after a probe. */
    DNSNameserversDidChange: { timestamp: Date; nameservers: string[] };
  }
}
