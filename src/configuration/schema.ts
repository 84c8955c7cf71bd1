/**
 * The declarative description of settings: a {@link Setting} has a datatype,
 * a default and may be nillable (`null` allowed); a {@link SettingsGroup}
 * nests settings under a name; a schema is an object of both. The TypeScript
 * types of the values ({@link SettingsValues}) and the dotted paths
 * ({@link SettingPath}) are inferred from the schema object:
 *
 * ```ts
 * const schema = {
 *   enabled: setting(BooleanType, { default: true }),
 *   sip: group({ outboundProxy: setting(SIPProxyAddressType, { default: null, nillable: true }) }),
 * };
 * // SettingsValues<typeof schema>: { enabled: boolean; readonly sip: { outboundProxy: SIPProxyAddress | null } }
 * // SettingPath<typeof schema>: 'enabled' | 'sip.outboundProxy'
 * ```
 */
import type { Datatype } from './datatype.js';
import { ConfigurationError, InvalidValueError } from './errors.js';

/** One typed setting. `N` is whether `null` is an allowed value. */
export interface Setting<T = unknown, N extends boolean = boolean> {
  readonly kind: 'setting';
  readonly type: Datatype<T>;
  readonly default: N extends true ? T | null : T;
  readonly nillable: N;
  /** Whether the value is hidden in error messages (passwords). */
  readonly secret: boolean;
}

/** A named group of settings (and further groups). */
export interface SettingsGroup<S extends SettingsSchema = SettingsSchema> {
  readonly kind: 'group';
  readonly schema: S;
}

/** The settings and groups of a settings object or group, by name. */
export interface SettingsSchema {
  readonly [name: string]: Setting<any, boolean> | SettingsGroup<any>;
}

/** The value type of a setting: its datatype's, plus `null` when nillable. */
export type SettingValueType<D> = D extends Setting<infer T, infer N> ? (N extends true ? T | null : T) : never;

type SettingNames<S extends SettingsSchema> = { [K in keyof S]: S[K] extends Setting<any, boolean> ? K : never }[keyof S];
type GroupNames<S extends SettingsSchema> = { [K in keyof S]: S[K] extends SettingsGroup<any> ? K : never }[keyof S];

/** The values an object with schema `S` shows: settings are read-write properties, groups read-only nested objects. */
export type SettingsValues<S extends SettingsSchema> = {
  -readonly [K in SettingNames<S>]: SettingValueType<S[K]>;
} & {
  readonly [K in GroupNames<S>]: S[K] extends SettingsGroup<infer G> ? SettingsValues<G> : never;
};

/** Every setting's dotted path in schema `S`, e.g. `'sip.outboundProxy'`. */
export type SettingPath<S extends SettingsSchema> = {
  [K in keyof S & string]: S[K] extends SettingsGroup<infer G> ? `${K}.${SettingPath<G>}` : K;
}[keyof S & string];

/** The value type of the setting at dotted path `P` of schema `S`. */
export type SettingValueAt<S extends SettingsSchema, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? S[Head] extends SettingsGroup<infer G>
    ? SettingValueAt<G, Rest>
    : never
  : SettingValueType<S[P]>;

/** Declares a setting that always has a value of `type`. The default is checked at once. */
export function setting<T>(type: Datatype<T>, options: { default: T; secret?: boolean }): Setting<T, false>;
/** Declares a nillable setting: `null` (no value) is allowed, and may be the default. */
export function setting<T>(
  type: Datatype<T>,
  options: { default: T | null; nillable: true; secret?: boolean },
): Setting<T, true>;
export function setting<T>(
  type: Datatype<T>,
  options: { default: T | null; nillable?: boolean; secret?: boolean },
): Setting<T, boolean> {
  const definition: Setting<T, boolean> = {
    kind: 'setting',
    type,
    default: options.default,
    nillable: options.nillable ?? false,
    secret: options.secret ?? false,
  };
  return Object.freeze({ ...definition, default: checkValue(definition, '(default value)', options.default) });
}

/** Declares a group of settings. */
export function group<const S extends SettingsSchema>(schema: S): SettingsGroup<S> {
  return Object.freeze({ kind: 'group', schema });
}

/** How a rejected value is shown in messages: secrets hidden, long values cut. */
function describeValue(definition: Setting, value: unknown): string {
  if (definition.secret) return '(hidden)';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function rejection(definition: Setting, path: string, value: unknown, reason: string, cause?: unknown): ConfigurationError {
  return new ConfigurationError(
    `invalid value ${describeValue(definition, value)} for setting ${path} (${definition.type.name}): ${reason}`,
    { setting: path, value },
    { cause },
  );
}

function wrapInvalid<T>(definition: Setting, path: string, value: unknown, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidValueError) throw rejection(definition, path, value, error.message, error);
    throw error;
  }
}

/**
 * Checks `value` for the setting at `path`: `null` if nillable, else what the
 * datatype accepts. Returns the normalised value; throws a
 * {@link ConfigurationError} naming the setting and the value otherwise.
 */
export function checkValue<T>(definition: Setting<T>, path: string, value: unknown): T | null {
  if (value === null) {
    if (definition.nillable) return null;
    throw rejection(definition, path, value, 'this setting cannot be null');
  }
  if (value === undefined) throw rejection(definition, path, value, 'a value is required');
  return wrapInvalid(definition, path, value, () => definition.type.validate(value));
}

/** Parses the text form of a value for the setting at `path`, with the same errors as {@link checkValue}. */
export function parseValue<T>(definition: Setting<T>, path: string, text: string): T {
  return wrapInvalid(definition, path, text, () => definition.type.fromString(text));
}

/** Every setting of a schema with its dotted path, depth first in declaration order. */
export function* settingEntries(schema: SettingsSchema, prefix = ''): Generator<[path: string, definition: Setting]> {
  for (const [name, entry] of Object.entries(schema)) {
    if (entry.kind === 'group') yield* settingEntries(entry.schema, `${prefix}${name}.`);
    else yield [`${prefix}${name}`, entry];
  }
}
