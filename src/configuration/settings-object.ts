import { NotificationCenter } from '../notification/notification-center.js';
import { NotificationSender } from '../notification/notification-sender.js';
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../storage/json.js';
import { ConfigurationManager, type ConfigurationKey } from './configuration-manager.js';
import { ConfigurationError } from './errors.js';
import { deleteJsonAt, getJsonAt, setJsonAt } from './json-path.js';
import type { ModifiedValue } from './notifications.js';
import {
  checkValue,
  parseValue,
  settingEntries,
  type Setting,
  type SettingPath,
  type SettingsSchema,
  type SettingsValues,
  type SettingValueAt,
} from './schema.js';

/** Where a settings object lives and what it holds. */
export interface SettingsObjectDefinition<S extends SettingsSchema, Id> {
  readonly schema: S;
  /** The object's key in the configuration document, from its id. */
  key(id: Id): ConfigurationKey;
}

/** The configuration manager and notification center a settings object uses; the defaults unless given. */
export interface SettingsObjectOptions {
  configurationManager?: ConfigurationManager;
  notificationCenter?: NotificationCenter;
}

/** The constructor {@link defineSettingsObject} returns: instances show the schema's settings as typed properties. */
export type SettingsObjectClass<S extends SettingsSchema, Id> = new (
  id: Id,
  options?: SettingsObjectOptions,
) => SettingsObject<S, Id> & SettingsValues<S>;

/** Setting definitions by dotted path, computed once per schema. */
const pathIndexes = new WeakMap<SettingsSchema, Map<string, Setting>>();

function pathIndex(schema: SettingsSchema): Map<string, Setting> {
  let index = pathIndexes.get(schema);
  if (!index) {
    index = new Map(settingEntries(schema));
    pathIndexes.set(schema, index);
  }
  return index;
}

/** The stored (JSON) form of a value, as text, to tell whether two values differ. */
function jsonText(definition: Setting, value: unknown): string {
  return JSON.stringify(value === null ? null : definition.type.toJSON(value));
}

/**
 * A stored collection of typed settings with an id (python-sipsimple's
 * `SettingsObject`; `Account`, `BonjourAccount` and `SIPSimpleSettings` are
 * settings objects). Setting a property checks the value at once and throws a
 * {@link ConfigurationError} naming the setting and the value; nothing is
 * stored until `save()`, which posts `CFGSettingsObjectWasCreated` the first
 * time and `CFGSettingsObjectDidChange` with the old and new values of what
 * changed afterwards. `delete()` removes it and posts `CFGSettingsObjectWasDeleted`.
 *
 * Only values that differ from their default are stored, so a changed
 * default reaches users who never set the setting; stored keys this version
 * does not know are kept. A stored value the schema rejects (a hand-edited
 * file) leaves the setting at its default and is reported in `loadErrors`.
 *
 * Use {@link defineSettingsObject} to get a class whose instances have the
 * settings as typed properties.
 */
export class SettingsObject<S extends SettingsSchema = SettingsSchema, Id = string> extends NotificationSender {
  /** What identifies the object (an account's {@link SIPAddress}, `'SIPSimpleSettings'`). */
  readonly id: Id;
  /** Where the object is stored in the configuration document. */
  readonly key: ConfigurationKey;
  /** The settings it holds; walk it with {@link settingEntries} to list them. */
  readonly schema: S;
  /** The manager it loads from and saves through. */
  readonly configurationManager: ConfigurationManager;
  /** Stored values that were rejected when this object was loaded (their settings kept the default). */
  readonly loadErrors: readonly ConfigurationError[];

  readonly #definitions: Map<string, Setting>;
  readonly #values = new Map<string, unknown>();
  /** The values as last loaded or saved, with their JSON text. */
  #saved = new Map<string, { value: unknown; json: string }>();
  #stored: boolean;
  #pending: Promise<void> = Promise.resolve();

  protected constructor(id: Id, definition: SettingsObjectDefinition<S, Id>, options: SettingsObjectOptions = {}) {
    super(options.notificationCenter ?? NotificationCenter.default);
    this.id = id;
    this.key = definition.key(id);
    this.schema = definition.schema;
    this.configurationManager = options.configurationManager ?? ConfigurationManager.default;
    this.#definitions = pathIndex(definition.schema);
    this.#stored = this.configurationManager.has(this.key);
    const stored = this.#stored ? this.configurationManager.get(this.key) : undefined;
    const errors: ConfigurationError[] = [];
    for (const [path, setting] of this.#definitions) {
      const raw = getJsonAt(stored, path);
      let value: unknown = setting.default;
      if (raw !== undefined) {
        try {
          value = checkValue(setting, path, raw);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          errors.push(error);
        }
      }
      this.#values.set(path, value);
    }
    this.loadErrors = Object.freeze(errors);
    if (this.#stored) this.#saved = this.#snapshot();
    installAccessors(this, this as SettingsObject<any, any>, definition.schema, '');
  }

  /** Whether the object is in the configuration (saved and not deleted since). */
  get isStored(): boolean {
    return this.#stored && this.configurationManager.has(this.key);
  }

  #definition(path: string): Setting {
    const definition = this.#definitions.get(path);
    if (!definition) throw new ConfigurationError(`there is no setting ${path}`, { setting: path });
    return definition;
  }

  /** The value of the setting at a dotted path. */
  getSetting<P extends SettingPath<S>>(path: P): SettingValueAt<S, P> {
    this.#definition(path);
    return this.#values.get(path) as SettingValueAt<S, P>;
  }

  /** Sets the setting at a dotted path; a {@link ConfigurationError} names the setting and the value if it is rejected. */
  setSetting<P extends SettingPath<S>>(path: P, value: SettingValueAt<S, P>): void {
    this.#values.set(path, checkValue(this.#definition(path), path, value));
  }

  /**
   * Sets the setting at a dotted path from its text form (as typed on a
   * command line); `null` clears a nillable setting.
   */
  setSettingFromString(path: SettingPath<S>, text: string | null): void {
    const definition = this.#definition(path);
    this.#values.set(path, text === null ? checkValue(definition, path, null) : parseValue(definition, path, text));
  }

  /** The text form of the setting at a dotted path; `null` when it holds no value. */
  formatSetting(path: SettingPath<S>): string | null {
    const value = this.#values.get(path);
    return value === null ? null : this.#definition(path).type.format(value);
  }

  /** Puts the setting at a dotted path back to its default. */
  resetSetting(path: SettingPath<S>): void {
    this.#values.set(path, this.#definition(path).default);
  }

  #snapshot(): Map<string, { value: unknown; json: string }> {
    const snapshot = new Map<string, { value: unknown; json: string }>();
    for (const [path, definition] of this.#definitions) {
      const value = this.#values.get(path);
      snapshot.set(path, { value, json: jsonText(definition, value) });
    }
    return snapshot;
  }

  /** The stored form: `base` (what is stored now, kept for keys unknown here) with this object's values; defaults left out. */
  #toJSON(base: JsonObject, snapshot: Map<string, { value: unknown; json: string }>): JsonObject {
    const data = cloneJson(base);
    for (const [path, definition] of this.#definitions) {
      const { json } = snapshot.get(path)!;
      if (json === jsonText(definition, definition.default)) deleteJsonAt(data, path);
      else setJsonAt(data, path, JSON.parse(json) as JsonValue);
    }
    return data;
  }

  /**
   * Stores the settings through the configuration manager and its backend.
   * Resolves once they are durable, then posts `CFGSettingsObjectWasCreated`
   * (first save) or `CFGSettingsObjectDidChange` (if anything changed; a save
   * without changes does nothing). If storing fails the promise rejects and
   * the configuration manager's data is left as it was.
   */
  save(): Promise<void> {
    return this.#queue(() => this.#saveNow());
  }

  /** Runs `step` after the saves and deletes already asked for, so that they reach the backend in order. */
  #queue(step: () => Promise<void>): Promise<void> {
    const run = this.#pending.then(step);
    this.#pending = run.catch(() => undefined);
    return run;
  }

  /** Stores the manager's data; if that fails, puts this object's entry back as `previous` (none when `undefined`) and rethrows. */
  async #storeOrRestore(previous: JsonValue | undefined): Promise<void> {
    const manager = this.configurationManager;
    try {
      await manager.save();
    } catch (error) {
      if (previous === undefined) manager.delete(this.key);
      else manager.update(this.key, previous);
      throw error;
    }
  }

  async #saveNow(): Promise<void> {
    const manager = this.configurationManager;
    const created = !this.isStored;
    const snapshot = this.#snapshot();
    const modified: Record<string, ModifiedValue> = {};
    if (!created) {
      for (const [path, current] of snapshot) {
        const saved = this.#saved.get(path)!;
        if (saved.json !== current.json) modified[path] = { old: saved.value, new: current.value };
      }
      if (Object.keys(modified).length === 0) return;
    }
    const previous = manager.has(this.key) ? manager.get(this.key) : undefined;
    manager.update(this.key, this.#toJSON(isJsonObject(previous) ? previous : {}, snapshot));
    await this.#storeOrRestore(previous);
    this.#saved = snapshot;
    this.#stored = true;
    if (created) this.post('CFGSettingsObjectWasCreated', {});
    else this.post('CFGSettingsObjectDidChange', { modified });
  }

  /**
   * Removes the object from the configuration and posts
   * `CFGSettingsObjectWasDeleted` once that is durable. The object keeps its
   * values; saving it again stores it anew. Deleting an object that is not
   * stored does nothing.
   */
  delete(): Promise<void> {
    return this.#queue(() => this.#deleteNow());
  }

  async #deleteNow(): Promise<void> {
    const manager = this.configurationManager;
    if (!manager.has(this.key)) {
      this.#stored = false;
      return;
    }
    const previous = manager.get(this.key);
    manager.delete(this.key);
    await this.#storeOrRestore(previous);
    this.#stored = false;
    this.#saved = new Map();
    this.post('CFGSettingsObjectWasDeleted', {});
  }
}

/** Names a schema may not use, as settings objects already have members by those names. */
const RESERVED = new Set([
  'id',
  'key',
  'schema',
  'configurationManager',
  'loadErrors',
  'notificationCenter',
  ...Object.getOwnPropertyNames(SettingsObject.prototype),
  ...Object.getOwnPropertyNames(NotificationSender.prototype),
]);

/** Defines each setting of `schema` as an accessor on `target`, and each group as a nested object of accessors. */
function installAccessors(target: object, owner: SettingsObject<any, any>, schema: SettingsSchema, prefix: string): void {
  for (const [name, entry] of Object.entries(schema)) {
    const path = `${prefix}${name}`;
    if (entry.kind === 'group') {
      const view = {};
      installAccessors(view, owner, entry.schema, `${path}.`);
      Object.preventExtensions(view);
      Object.defineProperty(target, name, { value: view, enumerable: true });
    } else {
      Object.defineProperty(target, name, {
        get: () => owner.getSetting(path),
        set: (value: unknown) => owner.setSetting(path, value),
        enumerable: true,
      });
    }
  }
}

/**
 * Makes a settings object class for `schema`, whose instances show its
 * settings as typed properties (`account.sip.outboundProxy`) next to the
 * {@link SettingsObject} methods. `key(id)` says where each object is stored,
 * e.g. `(id) => ['Accounts', id]`. The class may be extended (`class Account
 * extends defineSettingsObject(...)`); subclasses must not declare fields
 * named like the schema's settings.
 */
export function defineSettingsObject<const S extends SettingsSchema, Id = string>(
  definition: SettingsObjectDefinition<S, Id>,
): SettingsObjectClass<S, Id> {
  for (const name of Object.keys(definition.schema)) {
    if (RESERVED.has(name)) throw new ConfigurationError(`a schema cannot have a setting or group named ${name}`);
  }
  class DefinedSettingsObject extends SettingsObject<S, Id> {
    constructor(id: Id, options?: SettingsObjectOptions) {
      super(id, definition, options);
    }
  }
  return DefinedSettingsObject as unknown as SettingsObjectClass<S, Id>;
}
