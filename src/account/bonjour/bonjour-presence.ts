/**
 * Peer-to-peer presence between Bonjour neighbours (RFC 3856 without a presence
 * server): the account serves the `presence` package itself (RFC 6665 §4.2), accepting
 * the SUBSCRIBEs for its contact user (others get 404) with its PIDF document, and
 * pushes a new document to every watcher when its state changes.
 */
import { IncomingSubscription, type Engine } from '../../core/index.js';
import { BonjourError } from './errors.js';

/** The serving side of peer-to-peer presence for one account. */
export class PeerPresenceServer {
  private readonly watchers = new Set<IncomingSubscription>();
  private unserve: (() => void) | undefined;

  /**
   * @param username the account's contact user: SUBSCRIBEs for another user get 404
   * @param document the current PIDF document, as text
   */
  constructor(
    private readonly engine: Engine,
    private readonly username: () => string,
    private readonly document: () => string,
  ) {}

  /** The subscriptions served now. */
  get subscriptions(): IncomingSubscription[] {
    return [...this.watchers];
  }

  /** Starts serving `presence`; throws {@link BonjourError} `state` when another part of the application serves it already. */
  start(): void {
    if (this.unserve !== undefined) return;
    try {
      this.unserve = IncomingSubscription.serve(this.engine, { event: 'presence', onSubscribe: (subscription) => this.subscribed(subscription) });
    } catch (error) {
      throw new BonjourError('state', 'the presence event package is served by another part of the application', { cause: error });
    }
  }

  /** Sends the current document to every active watcher. */
  publish(): void {
    const body = this.document();
    for (const watcher of this.watchers) {
      if (watcher.state === 'active') watcher.pushContent('application/pidf+xml', body);
    }
  }

  /** Stops serving and ends every subscription (reason `deactivated`, RFC 6665 §4.2.2: the watcher may retry). */
  stop(): void {
    this.unserve?.();
    this.unserve = undefined;
    for (const watcher of this.watchers) {
      if (watcher.state !== 'terminated') watcher.end('deactivated');
    }
    this.watchers.clear();
  }

  private subscribed(subscription: IncomingSubscription): void {
    const uri = subscription.request.uri;
    if (uri.kind !== 'sip' || uri.user !== this.username()) {
      subscription.reject(404, 'Not Found');
      return;
    }
    this.watchers.add(subscription);
    subscription.on('SIPIncomingSubscriptionDidEnd', () => this.watchers.delete(subscription));
    subscription.accept('application/pidf+xml', this.document());
  }
}
