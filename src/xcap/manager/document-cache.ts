/**
 * The on-storage cache of documents as last seen on the server, with their
 * ETags (spec/xcap-api.md §2.7): the ETag goes in If-None-Match on GET (a 304
 * means nothing is downloaded) and in If-Match on PUT/DELETE (a remote change
 * is never overwritten).
 */
import { XCAPManagerStorageError } from './errors.js';
import type { XCAPManagerStorage } from './manager-storage.js';

/** One cached document. */
export interface CachedDocument {
  /** The body as the server returned it (or as PUT). */
  readonly body: string;
  /** The server's ETag of that body; undefined when a PUT answer carried none (the next GET is then unconditional). */
  readonly etag: string | undefined;
  /** The `X-AGP-Alternative-Location`/`X-Alternative-Location` header the server gave (pres-content). */
  readonly alternativeLocation?: string | undefined;
}

function entryName(auid: string): string {
  return `document.${auid}`;
}

/** The cache over an {@link XCAPManagerStorage}: one entry per AUID. */
export class DocumentCache {
  private readonly documents = new Map<string, CachedDocument>();

  constructor(private readonly storage: XCAPManagerStorage) {}

  /** Reads the cached documents of these AUIDs; throws {@link XCAPManagerStorageError} on a corrupt entry. */
  async load(auids: Iterable<string>): Promise<void> {
    for (const auid of auids) {
      const text = await this.storage.load(entryName(auid));
      if (text === undefined) continue;
      let parsed: Partial<CachedDocument>;
      try {
        parsed = JSON.parse(text) as Partial<CachedDocument>;
      } catch (error) {
        throw new XCAPManagerStorageError('not JSON', entryName(auid), { cause: error });
      }
      if (typeof parsed.body !== 'string' || (parsed.etag !== undefined && typeof parsed.etag !== 'string')) {
        throw new XCAPManagerStorageError('not a cached document', entryName(auid));
      }
      this.documents.set(auid, { body: parsed.body, etag: parsed.etag, alternativeLocation: parsed.alternativeLocation });
    }
  }

  /** The cached document of `auid`, if any. */
  get(auid: string): CachedDocument | undefined {
    return this.documents.get(auid);
  }

  /** Stores a document (durable when the promise resolves). */
  async set(auid: string, document: CachedDocument): Promise<void> {
    this.documents.set(auid, document);
    await this.storage.save(entryName(auid), JSON.stringify(document));
  }

  /** Forgets a document that no longer exists on the server. */
  async delete(auid: string): Promise<void> {
    this.documents.delete(auid);
    await this.storage.delete(entryName(auid));
  }
}
