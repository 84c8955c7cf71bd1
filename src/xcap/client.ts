/**
 * The XCAP client (RFC 4825 §7, §8): GET, PUT and DELETE of documents,
 * elements and attributes with the right MIME types, entity tags for
 * conditional requests, 409 `xcap-error` bodies parsed into typed errors,
 * HTTP Digest and Basic authentication, verified TLS, deadlines,
 * AbortSignals, keep-alive connections and bounded response bodies.
 */
import http from 'node:http';
import https from 'node:https';
import { Credentials, type DigestAuthenticatorOptions } from '../core/auth/index.js';
import { ParserError } from '../errors.js';
import { XCAPCapabilities } from '../payloads/xcapcaps.js';
import {
  documentContentType,
  XCAP_ATTRIBUTE_CONTENT_TYPE,
  XCAP_ELEMENT_CONTENT_TYPE,
} from './application-usages.js';
import {
  XCAPAuthenticationError,
  XCAPConflictError,
  XCAPContentError,
  XCAPForbiddenError,
  XCAPHTTPError,
  XCAPNotFoundError,
  XCAPPreconditionFailedError,
  XCAPURIError,
  type XCAPHTTPErrorDetails,
} from './errors.js';
import { HTTPAuthenticator } from './http/http-authenticator.js';
import { sendHTTPRequest, type HTTPResponse } from './http/http-request.js';
import { parseXCAPRoot } from './uri/xcap-root.js';
import { XCAPURI, type XCAPTree } from './uri/xcap-uri.js';
import { parseXCAPErrorBody } from './xcap-error-condition.js';

/** Settings of an {@link XCAPClient}. */
export interface XCAPClientOptions {
  /** XCAP root (RFC 4825 §6.1), e.g. `https://xcap.example.com/xcap-root`. */
  readonly root: string;
  /** XUI of the user, used by {@link XCAPClient.documentURI}; usually the SIP AOR (RFC 4825 §6.2). */
  readonly xui?: string;
  /** Username and password for Digest or Basic authentication. */
  readonly credentials?: Credentials | { readonly username: string; readonly password: string };
  /** Answer Basic challenges over plain http. Default false (Basic only over https). */
  readonly allowBasicOverHTTP?: boolean;
  /** Digest options (attempts, userhash, auth-int). */
  readonly digest?: DigestAuthenticatorOptions;
  /** CA certificates (PEM) trusted for https, in place of Node's bundle. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Verify the server's certificate and name. Default true; false is for tests only. */
  readonly verifyCertificate?: boolean;
  /** Milliseconds allowed for one request, from sending to the end of the response. Default 30 000. */
  readonly timeout?: number;
  /** Largest response body accepted, in bytes. Default 4 MiB. */
  readonly maxResponseSize?: number;
  /** Keep connections open between requests. Default true. */
  readonly keepAlive?: boolean;
  /** `User-Agent` header. */
  readonly userAgent?: string;
}

/** Options every request takes. */
export interface XCAPRequestOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this request (milliseconds). */
  readonly timeout?: number;
}

/** Conditions of a request (RFC 9110 §13.1, RFC 4825 §7.11). ETags are sent exactly as given. */
export interface XCAPConditions {
  /** `If-Match`: act only if the resource's document still has this ETag (`*`: if it exists). */
  readonly ifMatch?: string;
  /** `If-None-Match`: on GET, an ETag already held (a 304 is then reported as unchanged); on PUT, `*` creates only. */
  readonly ifNoneMatch?: string;
}

/** Options of {@link XCAPClient.put}. */
export interface XCAPPutOptions extends XCAPRequestOptions, XCAPConditions {
  /** Overrides the MIME type chosen from the URI (document type of the AUID, xcap-el or xcap-att). */
  readonly contentType?: string;
}

/** The outcome of a successful request. */
export interface XCAPResponse {
  /** The resource. */
  readonly uri: XCAPURI;
  /** HTTP status: 200, 201, 204 or 304. */
  readonly status: number;
  /** A GET answered 304 Not Modified: the copy whose ETag was sent is current; `body` is empty. */
  readonly unchanged: boolean;
  /** The document's ETag after the request (RFC 4825 §7.11), as received; on 304 the one sent when the server repeats none. */
  readonly etag: string | undefined;
  /** Content-Type of the body, without parameters. */
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** Every response header, names in lower case. */
  readonly headers: http.IncomingHttpHeaders;
}

/** Where a document lives, for {@link XCAPClient.documentURI}. */
export interface XCAPDocumentLocation {
  /** Document path, default `index`. */
  readonly document?: string;
  /** `users` (default) or `global`. */
  readonly tree?: XCAPTree;
  /** XUI in place of the client's. */
  readonly xui?: string;
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;

function mediaType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * An XCAP client for one XCAP root and one set of credentials.
 *
 * ```ts
 * const client = new XCAPClient({ root, xui: 'sip:alice@example.com', credentials });
 * const uri = client.documentURI('resource-lists');
 * const { etag } = await client.put(uri, xml, { ifNoneMatch: '*' });
 * const entry = await client.get(uri.withNode('/resource-lists/list[@name="friends"]/entry[1]'));
 * ```
 */
export class XCAPClient {
  readonly root: string;
  readonly xui: string | undefined;
  private readonly authenticator: HTTPAuthenticator | undefined;
  private readonly agent: http.Agent;
  private readonly secure: boolean;
  private readonly timeout: number;
  private readonly maxResponseSize: number;
  private readonly userAgent: string | undefined;

  constructor(options: XCAPClientOptions) {
    const root = parseXCAPRoot(options.root);
    this.root = root.text;
    this.xui = options.xui;
    this.secure = root.protocol === 'https:';
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.maxResponseSize = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE;
    this.userAgent = options.userAgent;
    if (options.credentials) {
      const credentials =
        options.credentials instanceof Credentials
          ? options.credentials
          : new Credentials(options.credentials.username, options.credentials.password);
      this.authenticator = new HTTPAuthenticator(credentials, {
        allowBasicOverHTTP: options.allowBasicOverHTTP ?? false,
        ...(options.digest ? { digest: options.digest } : {}),
      });
    }
    const keepAlive = options.keepAlive ?? true;
    this.agent = this.secure
      ? new https.Agent({
          keepAlive,
          rejectUnauthorized: options.verifyCertificate ?? true,
          ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | Array<string | Buffer> }),
        })
      : new http.Agent({ keepAlive });
  }

  /** The URI of a document of `auid` (RFC 4825 §6.2): the user's (default) or a global one. */
  documentURI(auid: string, location: XCAPDocumentLocation = {}): XCAPURI {
    const tree = location.tree ?? 'users';
    return new XCAPURI({
      root: this.root,
      auid,
      tree,
      xui: tree === 'users' ? (location.xui ?? this.xui) : undefined,
      document: location.document ?? 'index',
    });
  }

  /** Parses an XCAP URI below this client's root. */
  uri(text: string): XCAPURI {
    return XCAPURI.parse(text, this.root);
  }

  /**
   * GET of a document, element, attribute or namespace bindings (RFC 4825 §7.3, §8.1).
   * With `ifNoneMatch` a 304 comes back as `{ unchanged: true }`.
   */
  async get(target: XCAPURI | string, options: XCAPRequestOptions & XCAPConditions = {}): Promise<XCAPResponse> {
    return this.request('GET', this.resolve(target), undefined, undefined, options);
  }

  /**
   * PUT of a document, element or attribute (RFC 4825 §7.2, §8.2): creates or
   * replaces it. The body's MIME type follows the URI (RFC 4825 §7.4-§7.6).
   */
  async put(target: XCAPURI | string, body: string | Uint8Array, options: XCAPPutOptions = {}): Promise<XCAPResponse> {
    const uri = this.resolve(target);
    if (uri.kind === 'namespaces') throw new XCAPURIError('namespace bindings can only be read (RFC 4825 §7.10)', uri.toString());
    const contentType = options.contentType ?? this.contentTypeFor(uri);
    return this.request('PUT', uri, typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body), contentType, options);
  }

  /** DELETE of a document, element or attribute (RFC 4825 §7.7-§7.9, §8.3). */
  async delete(target: XCAPURI | string, options: XCAPRequestOptions & XCAPConditions = {}): Promise<XCAPResponse> {
    const uri = this.resolve(target);
    if (uri.kind === 'namespaces') throw new XCAPURIError('namespace bindings can only be read (RFC 4825 §7.10)', uri.toString());
    return this.request('DELETE', uri, undefined, undefined, options);
  }

  /**
   * The server's capabilities: the global `index` document of `xcap-caps`
   * (RFC 4825 §12). Throws {@link XCAPContentError} if it does not parse.
   */
  async getServerCapabilities(options: XCAPRequestOptions = {}): Promise<XCAPCapabilities> {
    const response = await this.get(this.documentURI('xcap-caps', { tree: 'global' }), options);
    try {
      return XCAPCapabilities.parse(response.body);
    } catch (error) {
      const reason = error instanceof ParserError ? error.message : String(error);
      throw new XCAPContentError(`xcap-caps of ${this.root} do not parse: ${reason}`, response.uri.toString(), { cause: error });
    }
  }

  /** Closes idle keep-alive connections; requests still running finish. */
  close(): void {
    this.agent.destroy();
  }

  /** The body type for a PUT to `uri` (RFC 4825 §7.4-§7.6). */
  contentTypeFor(uri: XCAPURI): string {
    switch (uri.kind) {
      case 'element':
        return XCAP_ELEMENT_CONTENT_TYPE;
      case 'attribute':
        return XCAP_ATTRIBUTE_CONTENT_TYPE;
      default:
        return documentContentType(uri.auid);
    }
  }

  private resolve(target: XCAPURI | string): XCAPURI {
    const uri = typeof target === 'string' ? this.uri(target) : target;
    if (uri.root !== this.root) throw new XCAPURIError(`not below this client's XCAP root ${this.root}`, uri.toString());
    return uri;
  }

  private async request(
    method: 'GET' | 'PUT' | 'DELETE',
    uri: XCAPURI,
    body: Buffer | undefined,
    contentType: string | undefined,
    options: XCAPRequestOptions & XCAPConditions,
  ): Promise<XCAPResponse> {
    const target = uri.requestTarget;
    const text = uri.toString();
    const headers: Record<string, string> = {};
    if (this.userAgent !== undefined) headers['User-Agent'] = this.userAgent;
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    if (options.ifMatch !== undefined) headers['If-Match'] = options.ifMatch;
    if (options.ifNoneMatch !== undefined) headers['If-None-Match'] = options.ifNoneMatch;
    const attempt = this.authenticator?.start(method, target, body, this.secure);
    const { protocol, hostname, port } = uri.server;
    for (;;) {
      const authorization = attempt?.nextAuthorization();
      const response = await sendHTTPRequest(
        { method, protocol, hostname, port, target, body, headers: authorization ? { ...headers, Authorization: authorization } : headers },
        {
          agent: this.agent,
          timeout: options.timeout ?? this.timeout,
          maxResponseSize: this.maxResponseSize,
          signal: options.signal,
          uri: text,
        },
      );
      if (response.status === 401) {
        const details = this.details(method, text, response);
        if (!attempt) throw new XCAPAuthenticationError(details, 'the server wants credentials and the client has none');
        const outcome = attempt.handleChallenge(response.wwwAuthenticate);
        if (outcome.retry) continue;
        throw new XCAPAuthenticationError(details, outcome.reason);
      }
      return this.outcome(method, uri, response, options);
    }
  }

  private outcome(method: string, uri: XCAPURI, response: HTTPResponse, options: XCAPConditions): XCAPResponse {
    const status = response.status;
    const etagHeader = response.headers['etag'];
    const etag = typeof etagHeader === 'string' ? etagHeader : undefined;
    if ((status >= 200 && status < 300) || (status === 304 && method === 'GET' && options.ifNoneMatch !== undefined)) {
      const unchanged = status === 304;
      return {
        uri,
        status,
        unchanged,
        etag: etag ?? (unchanged ? options.ifNoneMatch : undefined),
        contentType: mediaType(response.headers['content-type']),
        body: unchanged ? Buffer.alloc(0) : response.body,
        headers: response.headers,
      };
    }
    const details = this.details(method, uri.toString(), response);
    const excerpt = /^text\/plain/i.test(details.contentType ?? '') ? response.body.subarray(0, 200).toString('utf8').trim() : '';
    switch (status) {
      case 403:
        throw new XCAPForbiddenError(details, excerpt || undefined);
      case 404:
        throw new XCAPNotFoundError(details, uri.kind === 'document' ? 'no such document' : `no such ${uri.kind === 'namespaces' ? 'element' : uri.kind} ${uri.nodeSelector}`);
      case 409: {
        const parsed = parseXCAPErrorBody(response.body);
        throw parsed.ok ? new XCAPConflictError(details, parsed.condition) : new XCAPConflictError(details, undefined, parsed.reason);
      }
      case 412:
        throw new XCAPPreconditionFailedError(details, this.describeConditions(options));
      default:
        throw new XCAPHTTPError(details, excerpt || undefined);
    }
  }

  private describeConditions(options: XCAPConditions): string {
    const parts: string[] = [];
    if (options.ifMatch !== undefined) parts.push(`If-Match ${options.ifMatch}`);
    if (options.ifNoneMatch !== undefined) parts.push(`If-None-Match ${options.ifNoneMatch}`);
    return parts.length > 0 ? `${parts.join(', ')} failed` : 'precondition failed';
  }

  private details(method: string, uri: string, response: HTTPResponse): XCAPHTTPErrorDetails {
    return {
      method,
      uri,
      status: response.status,
      statusText: response.statusText,
      contentType: mediaType(response.headers['content-type']),
      body: response.body,
    };
  }
}
