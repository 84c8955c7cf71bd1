/**
 * One HTTP/1.1 exchange for XCAP over Node's http and https modules: a
 * deadline, an AbortSignal, a bounded response body, and typed failures.
 */
import http from 'node:http';
import https from 'node:https';
import { XCAPTransportError } from '../errors.js';

/** What to send. */
export interface HTTPRequest {
  readonly method: string;
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  /** Path and query (origin-form). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
}

/** How to send it. */
export interface HTTPRequestOptions {
  readonly agent: http.Agent;
  /** Milliseconds from start to the end of the response body. */
  readonly timeout: number;
  /** Largest accepted response body, in bytes. */
  readonly maxResponseSize: number;
  readonly signal?: AbortSignal | undefined;
  /** The URI for error messages. */
  readonly uri: string;
}

/** The response, with the body read in full. */
export interface HTTPResponse {
  readonly status: number;
  readonly statusText: string;
  /** Field names in lower case; repeated fields joined as Node does. */
  readonly headers: http.IncomingHttpHeaders;
  /** Every WWW-Authenticate value, one per field line. */
  readonly wwwAuthenticate: string[];
  readonly body: Buffer;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/**
 * Sends one request and reads the whole response; every failure is an
 * {@link XCAPTransportError}. A kept-alive connection that the server closed
 * meanwhile (reset before any response) is retried once on a new connection:
 * GET, PUT and DELETE are idempotent (RFC 9110 §9.2.2, §9.3.4).
 */
export async function sendHTTPRequest(request: HTTPRequest, options: HTTPRequestOptions): Promise<HTTPResponse> {
  try {
    return await attempt(request, options);
  } catch (error) {
    if (!(error instanceof StaleConnection)) throw error;
    try {
      return await attempt(request, options);
    } catch (again) {
      throw again instanceof StaleConnection ? again.error : again;
    }
  }
}

/** A reused keep-alive connection failed before any response came. */
class StaleConnection extends Error {
  constructor(readonly error: XCAPTransportError) {
    super(error.message);
  }
}

function attempt(request: HTTPRequest, options: HTTPRequestOptions): Promise<HTTPResponse> {
  const { uri } = options;
  return new Promise<HTTPResponse>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new XCAPTransportError(`XCAP ${request.method} ${uri}: aborted`, 'aborted', uri, { cause: options.signal.reason }));
      return;
    }
    let settled = false;
    const module = request.protocol === 'https:' ? https : http;
    const req = module.request({
      method: request.method,
      hostname: request.hostname,
      port: request.port,
      path: request.target,
      headers: request.body ? { ...request.headers, 'Content-Length': String(request.body.length) } : request.headers,
      agent: options.agent,
    });
    let responded = false;
    const finish = (error: XCAPTransportError | StaleConnection | undefined, response?: HTTPResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };
    const timer = setTimeout(() => {
      finish(new XCAPTransportError(`XCAP ${request.method} ${uri}: no complete response within ${options.timeout} ms`, 'timeout', uri));
    }, options.timeout);
    const onAbort = (): void => {
      finish(new XCAPTransportError(`XCAP ${request.method} ${uri}: aborted`, 'aborted', uri, { cause: options.signal?.reason }));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error: NodeJS.ErrnoException) => {
      const tls = error.code !== undefined && (TLS_CODES.has(error.code) || error.code.startsWith('ERR_TLS') || error.code.startsWith('ERR_SSL'));
      const failure = new XCAPTransportError(`XCAP ${request.method} ${uri}: ${error.message}`, tls ? 'tls' : 'network', uri, { cause: error });
      const stale = req.reusedSocket && !responded && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      finish(stale ? new StaleConnection(failure) : failure);
    });
    req.once('response', (res) => {
      responded = true;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxResponseSize) {
        finish(tooLarge(request.method, uri, options.maxResponseSize));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseSize) {
          finish(tooLarge(request.method, uri, options.maxResponseSize));
          return;
        }
        chunks.push(chunk);
      });
      res.once('error', (error) => {
        finish(new XCAPTransportError(`XCAP ${request.method} ${uri}: ${error.message}`, 'network', uri, { cause: error }));
      });
      res.once('end', () => {
        const wwwAuthenticate: string[] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i]!.toLowerCase() === 'www-authenticate') wwwAuthenticate.push(res.rawHeaders[i + 1]!);
        }
        finish(undefined, {
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          wwwAuthenticate,
          body: Buffer.concat(chunks),
        });
      });
    });
    req.end(request.body);
  });
}

function tooLarge(method: string, uri: string, limit: number): XCAPTransportError {
  return new XCAPTransportError(`XCAP ${method} ${uri}: response body exceeds ${limit} bytes`, 'too-large', uri);
}
