/**
 * What the {@link AccountManager} needs of an account (middleware spec §23): the SIP
 * `Account` and the `BonjourAccount` both fit, so the manager keeps either without
 * knowing which.
 */
import type { SIPAddress } from '../configuration/index.js';
import type { IncomingSubscription } from '../core/index.js';
import type { NotificationCenter } from '../notification/index.js';
import type { AccountRuntime } from './account-runtime.js';

/** An account the {@link AccountManager} can manage. */
export interface AccountLike {
  /** The SIP id, `user@domain` (`bonjour@local` for the Bonjour account). */
  readonly id: SIPAddress;
  /** Where the account posts its notifications (it is their sender). */
  readonly notificationCenter: NotificationCenter;
  /** The `enabled` setting (§24 states). */
  readonly enabled: boolean;
  /** Whether the account is active (enabled and the Engine running). */
  readonly isActive: boolean;
  /**
   * Gives the account what it runs on (Engine, DNS) and lets it activate when the
   * Engine runs and it is enabled. Called by the manager when it starts and when the
   * account is added.
   */
  attach(runtime: AccountRuntime): Promise<void>;
  /** Deactivates the account (unregisters, ends subscriptions) and forgets the runtime; bounded in time. */
  detach(): Promise<void>;
  /**
   * Whether a request addressed to `uri` (a Request-URI or To URI, as `user@host[:port]`
   * parts) is for this account: its address of record or one of its contacts.
   */
  matchesURI?(uri: { user?: string | undefined; host: string; port?: number | undefined }): boolean;
  /**
   * Takes a SUBSCRIBE (presence, dialog) addressed to the account, to accept or reject it
   * itself. Without it the manager posts `SIPAccountGotIncomingSubscription` for the
   * application to answer. The manager serves those packages for every account, so an
   * account serves none itself.
   */
  handleIncomingSubscription?(subscription: IncomingSubscription): void;
}
