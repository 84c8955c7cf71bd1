import { join } from 'node:path';
import { defaultStorageDirectory } from './default-directory.js';
import { FileConfigurationBackend } from './file-configuration-backend.js';
import { encodeFileName } from './file-name.js';
import { FileXCAPStorage } from './file-xcap-storage.js';
import type { ISIPSimpleStorage } from './storage.js';
import type { XCAPStorage } from './xcap-storage.js';

/**
 * The embedded default storage (middleware spec §2): a directory, by default
 * the user's configuration folder ({@link defaultStorageDirectory}), laid out as
 *
 * ```
 * <directory>/config.json                    all settings, one JSON document
 * <directory>/xcap/<account id>/<entry>      XCAP cache and journal, one file per entry
 * ```
 *
 * Every file is replaced atomically and durably (temporary file, fsync, rename,
 * fsync of the directory), so a crash at any point leaves each file with its
 * old or its new content. Directories are created on first write, mode 0700.
 */
export class FileStorage implements ISIPSimpleStorage {
  /** The storage's root directory. */
  readonly directory: string;
  /** `config.json` in the root directory. */
  readonly configurationBackend: FileConfigurationBackend;
  /** `xcap/<account id>/` under the root directory, one per account. */
  readonly xcapStorageFactory: (accountId: string) => XCAPStorage;

  constructor(directory: string = defaultStorageDirectory()) {
    this.directory = directory;
    this.configurationBackend = new FileConfigurationBackend(directory);
    this.xcapStorageFactory = (accountId) => new FileXCAPStorage(join(directory, 'xcap', encodeFileName(accountId)));
  }
}
