/**
 * Documents: the root element classes that parse and serialize a whole
 * document, their registered namespaces, and the registry that maps a MIME
 * type to its document class (how a NOTIFY body is dispatched).
 */
import { readElement, ReadContext, writeElement, type InvalidElement } from './binder.js';
import { XMLElement, XMLListElement } from './element.js';
import { ValidationError } from './errors.js';
import { clarkName } from './node.js';
import type { ElementClass } from './schema.js';
import { parseXMLText, type XMLParseOptions } from './tokenizer.js';
import { XMLWriter, type XMLWriteOptions } from './writer.js';

/** Static side of a document class: a root element class with a MIME type. */
export interface DocumentClass<T extends object = object> extends ElementClass<T> {
  /** MIME type of the document (`application/pidf+xml`). */
  readonly contentType: string;
}

const namespaceTables = new WeakMap<ElementClass, Map<string, string>>();
const documentClasses = new Map<string, DocumentClass>();

/**
 * Registers `uri` with its preferred `prefix` (`''` for the default
 * namespace) on the document class `root`; every registered namespace is
 * declared on the root element when the document is written.
 */
export function registerNamespace(root: ElementClass, uri: string, prefix: string): void {
  const table = new Map(namespaceTables.get(root));
  for (const [other, otherPrefix] of table) {
    if (otherPrefix === prefix && other !== uri) throw new TypeError(`prefix '${prefix}' is already registered for ${other} on ${root.name}`);
  }
  table.set(uri, prefix);
  // A new table each time: the writer caches per table.
  namespaceTables.set(root, table);
}

const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

/** The namespaces registered on the document class `root`, by URI. */
export function namespacesOf(root: ElementClass): ReadonlyMap<string, string> {
  return namespaceTables.get(root) ?? NO_NAMESPACES;
}

/** Registers a document class under its MIME type for {@link documentClassFor}. */
export function registerDocument(type: DocumentClass): void {
  documentClasses.set(normaliseContentType(type.contentType), type);
}

/** The document class registered for a MIME type (parameters such as `charset` and case are ignored), or `undefined`. */
export function documentClassFor(contentType: string): DocumentClass | undefined {
  return documentClasses.get(normaliseContentType(contentType));
}

function normaliseContentType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** What a parsed document carries besides its content. */
export interface ParsedDocument {
  /** Extension elements that failed validation and were kept as raw elements (empty when all was valid). */
  invalid: InvalidElement[];
}

/** Parses `data` as a document whose root is `type`; throws `ParserError` or {@link ValidationError}. */
export function parseDocument<T extends object>(type: ElementClass<T>, data: string | Uint8Array, options?: XMLParseOptions): T & ParsedDocument {
  const { root, text } = parseXMLText(data, options);
  const context = new ReadContext(text);
  const { namespace, name } = type.schema;
  if (root.namespace !== namespace || root.name !== name) {
    context.fail(root, `root element is not ${clarkName(namespace, name)}`);
  }
  const document = readElement(type, root, context) as T & ParsedDocument;
  document.invalid = context.invalid;
  return document;
}

/** Serializes a document whose root is `element`; throws `BuilderError` when it cannot be written. */
export function serializeDocument(element: object, options?: XMLWriteOptions): string {
  const writer = new XMLWriter(options, namespacesOf(element.constructor as unknown as ElementClass));
  writeElement(writer, element);
  return writer.result();
}

/** Base class of a document's root element (see docs/xml-binding.md). */
export class XMLRootElement extends XMLElement implements ParsedDocument {
  /** MIME type; each document class sets its own. */
  static readonly contentType: string = 'application/xml';
  invalid: InvalidElement[] = [];

  /** Parses a whole document; throws `ParserError` (not well-formed, hostile) or {@link ValidationError} (breaks the schema). */
  static parse<T extends object>(this: ElementClass<T>, data: string | Uint8Array, options?: XMLParseOptions): T {
    return parseDocument(this, data, options);
  }

  /** The document's MIME type. */
  get contentType(): string {
    return (this.constructor as unknown as DocumentClass).contentType;
  }

  /** Serializes the document; throws `BuilderError` when it cannot be written as it stands. */
  toXML(options?: XMLWriteOptions): string {
    return serializeDocument(this, options);
  }
}

/** Base class of a document whose root is a list element (resource-lists, ruleset, watcherinfo's lists, ...). */
export class XMLRootListElement<T> extends XMLListElement<T> implements ParsedDocument {
  /** MIME type; each document class sets its own. */
  static readonly contentType: string = 'application/xml';
  invalid: InvalidElement[] = [];

  /** Parses a whole document; throws `ParserError` (not well-formed, hostile) or {@link ValidationError} (breaks the schema). */
  static parse<R extends object>(this: ElementClass<R>, data: string | Uint8Array, options?: XMLParseOptions): R {
    return parseDocument(this, data, options);
  }

  /** The document's MIME type. */
  get contentType(): string {
    return (this.constructor as unknown as DocumentClass).contentType;
  }

  /** Serializes the document; throws `BuilderError` when it cannot be written as it stands. */
  toXML(options?: XMLWriteOptions): string {
    return serializeDocument(this, options);
  }
}

