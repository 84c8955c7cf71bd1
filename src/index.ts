/** sipsimple: a SIP SIMPLE client SDK for Node.js. Subpaths export each layer in full. */
export * from './errors.js';
export * from './notification/index.js';
export * from './application/index.js';
export { Account, AccountManager, AccountError, UnknownAccountError, ContactURIFactory, AccountSubscription } from './account/index.js';
export type { AccountLike, AccountRuntime, PresenceResource } from './account/index.js';
