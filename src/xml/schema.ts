/**
 * The declarative schema an element class carries in its static `schema`
 * property: its qualified name, typed attributes, text content and child
 * slots in document order. The binder ({@link ./binder.ts}) reads and writes
 * XML from it; see docs/xml-binding.md for a complete example.
 */
import type { ValueType } from './values.js';

/** Any class whose instances the binder can read and write. */
export interface ElementClass<T extends object = object> {
  readonly prototype: T;
  readonly name: string;
  readonly schema: ElementSchema;
}

/** An element class, or a function returning one (for classes declared later or recursive ones). */
export type ElementRef = ElementClass | (() => ElementClass);

/** One attribute, stored in the instance property of the same key in {@link ElementSchema.attributes}. */
export interface AttributeSpec<T = unknown> {
  /** Local name of the attribute (`display-name`). */
  readonly name: string;
  /** Namespace of a qualified attribute (`xml:lang` uses the XML namespace); unqualified when absent. */
  readonly namespace?: string;
  /** Value type. */
  readonly type: ValueType<T>;
  /** Whether parsing fails without it and building fails when the property is undefined. */
  readonly required?: boolean;
}

/** Text content of a simple element (`<basic>open</basic>`), stored in `property`. */
export interface TextSpec<T = unknown> {
  readonly property: string;
  readonly type: ValueType<T>;
  /** Whether building fails when the property is undefined. Text is always present on parse (possibly empty). */
  readonly required?: boolean;
}

/** One child element, or one of a choice of elements, stored in `property` (`undefined` when absent). */
export interface ChildSlot {
  readonly kind: 'child';
  readonly property: string;
  /** The element class, or the classes of a choice. */
  readonly element: ElementRef | readonly ElementRef[];
  readonly required?: boolean;
}

/** Repeated child elements stored as a plain array in `property`. */
export interface ListSlot {
  readonly kind: 'list';
  readonly property: string;
  readonly element: ElementRef | readonly ElementRef[];
}

/** Repeated child elements stored as the items of a list element (an {@link XMLListElement}). */
export interface ItemsSlot {
  readonly kind: 'items';
  readonly element: ElementRef | readonly ElementRef[];
}

/**
 * `xs:any namespace="##other"`: elements of other namespaces. Registered
 * extensions are bound to their classes, anything else is kept as a
 * `RawElement`. Stored in `property` (an array), or as list items when
 * `property` is absent on a list element.
 */
export interface ExtensionSlot {
  readonly kind: 'extensions';
  readonly property?: string;
}

/**
 * Empty elements of one namespace that stand for tokens (RPID's
 * `<rpid:meeting/>`, caps' `<caps:INVITE/>`), stored as an array of their
 * local names in `property`. `names` limits the accepted names; without it
 * every name of `namespace` that no other slot claims is accepted.
 */
export interface TokensSlot {
  readonly kind: 'tokens';
  readonly property: string;
  readonly namespace: string;
  readonly names?: readonly string[];
}

/**
 * A simple child element whose text is stored directly as a typed value
 * (`<caps:audio>true</caps:audio>` as `audio: true`): `value` holds one
 * (`undefined` when absent), `values` an array of them. Such an element
 * may carry no attributes and no child elements.
 */
export interface ValueSlot {
  readonly kind: 'value' | 'values';
  readonly property: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly type: ValueType<any>;
  /** For `value`: whether the child must be present. */
  readonly required?: boolean;
}

/** A child slot, in document order. */
export type Slot = ChildSlot | ListSlot | ItemsSlot | ExtensionSlot | TokensSlot | ValueSlot;

/** The schema of one element class. */
export interface ElementSchema {
  /** Namespace URI of the element (`null` for none). */
  readonly namespace: string | null;
  /** Local name. */
  readonly name: string;
  /** Attributes by the instance property that holds them. */
  readonly attributes?: Readonly<Record<string, AttributeSpec<any>>>;
  /** Text content, for simple elements. */
  readonly text?: TextSpec<any>;
  /** Child slots in the order they are written. */
  readonly children?: readonly Slot[];
  /** Whether instances are list elements (their items are the {@link ItemsSlot} children). */
  readonly list?: boolean;
}

/**
 * Declares a schema with its property names checked against the instance
 * type `T`: `static readonly schema = defineSchema<Contact>({...})`.
 */
export function defineSchema<T>(schema: TypedSchema<T>): ElementSchema {
  return schema as ElementSchema;
}

/** Names of the data (non-method) properties of `T`. */
type Key<T> = { [K in Extract<keyof T, string>]: T[K] extends (...args: never[]) => unknown ? never : K }[Extract<keyof T, string>];

/** {@link ElementSchema} with property names constrained to the keys of `T`. */
export interface TypedSchema<T> extends Omit<ElementSchema, 'attributes' | 'text' | 'children'> {
  readonly attributes?: { readonly [K in Key<T>]?: AttributeSpec<NonNullable<T[K]>> };
  readonly text?: { readonly [K in Key<T>]: TextSpec<NonNullable<T[K]>> & { readonly property: K } }[Key<T>];
  readonly children?: ReadonlyArray<
    | (Omit<ChildSlot, 'property'> & { readonly property: Key<T> })
    | (Omit<ListSlot, 'property'> & { readonly property: Key<T> })
    | ItemsSlot
    | (Omit<ExtensionSlot, 'property'> & { readonly property?: Key<T> })
    | (Omit<TokensSlot, 'property'> & { readonly property: Key<T> })
    | (Omit<ValueSlot, 'property'> & { readonly property: Key<T> })
  >;
}

/** Resolves an {@link ElementRef} (arrow functions have no prototype; classes do). */
export function resolveRef(ref: ElementRef): ElementClass {
  return (ref as { prototype?: unknown }).prototype === undefined ? (ref as () => ElementClass)() : (ref as ElementClass);
}

/** Resolves a single reference or a choice into a list of classes. */
export function resolveRefs(refs: ElementRef | readonly ElementRef[]): ElementClass[] {
  return Array.isArray(refs) ? refs.map(resolveRef) : [resolveRef(refs as ElementRef)];
}
