/**
 * The event packages an account subscribes to, each with its Event value, Accept list
 * and the reader that turns a NOTIFY into an account notification with parsed payloads:
 * presence of a contact (RFC 3856, PIDF RFC 3863), the account's own presence, an RLS
 * list (RFC 4662: RLMI plus one PIDF part per resource), presence.winfo (RFC 3857/3858),
 * dialog-info (RFC 4235) and message-summary (RFC 3842).
 */
import type { SubscriptionNotifyData } from '../core/index.js';
import { DialogInfo } from '../payloads/dialoginfo.js';
import { MessageSummary } from '../payloads/messagesummary.js';
import { PIDF } from '../payloads/pidf.js';
import { RLSNotify } from '../payloads/rlsnotify/index.js';
import { WatcherInfo, type Watcher } from '../payloads/watcherinfo.js';
// Registers every payload application, so that PIDF extensions (RPID, CIPID, data model, caps) and RLS parts parse.
import '../payloads/index.js';
import type { AccountSubscription, SubscriptionOwner } from './account-subscription.js';
import type { PresenceResource } from './notifications.js';

/** Reads one NOTIFY of a subscription and posts what it says; throws on a bad body. */
export type NotifyReader = (subscription: AccountSubscription, data: SubscriptionNotifyData, owner: SubscriptionOwner) => void;

/** An event package as an account uses it. */
export interface SubscriptionPackage {
  /** The kind of subscription, for the application. */
  readonly kind: 'presence' | 'self-presence' | 'rls' | 'presence.winfo' | 'dialog' | 'message-summary';
  /** The Event header value. */
  readonly event: string;
  readonly accept: readonly string[];
  /** Header fields of every SUBSCRIBE (RFC 4662 §4.4: `Supported: eventlist`). */
  readonly extraHeaders: ReadonlyArray<readonly [string, string]>;
  /** A reader with its own state (watcher information is kept across NOTIFYs). */
  createReader(): NotifyReader;
}

/** The `type/subtype` of a Content-Type value, lower-case. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/** A PIDF body, or undefined when the NOTIFY has none (pending, RFC 3856 §6.6.2). */
function pidfOf(data: SubscriptionNotifyData): PIDF | undefined {
  if (data.body.length === 0) return undefined;
  return PIDF.parse(data.body);
}

/** The resources of an RLS NOTIFY: each entry's state and the PIDF of its instances. */
function rlsResources(rls: RLSNotify): PresenceResource[] {
  const resources: PresenceResource[] = [];
  for (const resource of rls.list) {
    const instances = rls.instances(resource.uri);
    resources.push({
      uri: resource.uri,
      name: resource.names[0]?.value,
      state: instances[0]?.instance.state ?? 'pending',
      pidf: rls.documents(resource.uri).filter((document): document is PIDF => document instanceof PIDF),
    });
  }
  return resources;
}

/** Presence of one contact (RFC 3856). */
export const presencePackage: SubscriptionPackage = {
  kind: 'presence',
  event: 'presence',
  accept: ['application/pidf+xml'],
  extraHeaders: [],
  createReader: () => (subscription, data, owner) => {
    const pidf = pidfOf(data);
    owner.notificationCenter.postNotification('SIPAccountGotPresenceState', owner, {
      subscription,
      resourceUri: subscription.uri,
      resources: [{ uri: subscription.uri, name: undefined, state: data.subscriptionState.state, pidf: pidf === undefined ? [] : [pidf] }],
      list: undefined,
      fullState: true,
    });
  },
};

/** The account's own presence, as the presence server composes it from every device's publication. */
export const selfPresencePackage: SubscriptionPackage = {
  ...presencePackage,
  kind: 'self-presence',
  createReader: () => (subscription, data, owner) => {
    owner.notificationCenter.postNotification('SIPAccountGotSelfPresenceState', owner, {
      subscription,
      pidf: pidfOf(data),
      state: data.subscriptionState.state,
    });
  },
};

/** A resource list served by an RLS (RFC 4662): RLMI plus each resource's PIDF. */
export const rlsPackage: SubscriptionPackage = {
  kind: 'rls',
  event: 'presence',
  accept: ['multipart/related', 'application/rlmi+xml', 'application/pidf+xml'],
  extraHeaders: [['Supported', 'eventlist']],
  createReader: () => (subscription, data, owner) => {
    if (data.body.length === 0) return;
    const type = mediaTypeOf(data.contentType);
    if (type === 'application/pidf+xml') {
      // A server that is no RLS for this URI answers as for a single presentity.
      presencePackage.createReader()(subscription, data, owner);
      return;
    }
    const rls = RLSNotify.parse(data.body, data.contentType ?? '');
    owner.notificationCenter.postNotification('SIPAccountGotPresenceState', owner, {
      subscription,
      resourceUri: subscription.uri,
      resources: rlsResources(rls),
      list: rls.list,
      fullState: rls.list.fullState,
    });
  },
};

/** The watchers of the account's presence (RFC 3857), kept across NOTIFYs with {@link WatcherInfo.update}. */
export const winfoPackage: SubscriptionPackage = {
  kind: 'presence.winfo',
  event: 'presence.winfo',
  accept: ['application/watcherinfo+xml'],
  extraHeaders: [],
  createReader: () => {
    const watcherInfo = new WatcherInfo();
    const all = (map: Map<unknown, Watcher[]>): Watcher[] => [...map.values()].flat();
    return (subscription, data, owner) => {
      if (data.body.length === 0) return;
      const updated = watcherInfo.update(data.body);
      owner.notificationCenter.postNotification('SIPAccountGotPresenceWinfo', owner, {
        subscription,
        watcherInfo,
        pending: all(watcherInfo.pending),
        active: all(watcherInfo.active),
        terminated: all(watcherInfo.terminated),
        updated: all(updated),
      });
    };
  },
};

/** Dialog state of a contact (RFC 4235). */
export const dialogPackage: SubscriptionPackage = {
  kind: 'dialog',
  event: 'dialog',
  accept: ['application/dialog-info+xml'],
  extraHeaders: [],
  createReader: () => (subscription, data, owner) => {
    owner.notificationCenter.postNotification('SIPAccountGotDialogState', owner, {
      subscription,
      resourceUri: subscription.uri,
      dialogInfo: data.body.length === 0 ? undefined : DialogInfo.parse(data.body),
      state: data.subscriptionState.state,
    });
  },
};

/** Message waiting indication (RFC 3842). */
export const messageSummaryPackage: SubscriptionPackage = {
  kind: 'message-summary',
  event: 'message-summary',
  accept: ['application/simple-message-summary'],
  extraHeaders: [],
  createReader: () => (_subscription, data, owner) => {
    if (data.body.length === 0) return;
    owner.notificationCenter.postNotification('SIPAccountMWIDidGetSummary', owner, { messageSummary: MessageSummary.parse(data.body) });
  },
};
