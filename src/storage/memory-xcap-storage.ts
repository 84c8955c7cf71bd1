import { encodeFileName } from './file-name.js';
import type { XCAPStorage } from './xcap-storage.js';

/**
 * An account's XCAP storage in memory, for tests and embedders that keep no
 * files. Entry names are checked as {@link FileXCAPStorage} checks them, so
 * code tested against memory behaves the same on files.
 */
export class MemoryXCAPStorage implements XCAPStorage {
  private readonly entries = new Map<string, string>();

  async load(name: string): Promise<string | undefined> {
    return this.entries.get(encodeFileName(name));
  }

  async save(name: string, data: string): Promise<void> {
    this.entries.set(encodeFileName(name), data);
  }

  async delete(name: string): Promise<void> {
    this.entries.delete(encodeFileName(name));
  }

  async purge(): Promise<void> {
    this.entries.clear();
  }
}
