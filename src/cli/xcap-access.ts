/**
 * The XCAP client (RFC 4825) of a SIP account, as the CLI uses it: the root from the
 * account's `xcap.xcapRoot` setting, else discovered with a DNS TXT query for
 * `xcap.<domain>`; the account's SIP credentials; the account's address as XUI.
 */
import type { Account } from '../account/index.js';
import type { DNSLookup } from '../lookup/index.js';
import { discoverXCAPRoot, XCAPClient } from '../xcap/index.js';

/** Milliseconds one XCAP request may take. */
const XCAP_TIMEOUT = 15_000;

/** A client for `account`'s documents; close it when done. */
export async function xcapClientOf(account: Account, lookup: DNSLookup, userAgent: string): Promise<XCAPClient> {
  const root = await discoverXCAPRoot({ xcapRoot: account.formatSetting('xcap.xcapRoot'), domain: account.id.domain, lookup });
  return new XCAPClient({
    root,
    xui: account.uri.toString(),
    credentials: account.credentials,
    verifyCertificate: account.tls.verifyServer,
    timeout: XCAP_TIMEOUT,
    userAgent,
  });
}
