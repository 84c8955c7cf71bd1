/**
 * Look-up tables built once per element class from its declarative schema
 * (lazily, on first use, so that classes may refer to classes declared
 * after them), plus the registry of extensions per host class.
 */
import { clarkName } from './node.js';
import type { QNameCache } from './writer.js';
import { resolveRefs, type AttributeSpec, type ElementClass, type ElementSchema, type Slot, type TextSpec } from './schema.js';

/** A slot with its element references resolved. */
export interface CompiledSlot {
  readonly slot: Slot;
  /** Classes accepted by a child, list or items slot. */
  readonly classes: ReadonlySet<ElementClass>;
  /** Qualified-name cache of a value slot's element. */
  readonly qname: QNameCache;
}

/** Where a child element of a given name goes: an element class, or (for value slots) `undefined`. */
export interface ChildTarget {
  readonly slotIndex: number;
  readonly element: ElementClass | undefined;
}

/** The look-up tables of one element class. */
export interface CompiledSchema {
  readonly type: ElementClass;
  readonly schema: ElementSchema;
  /** `prefix:name`-free display name for messages (`{ns}name`). */
  readonly displayName: string;
  readonly attributes: ReadonlyArray<readonly [string, AttributeSpec]>;
  /** Declared attributes by namespace (`null` for unqualified) and local name. */
  readonly attributeIndex: ReadonlyMap<string | null, ReadonlyMap<string, readonly [string, AttributeSpec]>>;
  readonly text: TextSpec | undefined;
  readonly slots: readonly CompiledSlot[];
  /** Child elements by namespace and local name. */
  readonly childIndex: ReadonlyMap<string | null, ReadonlyMap<string, ChildTarget>>;
  /** Token slots by namespace. */
  readonly tokenIndex: ReadonlyMap<string, { readonly slotIndex: number; readonly names: ReadonlySet<string> | null }>;
  /** Index of the extension slot, or -1. */
  readonly extensionSlot: number;
  /** Initial value of each slot property on a parsed instance: `undefined` (single) or a new array (repeated). */
  readonly initialisers: ReadonlyArray<readonly [property: string, repeated: boolean]>;
  /** Registered extension classes by namespace and local name (filled by {@link registerExtension}). */
  readonly extensions: Map<string | null, Map<string, ElementClass>>;
  /** Classes of every items slot (to tell items from extensions in a list element). */
  readonly itemClasses: ReadonlySet<ElementClass>;
  /** Qualified-name cache of the element itself. */
  readonly qname: QNameCache;
}

/** Where a class keeps its compiled tables (a subclass finds its parent's, hence the `type` check). */
const COMPILED = Symbol('compiledSchema');

/** The compiled tables of `type` (built on first call). */
export function compiledSchema(type: ElementClass): CompiledSchema {
  const cached = (type as { [COMPILED]?: CompiledSchema })[COMPILED];
  if (cached !== undefined && cached.type === type) return cached;
  const result = compile(type);
  Object.defineProperty(type, COMPILED, { value: result, configurable: true });
  return result;
}

function compile(type: ElementClass): CompiledSchema {
  const schema = type.schema;
  if (schema === undefined) throw new TypeError(`${type.name} has no static schema`);
  const attributes: Array<readonly [string, AttributeSpec]> = [];
  const attributeIndex = new Map<string | null, Map<string, readonly [string, AttributeSpec]>>();
  for (const [property, spec] of Object.entries(schema.attributes ?? {})) {
    const entry = [property, spec] as const;
    attributes.push(entry);
    const namespace = spec.namespace ?? null;
    let byName = attributeIndex.get(namespace);
    if (byName === undefined) attributeIndex.set(namespace, (byName = new Map()));
    byName.set(spec.name, entry);
  }
  const slots: CompiledSlot[] = [];
  const childIndex = new Map<string | null, Map<string, ChildTarget>>();
  const tokenIndex = new Map<string, { slotIndex: number; names: ReadonlySet<string> | null }>();
  let extensionSlot = -1;
  const initialisers: Array<readonly [string, boolean]> = [];
  const itemClasses = new Set<ElementClass>();
  const claim = (namespace: string | null, name: string, target: ChildTarget): void => {
    let byName = childIndex.get(namespace);
    if (byName === undefined) childIndex.set(namespace, (byName = new Map()));
    if (byName.has(name)) throw new TypeError(`${type.name}: two slots claim ${clarkName(namespace, name)}`);
    byName.set(name, target);
  };
  (schema.children ?? []).forEach((slot, slotIndex) => {
    const classes = new Set<ElementClass>();
    if (slot.kind === 'child' || slot.kind === 'list' || slot.kind === 'items') {
      for (const element of resolveRefs(slot.element)) {
        classes.add(element);
        claim(element.schema.namespace, element.schema.name, { slotIndex, element });
      }
    } else if (slot.kind === 'value' || slot.kind === 'values') {
      claim(slot.namespace, slot.name, { slotIndex, element: undefined });
    } else if (slot.kind === 'extensions') {
      if (extensionSlot !== -1) throw new TypeError(`${type.name}: more than one extension slot`);
      if (slot.property === undefined && schema.list !== true) throw new TypeError(`${type.name}: an extension slot without a property needs a list element`);
      extensionSlot = slotIndex;
    } else if (slot.kind === 'tokens') {
      tokenIndex.set(slot.namespace, { slotIndex, names: slot.names === undefined ? null : new Set(slot.names) });
    }
    if (slot.kind === 'child' || slot.kind === 'value') initialisers.push([slot.property, false]);
    else if (slot.kind === 'list' || slot.kind === 'values' || slot.kind === 'tokens') initialisers.push([slot.property, true]);
    else if (slot.kind === 'extensions' && slot.property !== undefined) initialisers.push([slot.property, true]);
    else if (slot.kind === 'items') for (const element of classes) itemClasses.add(element);
    slots.push({ slot, classes, qname: { scope: undefined, qname: '' } });
  });
  return {
    type,
    schema,
    displayName: clarkName(schema.namespace, schema.name),
    attributes,
    attributeIndex,
    text: schema.text,
    slots,
    childIndex,
    tokenIndex,
    extensionSlot,
    initialisers,
    extensions: new Map(),
    itemClasses,
    qname: { scope: undefined, qname: '' },
  };
}

/**
 * Registers `extension` as a child that `host` accepts in its extension
 * slot (the typed form of python-sipsimple's `register_extension`): RPID,
 * CIPID, caps and data-model elements plug into PIDF this way, and so can an
 * application's own namespace.
 */
export function registerExtension(host: ElementClass, extension: ElementClass): void {
  const hostSchema = compiledSchema(host);
  if (hostSchema.extensionSlot === -1) throw new TypeError(`${host.name} has no extension slot`);
  const { namespace, name } = extension.schema;
  if (namespace === host.schema.namespace) throw new TypeError(`an extension of ${host.name} must be in another namespace`);
  const byNamespace = hostSchema.extensions;
  let byName = byNamespace.get(namespace);
  if (byName === undefined) byNamespace.set(namespace, (byName = new Map()));
  byName.set(name, extension);
}

/** The extension class registered on `host` for `{namespace}name`, if any. */
export function extensionFor(host: ElementClass, namespace: string | null, name: string): ElementClass | undefined {
  return compiledSchema(host).extensions.get(namespace)?.get(name);
}

/** The extension classes registered on `host`. */
export function extensionsOf(host: ElementClass): ElementClass[] {
  const result: ElementClass[] = [];
  for (const byName of compiledSchema(host).extensions.values()) result.push(...byName.values());
  return result;
}
