/**
 * The errors of the XCAP layer (RFC 4825). Every one derives from
 * {@link XCAPError} and names the XCAP URI it concerns; HTTP failures carry
 * the status, and a 409 carries the parsed `xcap-error` condition.
 */
import { SIPSimpleError } from '../errors.js';
import { describeCondition, type XCAPErrorCondition } from './xcap-error-condition.js';

/** Base class of every XCAP error; `uri` is the XCAP URI (or root) concerned, when there is one. */
export class XCAPError extends SIPSimpleError {
  readonly uri: string | undefined;

  constructor(message: string, uri?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.uri = uri;
  }
}

/** An XCAP URI, root or node selector that does not follow RFC 4825 §6; `offset` points at the fault. */
export class XCAPURIError extends XCAPError {
  readonly offset: number | undefined;

  constructor(message: string, uri: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at offset ${offset})`, uri);
    this.offset = offset;
  }
}

/** Why a request got no HTTP response. */
export type XCAPTransportFailure = 'timeout' | 'aborted' | 'network' | 'too-large' | 'tls';

/** A request that got no usable response: timeout, abort, connection or TLS failure, or an oversized body. */
export class XCAPTransportError extends XCAPError {
  readonly reason: XCAPTransportFailure;

  constructor(message: string, reason: XCAPTransportFailure, uri: string, options?: { cause?: unknown }) {
    super(message, uri, options);
    this.reason = reason;
  }
}

/** What an {@link XCAPHTTPError} knows about the response. */
export interface XCAPHTTPErrorDetails {
  readonly method: string;
  readonly uri: string;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A final response other than success (RFC 4825 §7, §8.2.5): the status and body as received. */
export class XCAPHTTPError extends XCAPError {
  readonly method: string;
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  declare readonly uri: string;

  constructor(details: XCAPHTTPErrorDetails, what?: string, options?: { cause?: unknown }) {
    const status = `${details.status}${details.statusText ? ` ${details.statusText}` : ''}`;
    super(`XCAP ${details.method} ${details.uri}: ${status}${what ? ` (${what})` : ''}`, details.uri, options);
    this.method = details.method;
    this.status = details.status;
    this.statusText = details.statusText;
    this.contentType = details.contentType;
    this.body = details.body;
  }
}

/** 404: the document, element or attribute does not exist (RFC 4825 §8.1.1, §8.2.1). */
export class XCAPNotFoundError extends XCAPHTTPError {}

/** 403: the server refuses the request, e.g. another user's document. */
export class XCAPForbiddenError extends XCAPHTTPError {}

/** 401 or 407 that the credentials could not answer; `reason` says why authentication stopped. */
export class XCAPAuthenticationError extends XCAPHTTPError {
  readonly reason: string;

  constructor(details: XCAPHTTPErrorDetails, reason: string) {
    super(details, `authentication failed: ${reason}`);
    this.reason = reason;
  }
}

/** 412: an If-Match or If-None-Match condition failed (RFC 4825 §7.11, RFC 9110 §13.1). */
export class XCAPPreconditionFailedError extends XCAPHTTPError {}

/**
 * 409 with the `xcap-error` body of RFC 4825 §11: `condition` is the parsed
 * error condition, or `undefined` when the body held none (`bodyError` then
 * says what was wrong with it).
 */
export class XCAPConflictError extends XCAPHTTPError {
  readonly condition: XCAPErrorCondition | undefined;
  readonly bodyError: string | undefined;

  constructor(details: XCAPHTTPErrorDetails, condition: XCAPErrorCondition | undefined, bodyError?: string) {
    super(details, condition ? describeCondition(condition) : `no xcap-error condition${bodyError ? `: ${bodyError}` : ''}`);
    this.condition = condition;
    this.bodyError = bodyError;
  }
}

/** The XCAP root could be found neither in the settings nor in DNS (`cause` holds the DNS error). */
export class XCAPRootDiscoveryError extends XCAPError {}

/** A successful response whose body is not what the resource holds (e.g. xcap-caps that do not parse). */
export class XCAPContentError extends XCAPError {}
