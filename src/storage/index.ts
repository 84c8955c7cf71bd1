/**
 * The Storage API (middleware spec §2, `sipsimple.storage`): `FileStorage`,
 * the embedded default with crash-safe files under the user's configuration
 * folder, and `MemoryStorage`; each provides a configuration backend and a
 * factory of per-account XCAP storages.
 */
export type { ISIPSimpleStorage } from './storage.js';
export type { IConfigurationBackend } from './configuration-backend.js';
export type { XCAPStorage, XCAPStorageFactory } from './xcap-storage.js';
export type { JsonValue, JsonObject } from './json.js';
export { FileStorage } from './file-storage.js';
export { MemoryStorage } from './memory-storage.js';
export { FileConfigurationBackend } from './file-configuration-backend.js';
export { MemoryConfigurationBackend } from './memory-configuration-backend.js';
export { FileXCAPStorage } from './file-xcap-storage.js';
export { MemoryXCAPStorage } from './memory-xcap-storage.js';
export { defaultStorageDirectory } from './default-directory.js';
export { writeFileAtomic, readFileIfExists, removeFile, removeStaleTemporaryFiles } from './atomic-file.js';
export { encodeFileName } from './file-name.js';
export { StorageError } from './errors.js';
