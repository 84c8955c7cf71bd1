import { MemoryConfigurationBackend } from './memory-configuration-backend.js';
import { MemoryXCAPStorage } from './memory-xcap-storage.js';
import type { ISIPSimpleStorage } from './storage.js';
import type { XCAPStorage } from './xcap-storage.js';

/**
 * Storage that keeps everything in memory for the life of this object
 * (middleware spec §2): for tests and for embedders that persist nothing.
 * The factory returns the same XCAP storage each time for the same account.
 */
export class MemoryStorage implements ISIPSimpleStorage {
  /** The configuration, in memory. */
  readonly configurationBackend = new MemoryConfigurationBackend();
  /** One {@link MemoryXCAPStorage} per account id. */
  readonly xcapStorageFactory: (accountId: string) => XCAPStorage;
  private readonly xcapStorages = new Map<string, MemoryXCAPStorage>();

  constructor() {
    this.xcapStorageFactory = (accountId) => {
      let storage = this.xcapStorages.get(accountId);
      if (!storage) {
        storage = new MemoryXCAPStorage();
        this.xcapStorages.set(accountId, storage);
      }
      return storage;
    };
  }
}
