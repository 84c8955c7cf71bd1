/**
 * The notifications of the account layer (middleware spec §23 AccountManager, §24
 * Account), added to the typed notification map. The sender is the account (or the
 * manager for `SIPAccountManager...`). Names and data follow the spec in camelCase
 * (`contact_header` is `contactHeader`); presence, which the spec lists as "not
 * implemented yet", adds its own in the same style:
 *
 * - `SIPAccountGotPresenceState`: a NOTIFY of a presence subscription (a contact, or an
 *   RLS list with the PIDF of each resource).
 * - `SIPAccountGotSelfPresenceState`: the account's own presence, as the server composes it.
 * - `SIPAccountGotPresenceWinfo`: the watchers of the account's presence (RFC 3857).
 * - `SIPAccountGotDialogState`: a dialog-info NOTIFY (RFC 4235).
 * - `SIPAccountPresencePublicationDidSucceed` / `DidFail` / `DidEnd`: the account's PUBLISH.
 * - `SIPAccountSubscriptionDidFail` / `DidEnd`: one of the account's subscriptions.
 * - `SIPAccountGotMessage`, `SIPAccountGotNotify`, `SIPAccountGotIncomingSubscription`:
 *   requests addressed to the account.
 * - `SIPAccountDidDiscoverXCAPSupport` / `SIPAccountXCAPDidFail`: the account's XCAP
 *   manager (§43) reached its server, or could not be set up.
 */
import type { Contact, IncomingSubscription, NameAddress, SIPRequest, Registration } from '../core/index.js';
import type { Route } from '../lookup/index.js';
import type { MessageSummary } from '../payloads/messagesummary.js';
import type { DialogInfo } from '../payloads/dialoginfo.js';
import type { PIDF } from '../payloads/pidf.js';
import type { RLMIList } from '../payloads/rlmi.js';
import type { Watcher, WatcherInfo } from '../payloads/watcherinfo.js';
import type { XCAPManager } from '../xcap/manager/index.js';
import type { AccountLike } from './account-like.js';
import type { AccountSubscription } from './account-subscription.js';

/** The state of one resource of a presence NOTIFY (a contact, or one entry of an RLS list). */
export interface PresenceResource {
  /** The resource's URI (`sip:bob@example.com`). */
  uri: string;
  /** The name the list gives it (RLMI `<name>`), if any. */
  name: string | undefined;
  /** The subscription state of the resource: `active`, `pending` or `terminated`. */
  state: string;
  /** Its PIDF documents (one per instance that carries state; none while pending). */
  pidf: PIDF[];
}

declare module '../notification/notification-map.js' {
  interface NotificationMap {
    /** An account became available to the manager (added, or loaded from the configuration). */
    SIPAccountManagerDidAddAccount: { timestamp: Date; account: AccountLike };
    /** An account was deleted (`account.delete()`). */
    SIPAccountManagerDidRemoveAccount: { timestamp: Date; account: AccountLike };
    /** The default account changed. */
    SIPAccountManagerDidChangeDefaultAccount: { timestamp: Date; oldAccount: AccountLike | null; account: AccountLike | null };

    /** The account is about to activate. */
    SIPAccountWillActivate: { timestamp: Date };
    /** The account activated (enabled and the Engine running). */
    SIPAccountDidActivate: { timestamp: Date };
    /** The account is about to deactivate. */
    SIPAccountWillDeactivate: { timestamp: Date };
    /** The account deactivated (the Engine stopped, or `enabled` was turned off). */
    SIPAccountDidDeactivate: { timestamp: Date };

    /** The account is about to register for the first time (since activation). */
    SIPAccountWillRegister: { timestamp: Date };
    /** A registration is about to be refreshed. */
    SIPAccountRegistrationWillRefresh: { timestamp: Date };
    /** A REGISTER succeeded (also every refresh). */
    SIPAccountRegistrationDidSucceed: {
      timestamp: Date;
      /** The Contact registered (ours). */
      contactHeader: string;
      /** Every contact registered for the address of record, ours and other devices'. */
      contactHeaderList: Contact[];
      /** Seconds until this registration expires. */
      expires: number;
      /** The route the REGISTER went to. */
      registrar: Route;
    };
    /** A REGISTER failed, or no registrar could be reached; the account retries in `timeout` seconds. */
    SIPAccountRegistrationDidFail: {
      timestamp: Date;
      /** Why, e.g. `403 Forbidden` or `no route to the registrar: ...`. */
      error: string;
      /** The status code (0 when there was no response; 408 after a timeout). */
      code: number;
      /** Seconds until the next attempt. */
      timeout: number;
      /** The Retry-After of the response, seconds, when it had one. */
      retryAfter?: number;
      /** The route that failed last, when one was tried. */
      registrar?: Route;
    };
    /** The registration ended: the account is unregistered. */
    SIPAccountRegistrationDidEnd: { timestamp: Date; registration: Registration };
    /** The un-REGISTER failed: the binding may stay until it expires. */
    SIPAccountRegistrationDidNotEnd: { timestamp: Date; code: number; reason: string; registration: Registration };
    /** Any final response to a REGISTER of the account. */
    SIPAccountRegistrationGotAnswer: { timestamp: Date; code: number; reason: string; registration: Registration; registrar: Route | undefined };

    /** A message-summary NOTIFY (RFC 3842) arrived and was parsed. */
    SIPAccountMWIDidGetSummary: { timestamp: Date; messageSummary: MessageSummary };

    /** The account's presence document was published (or refreshed) at the server (RFC 3903). */
    SIPAccountPresencePublicationDidSucceed: { timestamp: Date; expires: number; etag: string };
    /** Publishing the account's presence failed; `retryIn` seconds until the next try, if any. */
    SIPAccountPresencePublicationDidFail: { timestamp: Date; code: number; reason: string; retryIn?: number };
    /** The account's presence publication was removed. */
    SIPAccountPresencePublicationDidEnd: { timestamp: Date };

    /** A presence NOTIFY of a subscription of the account (a contact or an RLS list, RFC 3856, RFC 4662). */
    SIPAccountGotPresenceState: {
      timestamp: Date;
      /** The subscription that got the NOTIFY (none for state learnt otherwise, e.g. from Bonjour neighbours). */
      subscription?: AccountSubscription;
      /** The URI subscribed to (the contact, or the list). */
      resourceUri: string;
      /** The state of each resource in this NOTIFY. */
      resources: PresenceResource[];
      /** For an RLS list: the RLMI document (RFC 4662 §5). */
      list: RLMIList | undefined;
      /** Whether the NOTIFY carries full state (a PIDF, or an RLMI with fullState true). */
      fullState: boolean;
    };
    /** The account's own presence as the server composes it (a subscription to its own address). */
    SIPAccountGotSelfPresenceState: { timestamp: Date; subscription: AccountSubscription; pidf: PIDF | undefined; state: string };
    /** A presence.winfo NOTIFY (RFC 3857): the watchers of the account's presence, kept across NOTIFYs. */
    SIPAccountGotPresenceWinfo: {
      timestamp: Date;
      subscription: AccountSubscription;
      watcherInfo: WatcherInfo;
      /** Watchers awaiting authorization, of every list. */
      pending: Watcher[];
      active: Watcher[];
      terminated: Watcher[];
      /** The watchers this NOTIFY changed. */
      updated: Watcher[];
    };
    /** A dialog-info NOTIFY (RFC 4235). */
    SIPAccountGotDialogState: { timestamp: Date; subscription: AccountSubscription; resourceUri: string; dialogInfo: DialogInfo | undefined; state: string };
    /** A subscription of the account failed; it is over (create a new one to try again). */
    SIPAccountSubscriptionDidFail: { timestamp: Date; subscription: AccountSubscription; code: number; reason: string };
    /** A subscription of the account ended. */
    SIPAccountSubscriptionDidEnd: { timestamp: Date; subscription: AccountSubscription; originator: 'local' | 'remote'; reason?: string };

    /** A MESSAGE (RFC 3428) addressed to the account arrived and was answered 200. */
    SIPAccountGotMessage: {
      timestamp: Date;
      /** The sender (From). */
      sender: NameAddress;
      toHeader: NameAddress;
      /** The Content-Type as received. */
      contentType: string;
      body: Buffer;
      request: SIPRequest;
    };
    /** A NOTIFY outside any subscription (e.g. unsolicited message-summary) addressed to the account, answered 200. */
    SIPAccountGotNotify: { timestamp: Date; event: string; contentType: string | undefined; body: Buffer; request: SIPRequest };
    /** A SUBSCRIBE addressed to the account: accept or reject `subscription`. */
    SIPAccountGotIncomingSubscription: { timestamp: Date; subscription: IncomingSubscription; event: string; fromHeader: NameAddress };

    /** The account's XCAP manager read the capabilities of the server at `xcapRoot` (python-sipsimple's name; §43). */
    SIPAccountDidDiscoverXCAPSupport: { timestamp: Date; xcapRoot: string; xcapManager: XCAPManager };
    /** The account could not set up its XCAP manager (no XCAP root configured or in DNS, unreadable storage); tried again in `timeout` seconds. */
    SIPAccountXCAPDidFail: { timestamp: Date; error: Error; timeout: number };
  }
}
