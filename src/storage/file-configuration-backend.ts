import { join } from 'node:path';
import { readFileIfExists, removeFile, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file.js';
import type { IConfigurationBackend } from './configuration-backend.js';
import { StorageError } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';

/**
 * The configuration backend of {@link FileStorage}: one JSON document,
 * `config.json`, holding every settings object (global settings and all
 * accounts). One document rather than one file per object, so that the file
 * on disk is always a consistent snapshot of the whole configuration; it is
 * replaced atomically on each save (see `atomic-file.ts`), so a crash leaves
 * either the previous or the new configuration. The file is created with mode
 * 0600 because it holds account passwords.
 */
export class FileConfigurationBackend implements IConfigurationBackend {
  /** The JSON document's path. */
  readonly path: string;

  constructor(readonly directory: string, filename = 'config.json') {
    this.path = join(directory, filename);
  }

  /** Reads the document; a missing file is an empty configuration, a broken one a {@link StorageError}. */
  async load(): Promise<JsonObject> {
    await removeStaleTemporaryFiles(this.directory);
    const text = await readFileIfExists(this.path);
    if (text === undefined) return {};
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new StorageError(`configuration file ${this.path} is not valid JSON: ${(error as Error).message}`, this.path, {
        cause: error,
      });
    }
    if (!isJsonObject(data)) {
      throw new StorageError(`configuration file ${this.path} does not hold a JSON object`, this.path);
    }
    return data;
  }

  /** Serialises `data` at once (later changes to it are not saved) and replaces the file atomically. */
  save(data: JsonObject): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify(data, null, 2)}\n`);
  }

  async delete(): Promise<void> {
    await removeFile(this.path);
  }
}
