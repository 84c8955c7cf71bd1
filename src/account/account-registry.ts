/**
 * One `Account` instance per SIP id and configuration manager (middleware spec §24):
 * constructing an Account with an id in use returns the existing object. A restarted
 * configuration manager (a new generation) starts with no instances.
 */
import type { ConfigurationManager } from '../configuration/index.js';

/** Instances of one class per configuration manager and id. */
export class InstanceRegistry<T> {
  readonly #byManager = new WeakMap<ConfigurationManager, { generation: number; instances: Map<string, T> }>();

  #table(manager: ConfigurationManager): Map<string, T> {
    const entry = this.#byManager.get(manager);
    if (entry !== undefined && entry.generation === manager.generation) return entry.instances;
    const instances = new Map<string, T>();
    this.#byManager.set(manager, { generation: manager.generation, instances });
    return instances;
  }

  /** The instance for `key`, if one exists. */
  get(manager: ConfigurationManager, key: string): T | undefined {
    return this.#table(manager).get(key);
  }

  /** Records the instance for `key`. */
  set(manager: ConfigurationManager, key: string, value: T): void {
    this.#table(manager).set(key, value);
  }

  /** Forgets the instance for `key` (after the object was deleted from the configuration). */
  delete(manager: ConfigurationManager, key: string): void {
    this.#table(manager).delete(key);
  }
}

/** The registry key of a SIP id: domains compare case-insensitively (RFC 3261 §19.1.4). */
export function accountKey(id: { username: string; domain: string }): string {
  return `${id.username}@${id.domain.toLowerCase()}`;
}
