/**
 * Peer-to-peer presence between Bonjour neighbours (RFC 3856 without a presence
 * server): SUBSCRIBEs for the account's contact user are accepted with its PIDF document
 * (others get 404), and every watcher gets a new document when the state changes. The
 * SUBSCRIBEs come from the account manager's router (`handleIncomingSubscription`) or,
 * when nothing else serves the `presence` package (the account used on its own), from
 * the package served here (RFC 6665 §4.2).
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

  /**
   * Serves `presence` on the Engine; throws {@link BonjourError} `state` when another
   * part of the application (the account manager) serves it already: SUBSCRIBEs then
   * come through {@link PeerPresenceServer.take}.
   */
  start(): void {
    if (this.unserve !== undefined) return;
    try {
      this.unserve = IncomingSubscription.serve(this.engine, { event: 'presence', onSubscribe: (subscription) => this.take(subscription) });
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

  /** Answers a new SUBSCRIBE: 489 for another package, 404 for another user, else accepted with the document. */
  take(subscription: IncomingSubscription): void {
    if (subscription.event !== 'presence') {
      subscription.reject(489, 'Bad Event');
      return;
    }
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
