/**
 * Where the XCAP root comes from (XCAP spec, `Account.xcap.xcap_root`): the
 * setting when it is set, otherwise a DNS TXT record at `xcap.<domain>`
 * (`xcap.example.org. IN TXT "https://xcap.example.org/xcap-root"`), looked up
 * with {@link DNSLookup.lookupXCAPServer}.
 */
import { DNSLookup, type LookupCallOptions } from '../lookup/index.js';
import { XCAPRootDiscoveryError } from './errors.js';
import { parseXCAPRoot } from './uri/xcap-root.js';

/** What {@link discoverXCAPRoot} needs. */
export interface XCAPRootDiscovery {
  /** The configured root; `undefined`, `null` or `''` means "look it up". */
  readonly xcapRoot?: string | null | undefined;
  /** The SIP account's domain (the host part of its address), e.g. `example.org`. */
  readonly domain: string;
  /** The DNS lookup to use; a new {@link DNSLookup} with the system's resolvers when left out. */
  readonly lookup?: DNSLookup;
  /** Timeout, lifetime and AbortSignal of the DNS query. */
  readonly dns?: LookupCallOptions;
}

/**
 * The XCAP root to use: the configured one (checked), else the first TXT
 * record of `xcap.<domain>` that is a valid XCAP root. Throws
 * {@link XCAPRootDiscoveryError} (with the DNS error as `cause`) when neither gives one.
 */
export async function discoverXCAPRoot(discovery: XCAPRootDiscovery): Promise<string> {
  if (discovery.xcapRoot) return parseXCAPRoot(discovery.xcapRoot).text;
  const lookup = discovery.lookup ?? new DNSLookup();
  let roots: string[];
  try {
    roots = await lookup.lookupXCAPServer(discovery.domain, discovery.dns ?? {});
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new XCAPRootDiscoveryError(`no XCAP root configured and none found in DNS for ${discovery.domain}: ${reason}`, undefined, {
      cause: error,
    });
  }
  for (const root of roots) {
    try {
      return parseXCAPRoot(root).text;
    } catch {
      // A TXT record with a query or credentials is not a usable root; try the next.
    }
  }
  throw new XCAPRootDiscoveryError(`TXT xcap.${discovery.domain}: no record is a usable XCAP root (${roots.join(', ')})`);
}
