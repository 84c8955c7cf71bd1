/**
 * An ordered list of `;name[=value]` parameters with case-insensitive names,
 * as used by SIP URIs (RFC 3261 §19.1.1) and header fields (§7.3.1).
 */

/** One parameter: `value` is `null` for a valueless parameter such as `;lr`. */
export interface Param {
  name: string;
  value: string | null;
}

/**
 * Ordered, case-insensitive-name parameter list. Values are kept as they were
 * received (escapes and quotes included) so that serialization is lossless.
 */
export class Params implements Iterable<Param> {
  private readonly list: Param[];
  /** Incremented on every change; owners compare it to know whether they were modified. */
  version = 0;

  constructor(entries: Iterable<Param | [string, string | null]> = []) {
    this.list = [];
    for (const entry of entries) {
      if (Array.isArray(entry)) this.list.push({ name: entry[0], value: entry[1] });
      else this.list.push({ name: entry.name, value: entry.value });
    }
  }

  private indexOf(name: string): number {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!.name;
      if (n === name || (n.length === name.length && n.toLowerCase() === name.toLowerCase())) return i;
    }
    return -1;
  }

  /** The value of the first parameter called `name`: `undefined` when absent, `null` when valueless. */
  get(name: string): string | null | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.list[i]!.value;
  }

  /** Whether a parameter called `name` is present. */
  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** Sets `name` (replacing the first of that name in place, or appending); `null` makes it valueless. */
  set(name: string, value: string | null = null): this {
    const i = this.indexOf(name);
    if (i >= 0) this.list[i] = { name: this.list[i]!.name, value };
    else this.list.push({ name, value });
    this.version++;
    return this;
  }

  /** Appends a parameter even when one of that name exists (header fields may repeat names). */
  append(name: string, value: string | null = null): this {
    this.list.push({ name, value });
    this.version++;
    return this;
  }

  /** Removes every parameter called `name`; returns whether one was present. */
  delete(name: string): boolean {
    let found = false;
    for (let i = this.indexOf(name); i >= 0; i = this.indexOf(name)) {
      this.list.splice(i, 1);
      found = true;
    }
    if (found) this.version++;
    return found;
  }

  /** Number of parameters. */
  get size(): number {
    return this.list.length;
  }

  [Symbol.iterator](): Iterator<Param> {
    return this.list[Symbol.iterator]();
  }

  /** A copy with the same entries. */
  clone(): Params {
    return new Params(this.list);
  }

  /** `;name=value;flag` (empty string when there is none). */
  toString(): string {
    let out = '';
    for (const p of this.list) out += p.value === null ? `;${p.name}` : `;${p.name}=${p.value}`;
    return out;
  }
}
