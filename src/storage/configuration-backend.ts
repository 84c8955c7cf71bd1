import type { JsonObject } from './json.js';

/**
 * Where the configuration lives. The {@link ConfigurationManager} keeps all
 * settings as one JSON document in memory, loads it once at start and hands
 * the whole document to `save()` after each change, so a backend only has to
 * store and return one document, atomically.
 */
export interface IConfigurationBackend {
  /** The stored document; an empty object when nothing was stored yet. */
  load(): Promise<JsonObject>;
  /** Replaces the stored document with `data`. When it resolves, the data is durable. */
  save(data: JsonObject): Promise<void>;
  /** Removes the stored document; a later `load()` returns an empty object. */
  delete(): Promise<void>;
}
