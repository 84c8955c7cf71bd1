/**
 * The binder: reads an {@link XMLNode} tree into instances of element
 * classes and writes instances back through an {@link XMLWriter}, both
 * driven by the classes' declarative schemas.
 *
 * Policy for invalid content (see docs/xml-binding.md): a fault in an
 * element of the document's own schema raises {@link ValidationError}; a
 * registered extension element that fails its own validation is kept as a
 * {@link RawElement} (so it is written back unchanged) and reported in the
 * document's `invalid` list. Nothing is dropped silently.
 */
import { compiledSchema, type CompiledSchema } from './compiled-schema.js';
import { BuilderError, ValidationError } from './errors.js';
import { clarkName, nodeText, type XMLNode } from './node.js';
import { RawElement } from './raw-element.js';
import type { ElementClass } from './schema.js';
import type { ValueType } from './values.js';
import type { QNameCache, XMLWriter } from './writer.js';

/** An extension element that failed validation and was kept as a {@link RawElement}. */
export interface InvalidElement {
  /** Clark name (`{namespace}name`) of the element. */
  readonly element: string;
  /** Why it was not accepted; has the offset and line. */
  readonly error: ValidationError;
  /** The element as kept in the document. */
  readonly kept: RawElement;
}

/** State of one parse: the source text (for line numbers) and the invalid extensions found. */
export class ReadContext {
  readonly invalid: InvalidElement[] = [];

  constructor(private readonly text: string) {}

  /** Throws a {@link ValidationError} located at `node`. */
  fail(node: XMLNode, reason: string, cause?: unknown): never {
    const element = clarkName(node.namespace, node.name);
    let line = 1;
    for (let i = this.text.indexOf('\n'); i !== -1 && i < node.offset; i = this.text.indexOf('\n', i + 1)) line++;
    throw new ValidationError(`${element}: ${reason} (line ${line}, offset ${node.offset})`, { offset: node.offset, line, element }, { cause });
  }
}

type Bag = Record<string, unknown> & { push?: (item: unknown) => number; otherAttributes?: unknown[] };

/** Builds an instance of `type` from `node`; throws {@link ValidationError} when `node` breaks the schema. */
export function readElement<T extends object>(type: ElementClass<T>, node: XMLNode, context: ReadContext): T {
  const compiled = compiledSchema(type);
  const schema = compiled.schema;
  const target = (schema.list === true ? Reflect.construct(Array, [], type as unknown as new () => unknown) : Object.create(type.prototype)) as Bag;
  readAttributes(compiled, node, target, context);
  const slots = compiled.slots;
  for (const [property, repeated] of compiled.initialisers) target[property] = repeated ? [] : undefined;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (typeof child === 'string') {
      if (compiled.text === undefined && child.trim() !== '') context.fail(node, 'unexpected text content');
      continue;
    }
    const found = compiled.childIndex.get(child.namespace)?.get(child.name);
    if (found !== undefined) {
      const slot = slots[found.slotIndex]!.slot;
      if (slot.kind === 'value' || slot.kind === 'values') {
        const value = readValue(slot.type, child, context);
        if (slot.kind === 'values') (target[slot.property] as unknown[]).push(value);
        else if (target[slot.property] !== undefined) context.fail(child, `more than one in <${schema.name}>`);
        else target[slot.property] = value;
        continue;
      }
      const value = readElement(found.element!, child, context);
      if (slot.kind === 'child') {
        if (target[slot.property] !== undefined) context.fail(child, `more than one in <${schema.name}>`);
        target[slot.property] = value;
      } else if (slot.kind === 'list') (target[slot.property] as unknown[]).push(value);
      else target.push!(value);
      continue;
    }
    if (child.namespace !== null) {
      const tokens = compiled.tokenIndex.get(child.namespace);
      if (tokens !== undefined && (tokens.names === null || tokens.names.has(child.name))) {
        if (child.attributes.length > 0 || child.children.some((c) => typeof c !== 'string' || c.trim() !== '')) context.fail(child, 'must be an empty element');
        const slot = slots[tokens.slotIndex]!.slot as { property: string };
        (target[slot.property] as string[]).push(child.name);
        continue;
      }
    }
    if (compiled.extensionSlot !== -1 && child.namespace !== schema.namespace) {
      const slot = slots[compiled.extensionSlot]!.slot as { property?: string };
      const value = readExtension(compiled, child, context);
      if (slot.property === undefined) target.push!(value);
      else (target[slot.property] as unknown[]).push(value);
      continue;
    }
    context.fail(child, `not allowed in <${schema.name}>`);
  }
  if (compiled.text !== undefined) {
    const text = nodeText(node);
    try {
      target[compiled.text.property] = compiled.text.type.parse(text);
    } catch (error) {
      context.fail(node, `invalid ${compiled.text.type.name} content: ${(error as Error).message}`, error);
    }
  }
  for (const { slot, classes } of slots) {
    if ((slot.kind === 'child' || slot.kind === 'value') && slot.required === true && target[slot.property] === undefined) {
      const what = slot.kind === 'value' ? `<${slot.name}>` : [...classes].map((c) => `<${c.schema.name}>`).join(' or ');
      context.fail(node, `missing required child ${what}`);
    }
  }
  return target as T;
}

function readValue(type: ValueType<unknown>, node: XMLNode, context: ReadContext): unknown {
  if (node.attributes.length > 0) context.fail(node, 'takes no attributes');
  const children = node.children;
  if (children.length > 1 || (children.length === 1 && typeof children[0] !== 'string')) context.fail(node, 'takes text only');
  try {
    return type.parse(children.length === 0 ? '' : (children[0] as string));
  } catch (error) {
    return context.fail(node, `invalid ${type.name} content: ${(error as Error).message}`, error);
  }
}

function readAttributes(compiled: CompiledSchema, node: XMLNode, target: Bag, context: ReadContext): void {
  for (const [property] of compiled.attributes) target[property] = undefined;
  for (const attribute of node.attributes) {
    const entry = compiled.attributeIndex.get(attribute.namespace)?.get(attribute.name);
    if (entry === undefined) {
      (target.otherAttributes ??= []).push(attribute);
      continue;
    }
    const spec = entry[1];
    try {
      target[entry[0]] = spec.type.parse(attribute.value);
    } catch (error) {
      context.fail(node, `attribute ${clarkName(attribute.namespace, attribute.name)}: ${(error as Error).message}`, error);
    }
  }
  for (const [property, spec] of compiled.attributes) {
    if (spec.required === true && target[property] === undefined) context.fail(node, `missing required attribute ${spec.name}`);
  }
}

function readExtension(host: CompiledSchema, node: XMLNode, context: ReadContext): object {
  const extension = host.extensions.get(node.namespace)?.get(node.name);
  if (extension === undefined) return new RawElement(node);
  const mark = context.invalid.length;
  try {
    return readElement(extension, node, context);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    context.invalid.length = mark;
    const kept = new RawElement(node);
    context.invalid.push({ element: clarkName(node.namespace, node.name), error, kept });
    return kept;
  }
}

function matches(classes: ReadonlySet<ElementClass>, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (classes.has(value.constructor as unknown as ElementClass)) return true;
  for (const type of classes) if (value instanceof (type as unknown as abstract new () => object)) return true;
  return false;
}

/** Formats a value; `what` and `whatName` name it in the error message. */
function formatValue(type: ValueType<unknown>, value: unknown, element: string, what: string, whatName = ''): string {
  try {
    return type.format(value);
  } catch (error) {
    throw new BuilderError(`${element}: invalid ${what}${whatName}: ${(error as Error).message}`, element, { cause: error });
  }
}

function writeValue(writer: XMLWriter, slot: { namespace: string | null; name: string; type: ValueType<unknown> }, cache: QNameCache, value: unknown, element: string): void {
  const text = formatValue(slot.type, value, element, '<', `${slot.name}>`);
  writer.start(slot.namespace, slot.name, null, cache);
  writer.text(text, slot.type.plain === true);
  writer.end();
}

/** Writes `element` (a bound instance or a {@link RawElement}); throws {@link BuilderError} when it cannot be written as it stands. */
export function writeElement(writer: XMLWriter, element: object): void {
  if (element instanceof RawElement) {
    writeRaw(writer, element.node);
    return;
  }
  const type = element.constructor as unknown as ElementClass;
  if (type.schema === undefined) throw new BuilderError(`${type.name} is not a bound element class`);
  const compiled = compiledSchema(type);
  const schema = compiled.schema;
  const name = compiled.displayName;
  const source = element as Bag;
  writer.start(schema.namespace, schema.name, null, compiled.qname);
  for (const [property, spec] of compiled.attributes) {
    const value = source[property];
    if (value === undefined || value === null) {
      if (spec.required === true) throw new BuilderError(`${name}: missing required attribute ${spec.name}`, name);
      continue;
    }
    writer.attribute(spec.namespace ?? null, spec.name, formatValue(spec.type, value, name, 'attribute ', spec.name), null, spec.type.plain === true);
  }
  const others = source.otherAttributes as ReadonlyArray<{ namespace: string | null; name: string; value: string; prefix: string | null }> | undefined;
  if (others !== undefined) for (const other of others) writer.attribute(other.namespace, other.name, other.value, other.prefix);
  if (compiled.text !== undefined) {
    const value = source[compiled.text.property];
    if (value === undefined || value === null) {
      if (compiled.text.required === true) throw new BuilderError(`${name}: missing required content`, name);
    } else {
      writer.text(formatValue(compiled.text.type, value, name, 'content'), compiled.text.type.plain === true);
    }
  }
  const list = schema.list === true ? (element as unknown as unknown[]) : undefined;
  let listed = 0;
  for (const { slot, classes, qname } of compiled.slots) {
    switch (slot.kind) {
      case 'child': {
        const value = source[slot.property];
        if (value === undefined || value === null) {
          if (slot.required === true) throw new BuilderError(`${name}: missing required child ${slot.property}`, name);
        } else {
          if (!matches(classes, value)) throw new BuilderError(`${name}: ${slot.property} is not one of ${describe(classes)}`, name);
          writeElement(writer, value as object);
        }
        break;
      }
      case 'list': {
        const values = source[slot.property] as unknown[] | undefined;
        if (values === undefined) break;
        for (const value of values) {
          if (!matches(classes, value)) throw new BuilderError(`${name}: an item of ${slot.property} is not one of ${describe(classes)}`, name);
          writeElement(writer, value as object);
        }
        break;
      }
      case 'items':
        if (list === undefined) break;
        for (const item of list) {
          if (matches(classes, item)) {
            writeElement(writer, item as object);
            listed++;
          }
        }
        break;
      case 'extensions': {
        if (slot.property === undefined) {
          if (list === undefined) break;
          for (const item of list) {
            if (isItem(compiled, item)) continue;
            writeExtension(writer, item, schema.namespace, name);
            listed++;
          }
        } else {
          const values = source[slot.property] as unknown[] | undefined;
          if (values !== undefined) for (const value of values) writeExtension(writer, value, schema.namespace, name);
        }
        break;
      }
      case 'value': {
        const value = source[slot.property];
        if (value !== undefined && value !== null) writeValue(writer, slot, qname, value, name);
        else if (slot.required === true) throw new BuilderError(`${name}: missing required child ${slot.name}`, name);
        break;
      }
      case 'values': {
        const values = source[slot.property] as unknown[] | undefined;
        if (values !== undefined) for (const value of values) writeValue(writer, slot, qname, value, name);
        break;
      }
      case 'tokens': {
        const tokens = source[slot.property] as unknown[] | undefined;
        if (tokens === undefined || tokens.length === 0) break;
        const allowed = compiled.tokenIndex.get(slot.namespace)!.names;
        for (const token of tokens) {
          if (typeof token !== 'string' || (allowed !== null && !allowed.has(token))) {
            throw new BuilderError(`${name}: '${String(token)}' is not an allowed ${slot.property} value`, name);
          }
          writer.start(slot.namespace, token);
          writer.end();
        }
        break;
      }
    }
  }
  if (list !== undefined && listed !== list.length) throw new BuilderError(`${name}: the list holds an item that is not allowed here`, name);
  writer.end();
}

function isItem(compiled: CompiledSchema, item: unknown): boolean {
  return matches(compiled.itemClasses, item);
}

function describe(classes: ReadonlySet<ElementClass>): string {
  return [...classes].map((type) => type.name).join(', ');
}

function writeExtension(writer: XMLWriter, value: unknown, ownNamespace: string | null, name: string): void {
  if (value instanceof RawElement) {
    writeRaw(writer, value.node);
    return;
  }
  const type = (value as object | null)?.constructor as ElementClass | undefined;
  if (type?.schema === undefined) throw new BuilderError(`${name}: an extension is not a bound element`, name);
  if (type.schema.namespace === ownNamespace) throw new BuilderError(`${name}: an extension must be in another namespace than the host`, name);
  writeElement(writer, value as object);
}

/** Writes a parsed or built tree as it is. */
export function writeRaw(writer: XMLWriter, node: XMLNode): void {
  writer.start(node.namespace, node.name, node.prefix ?? '');
  for (const attribute of node.attributes) writer.attribute(attribute.namespace, attribute.name, attribute.value, attribute.prefix);
  for (const child of node.children) {
    if (typeof child === 'string') writer.text(child);
    else writeRaw(writer, child);
  }
  writer.end();
}
