/**
 * XCAP URIs (RFC 4825 §6): XCAP root, document selector (AUID, `users` tree
 * with the XUI or `global` tree, document path), optional node selector after
 * the `~~` segment, and namespace bindings in the query. {@link XCAPURI.parse}
 * and {@link XCAPURI.toString} round-trip: parsing keeps decoded values,
 * building encodes them one canonical way.
 */
import { XCAPURIError } from '../errors.js';
import { decodePercent, encodeQuery, encodeSegment } from './percent.js';
import {
  formatNamespaceBindings,
  parseNamespaceBindings,
  type NamespaceBindings,
} from './namespace-bindings.js';
import {
  formatNodeSelector,
  formatStep,
  formatTerminal,
  parseNodeSelector,
  selectorPrefixes,
  validateNodeSelector,
  type NodeSelector,
} from './node-selector.js';
import { parseXCAPRoot, type XCAPRoot } from './xcap-root.js';

/** The two trees beneath an AUID (RFC 4825 §6.2). */
export type XCAPTree = 'users' | 'global';

/** What an XCAP URI selects (RFC 4825 §4 "XCAP resource"). */
export type XCAPResourceKind = 'document' | 'element' | 'attribute' | 'namespaces';

/** The parts of an XCAP URI, as plain (percent-decoded) values. */
export interface XCAPURIParts {
  /** XCAP root (RFC 4825 §6.1). */
  readonly root: string;
  /** Application Unique ID (RFC 4825 §5.1), e.g. `resource-lists`. */
  readonly auid: string;
  /** `users` (per-user documents, the default) or `global`. */
  readonly tree?: XCAPTree;
  /** XCAP User Identifier for the users tree, e.g. `sip:alice@example.com` (RFC 4825 §6.2). */
  readonly xui?: string | undefined;
  /** Document path below the tree or the XUI: segments separated by "/"; default `index`. */
  readonly document?: string;
  /** Node selector (RFC 4825 §6.3): parsed, or as text such as `/resource-lists/list[@name="friends"]`. */
  readonly node?: NodeSelector | string | undefined;
  /** Prefix bindings for the node selector's prefixed names (RFC 4825 §6.4). */
  readonly namespaces?: NamespaceBindings;
}

/** The separator segment between document and node selector (RFC 4825 §6). */
export const NODE_SEPARATOR = '~~';

const PREFIX_XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

function checkSegment(value: string, what: string, uri: string): void {
  if (value === '' || value === '.' || value === '..' || value === NODE_SEPARATOR) {
    throw new XCAPURIError(`${what} "${value}" is not allowed as a path segment`, uri);
  }
}

/** A checked XCAP URI (RFC 4825 §6). Immutable; `with*` methods return new ones. */
export class XCAPURI {
  readonly root: string;
  readonly auid: string;
  readonly tree: XCAPTree;
  readonly xui: string | undefined;
  readonly document: string;
  readonly node: NodeSelector | undefined;
  readonly namespaces: NamespaceBindings;
  private readonly rootParts: XCAPRoot;
  private text: string | undefined;

  constructor(parts: XCAPURIParts) {
    this.rootParts = parseXCAPRoot(parts.root);
    this.root = this.rootParts.text;
    this.auid = parts.auid;
    this.tree = parts.tree ?? 'users';
    this.xui = this.tree === 'users' ? parts.xui : undefined;
    this.document = parts.document ?? 'index';
    this.namespaces = Object.freeze({ ...(parts.namespaces ?? {}) });
    const label = `${this.root}/${this.auid}`;
    if (this.tree !== 'users' && this.tree !== 'global') throw new XCAPURIError(`tree "${String(this.tree)}" is neither users nor global`, label);
    if (parts.tree === 'global' && parts.xui !== undefined) throw new XCAPURIError('the global tree has no XUI', label);
    checkSegment(this.auid, 'AUID', label);
    if (this.auid.includes('/')) throw new XCAPURIError(`AUID "${this.auid}" holds "/"`, label);
    if (this.tree === 'users') {
      if (this.xui === undefined) throw new XCAPURIError('a document in the users tree needs an XUI', label);
      checkSegment(this.xui, 'XUI', label);
      if (this.xui.includes('/')) throw new XCAPURIError(`XUI "${this.xui}" holds "/"`, label);
    }
    for (const segment of this.document.split('/')) checkSegment(segment, 'document path segment', label);
    const node = typeof parts.node === 'string' ? parseNodeSelector(parts.node) : parts.node;
    this.node = node === undefined ? undefined : Object.freeze(validateNodeSelector(node));
    if (this.node) {
      for (const prefix of selectorPrefixes(this.node)) {
        if (prefix !== 'xml' && !(prefix in this.namespaces)) {
          throw new XCAPURIError(`node selector prefix "${prefix}" has no xmlns() binding`, this.documentText());
        }
      }
    }
    if ('xml' in this.namespaces && this.namespaces['xml'] !== PREFIX_XML_NAMESPACE) {
      throw new XCAPURIError('the prefix "xml" cannot be bound to another namespace', label);
    }
  }

  /**
   * Parses an XCAP URI. With `root`, the URI must start with it; without, the
   * root ends before the AUID, the segment before the first `users` or
   * `global` segment. Throws {@link XCAPURIError}.
   */
  static parse(uri: string, root?: string): XCAPURI {
    if (uri.includes('#')) throw new XCAPURIError('an XCAP URI has no fragment', uri, uri.indexOf('#'));
    const question = uri.indexOf('?');
    const beforeQuery = question < 0 ? uri : uri.slice(0, question);
    let rootText: string;
    let rest: string;
    if (root !== undefined) {
      rootText = parseXCAPRoot(root).text;
      if (!beforeQuery.startsWith(rootText + '/')) throw new XCAPURIError(`not below the XCAP root ${rootText}`, uri);
      rest = beforeQuery.slice(rootText.length + 1);
    } else {
      const schemeEnd = beforeQuery.indexOf('://');
      const pathStart = schemeEnd < 0 ? -1 : beforeQuery.indexOf('/', schemeEnd + 3);
      if (pathStart < 0) throw new XCAPURIError('not an absolute http or https URI with a path', uri);
      const segments = beforeQuery.slice(pathStart + 1).split('/');
      const separator = segments.indexOf(NODE_SEPARATOR);
      const limit = separator < 0 ? segments.length : separator;
      let k = 1;
      while (k < limit && segments[k] !== 'users' && segments[k] !== 'global') k++;
      if (k >= limit) throw new XCAPURIError('no "users" or "global" segment after an AUID', uri);
      const rootSegments = segments.slice(0, k - 1);
      rootText = beforeQuery.slice(0, pathStart) + (rootSegments.length > 0 ? '/' + rootSegments.join('/') : '');
      rest = segments.slice(k - 1).join('/');
    }
    const restOffset = rootText.length + 1;
    const separatorAt = rest === NODE_SEPARATOR || rest.startsWith(NODE_SEPARATOR + '/') ? 0 : rest.indexOf('/' + NODE_SEPARATOR + '/');
    const docText = separatorAt < 0 ? rest : rest.slice(0, Math.max(0, separatorAt));
    const decode = (raw: string, offset: number): string => {
      const decoded = decodePercent(raw);
      if (typeof decoded === 'number') throw new XCAPURIError('bad percent-encoding', uri, offset + decoded);
      return decoded;
    };
    const segments: string[] = [];
    let offset = restOffset;
    for (const raw of docText.split('/')) {
      const value = decode(raw, offset);
      if (value.includes('/')) throw new XCAPURIError('a path segment holds an encoded "/"', uri, offset);
      segments.push(value);
      offset += raw.length + 1;
    }
    const [auid, tree, ...after] = segments;
    if (auid === undefined || (tree !== 'users' && tree !== 'global')) {
      throw new XCAPURIError('expected <auid>/users/<xui>/<document> or <auid>/global/<document>', uri, restOffset);
    }
    let xui: string | undefined;
    if (tree === 'users') xui = after.shift();
    if (after.length === 0) throw new XCAPURIError('no document path', uri, beforeQuery.length);
    let node: NodeSelector | undefined;
    if (separatorAt >= 0) {
      const nodeStart = separatorAt + (separatorAt === 0 ? NODE_SEPARATOR.length : NODE_SEPARATOR.length + 1);
      const nodeRaw = rest.slice(nodeStart);
      const nodeText = decode(nodeRaw, restOffset + nodeStart);
      try {
        node = parseNodeSelector(nodeText);
      } catch (error) {
        const at = error instanceof XCAPURIError && error.offset !== undefined ? ` at offset ${error.offset} of "${nodeText}"` : '';
        throw new XCAPURIError(`${error instanceof Error ? error.message.replace(/ \(at offset \d+\)$/, '') : String(error)}${at}`, uri, restOffset + nodeStart);
      }
    }
    const namespaces = question < 0 ? {} : parseNamespaceBindings(decode(uri.slice(question + 1), question + 1), uri);
    return new XCAPURI({ root: rootText, auid, tree, xui, document: after.join('/'), node, namespaces });
  }

  /** A document URI (RFC 4825 §6.2) from the parts. */
  static document(parts: Omit<XCAPURIParts, 'node' | 'namespaces'>): XCAPURI {
    return new XCAPURI(parts);
  }

  /** What this URI selects: the document, an element, an attribute or the namespace bindings of an element. */
  get kind(): XCAPResourceKind {
    if (!this.node) return 'document';
    if (!this.node.terminal) return 'element';
    return this.node.terminal.kind === 'attribute' ? 'attribute' : 'namespaces';
  }

  /** The document selector as written in the URI (RFC 4825 §6.2), e.g. `resource-lists/users/sip:a@b/index`. */
  get documentSelector(): string {
    const segments = [encodeSegment(this.auid), this.tree];
    if (this.xui !== undefined) segments.push(encodeSegment(this.xui));
    for (const segment of this.document.split('/')) segments.push(encodeSegment(segment));
    return segments.join('/');
  }

  /** The node selector's decoded text with a leading "/", or `undefined`. */
  get nodeSelector(): string | undefined {
    return this.node ? formatNodeSelector(this.node) : undefined;
  }

  /** The same document without node selector or bindings. */
  get documentURI(): XCAPURI {
    return this.node ? new XCAPURI({ ...this.parts(), node: undefined, namespaces: {} }) : this;
  }

  /** The same document with another node selector (and bindings for its prefixes). */
  withNode(node: NodeSelector | string, namespaces: NamespaceBindings = this.namespaces): XCAPURI {
    return new XCAPURI({ ...this.parts(), node, namespaces });
  }

  /** The same document and element with an attribute selector (`/@name`) in place of any terminal. */
  withAttribute(name: string): XCAPURI {
    if (!this.node) throw new XCAPURIError('an attribute selector needs an element selector before it', this.toString());
    return this.withNode({ steps: this.node.steps, terminal: { kind: 'attribute', name } });
  }

  /** Path and query as sent in the HTTP request line (RFC 9112 §3.2 origin-form). */
  get requestTarget(): string {
    const text = this.toString();
    return (this.rootParts.path || '') + text.slice(this.root.length);
  }

  /** Where the server is: scheme, host and port. */
  get server(): Pick<XCAPRoot, 'protocol' | 'hostname' | 'port'> {
    return { protocol: this.rootParts.protocol, hostname: this.rootParts.hostname, port: this.rootParts.port };
  }

  /** The URI, percent-encoded the canonical way. */
  toString(): string {
    if (this.text !== undefined) return this.text;
    let text = this.documentText();
    if (this.node) {
      text += '/' + NODE_SEPARATOR;
      for (const step of this.node.steps) text += '/' + encodeSegment(formatStep(step), '/');
      if (this.node.terminal) text += '/' + encodeSegment(formatTerminal(this.node.terminal));
    }
    if (Object.keys(this.namespaces).length > 0) text += '?' + encodeQuery(formatNamespaceBindings(this.namespaces));
    this.text = text;
    return text;
  }

  /** Same as {@link toString}. */
  toJSON(): string {
    return this.toString();
  }

  /** Whether both denote the same resource (same canonical text). */
  equals(other: XCAPURI): boolean {
    return this.toString() === other.toString();
  }

  private documentText(): string {
    return `${this.root}/${this.documentSelector}`;
  }

  private parts(): XCAPURIParts {
    return {
      root: this.root,
      auid: this.auid,
      tree: this.tree,
      xui: this.xui,
      document: this.document,
      node: this.node,
      namespaces: this.namespaces,
    };
  }
}
