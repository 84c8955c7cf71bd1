import { readdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileIfExists, removeFile, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file.js';
import { StorageError } from './errors.js';
import { encodeFileName } from './file-name.js';
import type { XCAPStorage } from './xcap-storage.js';

/**
 * An account's XCAP storage as files: one file per entry in the account's own
 * directory, each replaced atomically (see `atomic-file.ts`). Entry names are
 * encoded with {@link encodeFileName}, so no name can escape the directory.
 */
export class FileXCAPStorage implements XCAPStorage {
  constructor(readonly directory: string) {}

  private pathOf(name: string): string {
    return join(this.directory, encodeFileName(name));
  }

  async load(name: string): Promise<string | undefined> {
    return readFileIfExists(this.pathOf(name));
  }

  async save(name: string, data: string): Promise<void> {
    return writeFileAtomic(this.pathOf(name), data);
  }

  async delete(name: string): Promise<void> {
    return removeFile(this.pathOf(name));
  }

  /** Removes every entry, then the directory itself (left-over temporary files of crashed writers included). */
  async purge(): Promise<void> {
    await removeStaleTemporaryFiles(this.directory);
    let entries: string[];
    try {
      entries = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StorageError(`cannot list ${this.directory}: ${(error as Error).message}`, this.directory, {
        cause: error,
      });
    }
    for (const entry of entries) {
      if (!entry.startsWith('.')) await removeFile(join(this.directory, entry));
    }
    await rmdir(this.directory).catch(() => undefined);
  }
}
