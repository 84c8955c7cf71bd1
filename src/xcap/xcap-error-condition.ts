/**
 * The error conditions of a 409 response (RFC 4825 §11): the
 * `application/xcap-error+xml` document, read into a typed condition.
 */
import { nodeText, parseXML, type XMLNode } from '../xml/index.js';

/** Namespace of the xcap-error document (RFC 4825 §11.2). */
export const XCAP_ERROR_NAMESPACE = 'urn:ietf:params:xml:ns:xcap-error';

/** MIME type of the xcap-error document (RFC 4825 §15.2.5). */
export const XCAP_ERROR_CONTENT_TYPE = 'application/xcap-error+xml';

/** Conditions that carry nothing but an optional phrase (RFC 4825 §11.1). */
export type XCAPSimpleConditionType =
  | 'not-well-formed'
  | 'not-xml-frag'
  | 'not-xml-att-value'
  | 'not-utf-8'
  | 'cannot-insert'
  | 'cannot-delete'
  | 'schema-validation-error'
  | 'constraint-failure';

const SIMPLE_TYPES: ReadonlySet<string> = new Set<XCAPSimpleConditionType>([
  'not-well-formed',
  'not-xml-frag',
  'not-xml-att-value',
  'not-utf-8',
  'cannot-insert',
  'cannot-delete',
  'schema-validation-error',
  'constraint-failure',
]);

/** One `<exists>` of a uniqueness failure: the field (a node selector) and the server's suggestions. */
export interface XCAPUniquenessField {
  /** Node selector of the value that is not unique, relative to the document. */
  readonly field: string;
  /** `<alt-value>` suggestions of values that would be unique. */
  readonly altValues: readonly string[];
}

/** A typed xcap-error condition (RFC 4825 §11.1). */
export type XCAPErrorCondition =
  | { readonly type: XCAPSimpleConditionType; readonly phrase: string | undefined }
  | {
      readonly type: 'no-parent';
      readonly phrase: string | undefined;
      /** The closest ancestor that exists, as an HTTP URI (RFC 4825 §11.1 `<ancestor>`). */
      readonly ancestor: string | undefined;
    }
  | { readonly type: 'uniqueness-failure'; readonly phrase: string | undefined; readonly fields: readonly XCAPUniquenessField[] }
  | {
      readonly type: 'extension';
      readonly phrase: string | undefined;
      /** The extension's content, as parsed elements. */
      readonly elements: readonly XMLNode[];
    }
  | {
      /** A condition element this client does not know (another namespace or a later revision). */
      readonly type: 'unknown';
      readonly phrase: string | undefined;
      /** Clark name `{namespace}name` of the element. */
      readonly element: string;
    };

/** Either a condition or why the body holds none. */
export type XCAPErrorBodyResult = { ok: true; condition: XCAPErrorCondition } | { ok: false; reason: string };

function elements(node: XMLNode): XMLNode[] {
  return node.children.filter((child): child is XMLNode => typeof child !== 'string');
}

function attribute(node: XMLNode, name: string): string | undefined {
  return node.attributes.find((a) => a.namespace === null && a.name === name)?.value;
}

function inErrorNamespace(node: XMLNode, name: string): boolean {
  return node.namespace === XCAP_ERROR_NAMESPACE && node.name === name;
}

/** Reads one condition element (a child of `<xcap-error>`). */
export function readCondition(node: XMLNode): XCAPErrorCondition {
  const phrase = attribute(node, 'phrase');
  if (node.namespace !== XCAP_ERROR_NAMESPACE) {
    return { type: 'unknown', phrase, element: `{${node.namespace ?? ''}}${node.name}` };
  }
  if (SIMPLE_TYPES.has(node.name)) return { type: node.name as XCAPSimpleConditionType, phrase };
  switch (node.name) {
    case 'no-parent': {
      const ancestor = elements(node).find((child) => inErrorNamespace(child, 'ancestor'));
      return { type: 'no-parent', phrase, ancestor: ancestor ? nodeText(ancestor).trim() : undefined };
    }
    case 'uniqueness-failure': {
      const fields = elements(node)
        .filter((child) => inErrorNamespace(child, 'exists'))
        .map((exists) => ({
          field: attribute(exists, 'field') ?? '',
          altValues: elements(exists)
            .filter((child) => inErrorNamespace(child, 'alt-value'))
            .map((alt) => nodeText(alt)),
        }));
      return { type: 'uniqueness-failure', phrase, fields };
    }
    case 'extension':
      return { type: 'extension', phrase, elements: elements(node) };
    default:
      return { type: 'unknown', phrase, element: `{${XCAP_ERROR_NAMESPACE}}${node.name}` };
  }
}

/**
 * Parses the body of a 409 response (RFC 4825 §11): the root must be
 * `<xcap-error>` in the xcap-error namespace with one condition element.
 * Never throws: a body that is not such a document gives `ok: false`.
 */
export function parseXCAPErrorBody(body: Uint8Array | string): XCAPErrorBodyResult {
  let root: XMLNode;
  try {
    root = parseXML(body, { maxSize: 256 * 1024, maxDepth: 16 });
  } catch (error) {
    return { ok: false, reason: `the body is not XML: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!inErrorNamespace(root, 'xcap-error')) {
    return { ok: false, reason: `the root element is {${root.namespace ?? ''}}${root.name}, not xcap-error` };
  }
  const first = elements(root)[0];
  if (!first) return { ok: false, reason: 'xcap-error has no condition element' };
  return { ok: true, condition: readCondition(first) };
}

/** A one-line description of a condition, for error messages. */
export function describeCondition(condition: XCAPErrorCondition): string {
  let text: string = condition.type === 'unknown' ? `unknown condition ${condition.element}` : condition.type;
  if (condition.type === 'no-parent' && condition.ancestor !== undefined) text += `, closest ancestor ${condition.ancestor}`;
  if (condition.type === 'uniqueness-failure') {
    for (const field of condition.fields) {
      text += `, ${field.field} not unique`;
      if (field.altValues.length > 0) text += ` (try ${field.altValues.join(' or ')})`;
    }
  }
  if (condition.phrase) text += `: ${condition.phrase}`;
  return text;
}
