import type { IConfigurationBackend } from '../storage/configuration-backend.js';
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../storage/json.js';
import { ConfigurationError, ObjectNotFoundError } from './errors.js';

/** A location in the configuration document: the names from the root, e.g. `['Accounts', 'alice@example.com']`. */
export type ConfigurationKey = readonly string[];

/**
 * Holds the whole configuration as one JSON document in memory, loaded from a
 * backend at `start()` and written back whole by `save()` (python-sipsimple's
 * ConfigurationManager, referenced by middleware spec §1). Settings objects
 * read and write their part of it by key path; keys are arrays because
 * account ids contain dots.
 *
 * Changes made with `update()` and `delete()` stay in memory until `save()`.
 * `save()` takes a snapshot when called, so saves reach the backend in call
 * order with the content of their moment.
 */
export class ConfigurationManager {
  /** The process-wide manager that settings objects use unless given another. */
  static readonly default = new ConfigurationManager();

  private backend: IConfigurationBackend | undefined;
  private data: JsonObject = {};
  private starts = 0;

  /**
   * How many times `start()` has loaded a configuration. Objects that cache
   * settings objects per manager (e.g. {@link SIPSimpleSettings.instance})
   * compare it to notice a restart with another backend.
   */
  get generation(): number {
    return this.starts;
  }

  /** Whether `start()` has loaded a configuration. */
  get started(): boolean {
    return this.backend !== undefined;
  }

  /**
   * Loads the configuration from `backend` (a `StorageError` if it cannot be
   * read: the manager then stays stopped and may be started again).
   */
  async start(backend: IConfigurationBackend): Promise<void> {
    if (this.backend) throw new ConfigurationError('the ConfigurationManager is already started');
    const data = await backend.load();
    if (this.backend) throw new ConfigurationError('the ConfigurationManager is already started');
    this.data = data;
    this.backend = backend;
    this.starts += 1;
  }

  /** Forgets the backend and the loaded data; unsaved changes are lost. */
  stop(): void {
    this.backend = undefined;
    this.data = {};
  }

  private requireStarted(): IConfigurationBackend {
    if (!this.backend) throw new ConfigurationError('the ConfigurationManager is not started');
    return this.backend;
  }

  private lookup(key: ConfigurationKey): JsonValue | undefined {
    this.requireStarted();
    let node: JsonValue | undefined = this.data;
    for (const name of key) {
      if (!isJsonObject(node) || !Object.hasOwn(node, name)) return undefined;
      node = node[name];
    }
    return node;
  }

  /** Whether something is stored at `key`. */
  has(key: ConfigurationKey): boolean {
    return this.lookup(key) !== undefined;
  }

  /** A copy of what is stored at `key`; {@link ObjectNotFoundError} if nothing is. */
  get(key: ConfigurationKey): JsonValue {
    const value = this.lookup(key);
    if (value === undefined) throw new ObjectNotFoundError(key);
    return cloneJson(value);
  }

  /** The names stored under `key` (e.g. the ids of all accounts under `['Accounts']`); empty if none. */
  getNames(key: ConfigurationKey): string[] {
    const value = this.lookup(key);
    return isJsonObject(value) ? Object.keys(value) : [];
  }

  /** Stores a copy of `data` at `key`, creating the objects on the way. In memory until `save()`. */
  update(key: ConfigurationKey, data: JsonValue): void {
    this.requireStarted();
    if (key.length === 0) {
      if (!isJsonObject(data)) throw new ConfigurationError('the configuration root must be an object');
      this.data = cloneJson(data);
      return;
    }
    let node = this.data;
    for (const name of key.slice(0, -1)) {
      const child = node[name];
      if (isJsonObject(child)) node = child;
      else node = node[name] = {};
    }
    node[key[key.length - 1]!] = cloneJson(data);
  }

  /** Removes what is stored at `key` (nothing happens if nothing is). In memory until `save()`. */
  delete(key: ConfigurationKey): void {
    this.requireStarted();
    if (key.length === 0) {
      this.data = {};
      return;
    }
    const parent = this.lookup(key.slice(0, -1));
    if (isJsonObject(parent)) delete parent[key[key.length - 1]!];
  }

  /** Writes the whole configuration through the backend; resolves once it is durable. */
  async save(): Promise<void> {
    await this.requireStarted().save(cloneJson(this.data));
  }
}
