/**
 * Accounts (middleware spec §23-24, `sipsimple.account`): the {@link AccountManager},
 * the SIP {@link Account} with registration (RFC 3261 §10, RFC 3263 failover),
 * message summary (RFC 3842) and presence (RFC 3856, 3857, 3903, 4662, 4235), and the
 * routing of requests addressed to accounts; each account's XCAP manager (§43,
 * account-xcap.ts). The Bonjour account (§25) lives in
 * `account/bonjour` and is managed through the {@link AccountLike} interface.
 */
import './notifications.js';

export { Account } from './account.js';
export { AccountManager, type AccountManagerOptions } from './account-manager.js';
export { AccountXCAP, type XCAPAccount, type AccountPoster } from './account-xcap.js';
export type { AccountLike } from './account-like.js';
export type { AccountRuntime } from './account-runtime.js';
export { AccountSubscription, type SubscriptionOwner } from './account-subscription.js';
export { ContactURIFactory, randomContactUsername } from './contact-uri-factory.js';
export { AccountError, UnknownAccountError } from './errors.js';
export { IncomingRequestRouter, DEFAULT_MESSAGE_ACCEPT, type AccountFinder, type RoutedAccount } from './incoming-requests.js';
export type { PresenceResource } from './notifications.js';
export { PresencePublisher } from './presence-publisher.js';
export { AccountRegistrar, type RegistrarAccount, type RegistrarOptions } from './registrar.js';
export {
  presencePackage,
  selfPresencePackage,
  rlsPackage,
  winfoPackage,
  dialogPackage,
  messageSummaryPackage,
  type SubscriptionPackage,
  type NotifyReader,
} from './subscription-packages.js';
export { usableTransports, locateRoutes, proxyLookupURI } from './account-routes.js';
