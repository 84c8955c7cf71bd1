/**
 * `sipsimple/xcap`: the XCAP client (RFC 4825). XCAP URIs with document and
 * node selectors, GET/PUT/DELETE of documents, elements and attributes with
 * ETags, typed errors (409 `xcap-error` conditions, 412, 404, 403, 401),
 * Digest and Basic authentication, the XCAP root from settings or DNS, and
 * the server's capabilities.
 */
export * from './errors.js';
export * from './xcap-error-condition.js';
export * from './application-usages.js';
export * from './uri/xcap-root.js';
export * from './uri/xcap-uri.js';
export * from './uri/node-selector.js';
export * from './uri/namespace-bindings.js';
export { encodeSegment, encodeQuery, decodePercent } from './uri/percent.js';
export { HTTPAuthenticator, HTTPAuthAttempt, parseWWWAuthenticate } from './http/http-authenticator.js';
export type { HTTPAuthenticatorOptions, HTTPAuthOutcome } from './http/http-authenticator.js';
export { XCAPClient } from './client.js';
export type {
  XCAPClientOptions,
  XCAPConditions,
  XCAPDocumentLocation,
  XCAPPutOptions,
  XCAPRequestOptions,
  XCAPResponse,
} from './client.js';
export { discoverXCAPRoot } from './root-discovery.js';
export type { XCAPRootDiscovery } from './root-discovery.js';
export * from './manager/index.js';
