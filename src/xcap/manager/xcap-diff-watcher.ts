/**
 * The xcap-diff subscription to the user's own address (RFC 5875; Event
 * `xcap-diff`, Accept `application/xcap-diff+xml`). Each NOTIFY names the
 * changed documents (RFC 5874 `<document sel>`); the watcher reports them. When
 * the subscription fails or is lost, it reports the failure (the manager then
 * polls) and subscribes again after `retryInterval`.
 */
import type { Route } from '../../lookup/index.js';
import type { EventEngine } from '../../core/primitives/event-engine.js';
import type { CredentialsInput } from '../../core/primitives/primitive-engine.js';
import { Subscription } from '../../core/primitives/subscription.js';
import { ParserError } from '../../errors.js';
import { XCAPDiff } from '../../payloads/xcapdiff.js';

/** The Event of the subscription (RFC 5875 §4). */
export const XCAP_DIFF_EVENT = 'xcap-diff';
/** The body type of its NOTIFYs (RFC 5874 §9). */
export const XCAP_DIFF_CONTENT_TYPE = 'application/xcap-diff+xml';

/** Makes a fresh (not yet subscribed) xcap-diff subscription; called again for every retry and settings change. */
export type XCAPDiffSubscriptionFactory = () => Subscription;

/** What {@link createXCAPDiffSubscriptionFactory} needs from the account. */
export interface XCAPDiffSubscriptionSettings {
  /** The account's AOR: both the subscriber and the resource. */
  readonly aor: string;
  /** Contact header of the SUBSCRIBEs, e.g. `<sip:alice@192.0.2.1:5060>`. */
  readonly contactHeader: string;
  /** Outbound routes (transports allowed by the settings). */
  readonly routes?: readonly Route[];
  readonly credentials?: CredentialsInput;
  /** Expires asked (the account's `sip.subscribe_interval`); a 423 raises it. */
  readonly refresh?: number;
}

/** A factory of xcap-diff subscriptions to the account's own address. */
export function createXCAPDiffSubscriptionFactory(engine: EventEngine, settings: XCAPDiffSubscriptionSettings): XCAPDiffSubscriptionFactory {
  return () =>
    new Subscription(engine, {
      fromHeader: `<${settings.aor}>`,
      toHeader: `<${settings.aor}>`,
      contactHeader: settings.contactHeader,
      event: XCAP_DIFF_EVENT,
      accept: [XCAP_DIFF_CONTENT_TYPE],
      ...(settings.routes === undefined ? {} : { routes: settings.routes }),
      ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
      ...(settings.refresh === undefined ? {} : { refresh: settings.refresh }),
    });
}

/** One document change a NOTIFY named. */
export interface XCAPDocumentChange {
  /** The document selector, e.g. `resource-lists/users/sip:alice@example.com/index`. */
  readonly selector: string;
  /** The AUID (first segment of the selector). */
  readonly auid: string;
  readonly newEtag: string | undefined;
  readonly previousEtag: string | undefined;
}

/** What the watcher tells its owner. */
export interface XCAPDiffWatcherHandlers {
  /** A NOTIFY named these documents. */
  onChange(changes: XCAPDocumentChange[]): void;
  /** The subscription failed or was lost: remote changes may go unnoticed until it is back. */
  onFailure(): void;
  /** The subscription is active or pending again. */
  onRecovery(): void;
  /** A NOTIFY body that is not an xcap-diff document. */
  onInvalidNotify?(error: ParserError): void;
}

/** The changes named by an xcap-diff body; throws `ParserError` when it is not one. */
export function parseXCAPDiffChanges(body: Buffer | string): XCAPDocumentChange[] {
  const diff = XCAPDiff.parse(body) as XCAPDiff;
  return diff.documents.map((document) => {
    const selector = document.selector.replace(/^\/+/, '');
    return { selector, auid: selector.split('/', 1)[0]!, newEtag: document.newEtag, previousEtag: document.previousEtag };
  });
}

/** Keeps one xcap-diff subscription alive; see the module comment. */
export class XCAPDiffWatcher {
  private subscription: Subscription | undefined;
  private unobserve: Array<() => void> = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private running = false;
  private failed = false;

  constructor(
    private readonly factory: XCAPDiffSubscriptionFactory,
    private readonly handlers: XCAPDiffWatcherHandlers,
    /** Milliseconds before a failed subscription is tried again. */
    private readonly retryInterval: number,
  ) {}

  /** Whether the subscription is failing now. */
  get failing(): boolean {
    return this.failed;
  }

  /** Subscribes; resolves when the first SUBSCRIBE has its answer. */
  async start(): Promise<void> {
    this.running = true;
    await this.subscribe();
  }

  /** Unsubscribes and waits until the subscription has ended. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const subscription = this.detach();
    if (subscription !== undefined && subscription.state !== 'terminated' && subscription.state !== 'null') {
      await subscription.end().catch(() => undefined);
    }
  }

  private detach(): Subscription | undefined {
    for (const stop of this.unobserve) stop();
    this.unobserve = [];
    const subscription = this.subscription;
    this.subscription = undefined;
    return subscription;
  }

  private async subscribe(): Promise<void> {
    if (!this.running) return;
    const subscription = this.factory();
    this.subscription = subscription;
    this.unobserve = [
      subscription.on('SIPSubscriptionGotNotify', (notification) => {
        if (notification.data.body.length === 0) return;
        try {
          this.handlers.onChange(parseXCAPDiffChanges(notification.data.body));
        } catch (error) {
          if (error instanceof ParserError) this.handlers.onInvalidNotify?.(error);
          else throw error;
        }
      }),
      subscription.on('SIPSubscriptionChangedState', (notification) => {
        const { state } = notification.data;
        if (state === 'active' || state === 'pending' || state === 'accepted') this.setFailed(false);
        else if (state === 'waiting') this.setFailed(true);
        else if (state === 'terminated' && subscription === this.subscription) this.lost();
      }),
    ];
    try {
      await subscription.subscribe();
    } catch {
      if (subscription === this.subscription) this.lost();
    }
  }

  private lost(): void {
    this.detach();
    this.setFailed(true);
    if (!this.running || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.subscribe();
    }, this.retryInterval);
    this.retryTimer.unref?.();
  }

  private setFailed(failed: boolean): void {
    if (this.failed === failed) return;
    this.failed = failed;
    if (failed) this.handlers.onFailure();
    else this.handlers.onRecovery();
  }
}
