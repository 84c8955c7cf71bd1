/**
 * The XCAPManager's notifications (spec/xcap-api.md §2.7, middleware spec §43),
 * added to the notification map. Where the two revisions differ the newer one
 * ([002]) gives the fields, and the older one's fields are added where they do
 * not conflict.
 */
import type { Addressbook } from './addressbook.js';
import type { Icon } from './icon.js';
import type { OfflineStatus } from './offline-status.js';
import type { DialogRules, PresenceRules } from './rules-summary.js';
import type { XCAPManagerState } from './states.js';

/** What the manager was doing when a request failed: reading xcap-caps, fetching the documents, or writing them. */
export type XCAPManagerPhase = 'initialize' | 'fetch' | 'update';

/**
 * Data of `XCAPManagerClientDidFail`: one failed attempt, which the manager retries
 * after `retryDelay` milliseconds (the journal keeps every pending operation).
 */
export interface XCAPManagerFailureData {
  timestamp: Date;
  /**
   * The error: an `XCAPHTTPError` subclass with the HTTP status (`XCAPConflictError`
   * with the RFC 4825 §11 condition for a 409, `XCAPForbiddenError` for a 403, ...),
   * an `XCAPTransportError` when no response came, or another error of the manager.
   */
  error: Error;
  phase: XCAPManagerPhase;
  /** The AUID of the document whose request failed (undefined when no single document was concerned). */
  document: string | undefined;
  /** Consecutive failed attempts, this one included. */
  failures: number;
  /** Milliseconds until the next attempt. */
  retryDelay: number;
}

/** Data of `XCAPManagerDidDiscoverServerCapabilities`. */
export interface XCAPManagerCapabilitiesData {
  timestamp: Date;
  /** The AUIDs the server supports ([002]). */
  auids: string[];
  /** resource-lists and rls-services ([003]). */
  contactlistSupported: boolean;
  /** org.openmobilealliance.pres-rules or pres-rules ([003]). */
  presencePoliciesSupported: boolean;
  /** org.openxcap.dialog-rules ([003]). */
  dialoginfoPoliciesSupported: boolean;
  /** org.openmobilealliance.pres-content ([003]). */
  statusIconSupported: boolean;
  /** pidf-manipulation ([003]). */
  offlineStatusSupported: boolean;
}

/** Data of `XCAPManagerDidReloadData`: the data as stored on the server. */
export interface XCAPManagerReloadData {
  timestamp: Date;
  addressbook: Addressbook;
  presenceRules: PresenceRules;
  dialogRules: DialogRules;
  statusIcon: Icon | undefined;
  offlineStatus: OfflineStatus | undefined;
}

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** `start()` was called. */
    XCAPManagerWillStart: { timestamp: Date };
    /** The manager started its tasks (which may still be failing and retrying). */
    XCAPManagerDidStart: { timestamp: Date };
    /** `stop()` was called. */
    XCAPManagerWillEnd: { timestamp: Date };
    /** Every task stopped; the xcap-diff subscription, if any, ended. */
    XCAPManagerDidEnd: { timestamp: Date };
    /** The server's capabilities, read from xcap-caps at first contact or after a settings change. */
    XCAPManagerDidDiscoverServerCapabilities: XCAPManagerCapabilitiesData;
    /** The manager is in sync with the server; the data is what the server stores. */
    XCAPManagerDidReloadData: XCAPManagerReloadData;
    /** The manager moved from one state to another. */
    XCAPManagerDidChangeState: { timestamp: Date; prevState: XCAPManagerState; state: XCAPManagerState };
    /**
     * A request failed and will be retried (not in the spec, which says only that failing
     * tasks are retried: this says why, so that a user can be told the server's reason).
     */
    XCAPManagerClientDidFail: XCAPManagerFailureData;
  }
}
