/**
 * Base classes of bound elements: {@link XMLElement} for ordinary elements
 * and {@link XMLListElement} for elements whose content is a list of
 * children and which behave like arrays (index, insert, remove, iterate,
 * look up by key).
 */
import type { XMLAttribute } from './node.js';

/** Instance side shared by every bound element: attributes the schema does not declare are kept here for the round trip. */
export interface BoundElement {
  /** Attributes of the element that its schema does not declare, written back unchanged. */
  otherAttributes?: XMLAttribute[];
}

/** Base class of an element bound through its static `schema` (see docs/xml-binding.md). */
export class XMLElement implements BoundElement {
  declare otherAttributes?: XMLAttribute[];

  /** The first child of class `type` among this element's extensions (the `extensions` property of an extension slot). */
  extension<T>(type: abstract new (...args: never[]) => T): T | undefined {
    const extensions = (this as { extensions?: unknown[] }).extensions;
    if (extensions === undefined) return undefined;
    for (const item of extensions) if (item instanceof type) return item;
    return undefined;
  }

  /** Replaces the extension of the same class as `value` (or appends it); `undefined` removes every extension of `type`. */
  setExtension<T extends object>(type: abstract new (...args: never[]) => T, value: T | undefined): void {
    const self = this as { extensions?: unknown[] };
    const extensions = (self.extensions ??= []);
    const index = extensions.findIndex((item) => item instanceof type);
    if (value === undefined) {
      for (let i = extensions.length - 1; i >= 0; i--) if (extensions[i] instanceof type) extensions.splice(i, 1);
    } else if (index === -1) extensions.push(value);
    else extensions[index] = value;
  }
}

/**
 * Base class of list elements: an `Array` of its items with the binding's
 * extras. Subclasses set `static itemKey` to the item property that
 * {@link get}, {@link has} and {@link removeByKey} look items up by
 * (default `id`).
 */
export class XMLListElement<T> extends Array<T> implements BoundElement {
  declare otherAttributes?: XMLAttribute[];

  /** The item property used for look-ups. */
  static itemKey = 'id';

  /** Derived arrays (`map`, `filter`, `slice`) are plain arrays. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(items: Iterable<T> = []) {
    super();
    for (const item of items) this.push(item);
  }

  /** Appends one item. */
  append(item: T): this {
    this.push(item);
    return this;
  }

  /** Inserts `items` before position `index` (the seed's `list[i:i] = items`). */
  insertAt(index: number, items: Iterable<T>): this {
    this.splice(index, 0, ...items);
    return this;
  }

  /** Removes the first occurrence of `item`; returns whether it was there. */
  remove(item: T): boolean {
    const index = this.indexOf(item);
    if (index === -1) return false;
    this.splice(index, 1);
    return true;
  }

  /** Removes and returns the item at `index`. */
  removeAt(index: number): T | undefined {
    return this.splice(index, 1)[0];
  }

  /** The first item whose key property (see `itemKey`) equals `key`. */
  get(key: string): T | undefined {
    const property = (this.constructor as typeof XMLListElement).itemKey;
    for (const item of this) if ((item as Record<string, unknown>)[property] === key) return item;
    return undefined;
  }

  /** Whether an item has `key`. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Removes the items whose key is `key`; returns how many were removed. */
  removeByKey(key: string): number {
    const property = (this.constructor as typeof XMLListElement).itemKey;
    let removed = 0;
    for (let i = this.length - 1; i >= 0; i--) {
      if ((this[i] as Record<string, unknown>)[property] === key) {
        this.splice(i, 1);
        removed++;
      }
    }
    return removed;
  }
}
