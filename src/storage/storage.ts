import type { IConfigurationBackend } from './configuration-backend.js';
import type { XCAPStorageFactory } from './xcap-storage.js';

/**
 * What `SIPApplication.start(storage)` needs to persist data (middleware spec
 * §2, Storage API): a backend for the configuration and a factory of XCAP
 * storages, one per account.
 */
export interface ISIPSimpleStorage {
  /** The backend used for storing the configuration. */
  readonly configurationBackend: IConfigurationBackend;
  /** Creates the XCAP storage (cache and journal) of one account. */
  readonly xcapStorageFactory: XCAPStorageFactory;
}
