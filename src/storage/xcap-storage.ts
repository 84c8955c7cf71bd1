/**
 * Storage for one account's XCAP data: the cache of documents as fetched from
 * the server (with their ETags) and the journal of pending operations (RFC 4825
 * client side; see XCAPManager in the middleware spec §43). Entries are named
 * strings. Each `save()` replaces an entry atomically: after a crash an entry
 * holds either its previous or its new content.
 */
export interface XCAPStorage {
  /** The entry's content, or `undefined` if there is no such entry. */
  load(name: string): Promise<string | undefined>;
  /** Creates or replaces the entry. When it resolves, the data is durable. */
  save(name: string, data: string): Promise<void>;
  /** Removes the entry; a missing entry is not an error. */
  delete(name: string): Promise<void>;
  /** Removes every entry of this account. */
  purge(): Promise<void>;
}

/** Creates the {@link XCAPStorage} of the account with this id (`user@domain`). */
export type XCAPStorageFactory = (accountId: string) => XCAPStorage;
