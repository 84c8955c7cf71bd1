/**
 * Publication of an account's own presence (RFC 3856 §6, RFC 3903): a PIDF document
 * (RFC 3863, with RPID RFC 4480 and CIPID RFC 4482 extensions as the application puts
 * them in) PUBLISHed to the account's address of record with a core {@link Publication},
 * which refreshes and re-publishes it. Outcomes are posted with the account as sender:
 * `SIPAccountPresencePublicationDidSucceed`, `...DidFail`, `...DidEnd`.
 */
import { Publication, type PublicationOptions } from '../core/index.js';
import type { NotificationCenter } from '../notification/index.js';
import { PIDF } from '../payloads/pidf.js';

/** Publishes one account's presence; see the module comment. */
export class PresencePublisher {
  readonly #publication: Publication;
  readonly #removers: Array<() => void>;

  constructor(owner: { readonly notificationCenter: NotificationCenter }, engine: ConstructorParameters<typeof Publication>[0], options: Omit<PublicationOptions, 'event' | 'contentType'>) {
    this.#publication = new Publication(engine, { ...options, event: 'presence', contentType: PIDF.contentType });
    const center = owner.notificationCenter;
    this.#removers = [
      this.#publication.on('SIPPublicationDidSucceed', (n) => {
        center.postNotification('SIPAccountPresencePublicationDidSucceed', owner, { expires: n.data.expires, etag: n.data.etag });
      }),
      this.#publication.on('SIPPublicationDidFail', (n) => {
        center.postNotification('SIPAccountPresencePublicationDidFail', owner, {
          code: n.data.code,
          reason: n.data.reason,
          ...(n.data.retryIn === undefined ? {} : { retryIn: n.data.retryIn }),
        });
      }),
      this.#publication.on('SIPPublicationDidEnd', () => center.postNotification('SIPAccountPresencePublicationDidEnd', owner, {})),
    ];
  }

  /** The core publication (its state and entity tag). */
  get publication(): Publication {
    return this.#publication;
  }

  /** Publishes `pidf` (a document or its XML); resolves once the outcome is posted. */
  publish(pidf: PIDF | string): Promise<void> {
    return this.#publication.publish(typeof pidf === 'string' ? pidf : pidf.toXML());
  }

  /** Removes the published state (Expires 0) and stops observing. */
  async end(): Promise<void> {
    try {
      if (this.#publication.state !== 'idle') await this.#publication.end();
    } finally {
      for (const remove of this.#removers.splice(0)) remove();
    }
  }
}
