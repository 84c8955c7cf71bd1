import type { IConfigurationBackend } from './configuration-backend.js';
import { cloneJson, type JsonObject } from './json.js';

/** A configuration backend in memory: for tests and for embedders that keep no files. Copies on the way in and out. */
export class MemoryConfigurationBackend implements IConfigurationBackend {
  private data: JsonObject;

  constructor(initial: JsonObject = {}) {
    this.data = cloneJson(initial);
  }

  async load(): Promise<JsonObject> {
    return cloneJson(this.data);
  }

  async save(data: JsonObject): Promise<void> {
    this.data = cloneJson(data);
  }

  async delete(): Promise<void> {
    this.data = {};
  }
}
