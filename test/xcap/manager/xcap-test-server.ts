/**
 * A small XCAP server for the manager's unit tests (RFC 4825 at document level):
 * node:http on 127.0.0.1, documents kept in memory by path, strong ETags,
 * If-Match (412 on mismatch), If-None-Match (304 on GET, 412 for `*` on PUT of an
 * existing document), xcap-caps at the global tree, and failure injection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  status: number;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

/** The test server. */
export class XCAPTestServer {
  readonly documents = new Map<string, { body: string; etag: string; contentType: string }>();
  readonly requests: SeenRequest[] = [];
  /** The AUIDs listed in xcap-caps. */
  auids = ['xcap-caps', 'resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules', 'pres-rules', 'org.openxcap.dialog-rules', 'org.openmobilealliance.pres-content', 'pidf-manipulation'];
  /** Whether xcap-caps is served (404 otherwise). */
  serveCapabilities = true;
  /** While true, every request is answered 503. */
  down = false;
  /** Answers a request instead of the server when it returns a response (a refusal the test wants). */
  refuse: ((method: string, path: string) => { status: number; contentType?: string; body?: string } | undefined) | undefined;
  /** Called before a request is answered; may change documents (a "remote" edit racing the client). */
  beforeRequest: ((method: string, path: string) => void) | undefined;
  private counter = 0;
  private server: Server | undefined;

  /** The XCAP root. */
  root = '';

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.root = `http://127.0.0.1:${port}/xcap-root`;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The path of a user's document. */
  path(auid: string, xui: string, document = 'index'): string {
    return `/xcap-root/${auid}/users/${encodeURIComponent(xui)}/${document}`;
  }

  /** A document's body, by AUID and XUI. */
  body(auid: string, xui: string, document = 'index'): string | undefined {
    return this.documents.get(this.path(auid, xui, document))?.body;
  }

  /** Stores a document as another client would (new ETag). */
  setDocument(auid: string, xui: string, body: string, document = 'index'): string {
    const etag = this.nextEtag();
    this.documents.set(this.path(auid, xui, document), { body, etag, contentType: 'application/xml' });
    return etag;
  }

  /** Requests of `method` (any path, or paths starting with `prefix`). */
  count(method: string, prefix = ''): number {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(prefix)).length;
  }

  private nextEtag(): string {
    this.counter += 1;
    return `"e${this.counter}"`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(request.url ?? '/').replace(/^(\/xcap-root\/[^/]+\/users\/)([^/]+)/, (_all, head: string, xui: string) => head + encodeURIComponent(xui));
    const ifMatch = request.headers['if-match'];
    const ifNoneMatch = request.headers['if-none-match'];
    const answer = (status: number, headers: Record<string, string> = {}, content = ''): void => {
      this.requests.push({ method, path, status, ifMatch, ifNoneMatch });
      response.writeHead(status, headers);
      response.end(content);
    };
    this.beforeRequest?.(method, path);
    if (this.down) return answer(503, { 'Content-Type': 'text/plain' }, 'down\n');
    const refusal = this.refuse?.(method, path);
    if (refusal !== undefined) return answer(refusal.status, refusal.contentType === undefined ? {} : { 'Content-Type': refusal.contentType }, refusal.body ?? '');
    if (path === '/xcap-root/xcap-caps/global/index') {
      if (!this.serveCapabilities) return answer(404);
      const auids = this.auids.map((auid) => `<auid>${auid}</auid>`).join('');
      return answer(200, { 'Content-Type': 'application/xcap-caps+xml' }, `<?xml version="1.0"?><xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"><auids>${auids}</auids><namespaces><namespace>urn:ietf:params:xml:ns:xcap-caps</namespace></namespaces></xcap-caps>`);
    }
    const auid = path.split('/')[2] ?? '';
    if (!this.auids.includes(auid)) return answer(404);
    const existing = this.documents.get(path);
    if (ifMatch !== undefined && (existing === undefined || (ifMatch !== '*' && ifMatch !== existing.etag))) return answer(412);
    switch (method) {
      case 'GET':
        if (existing === undefined) return answer(404);
        if (ifNoneMatch !== undefined && (ifNoneMatch === existing.etag || ifNoneMatch === '*')) return answer(304, { ETag: existing.etag });
        return answer(200, { ETag: existing.etag, 'Content-Type': existing.contentType }, existing.body);
      case 'PUT': {
        if (ifNoneMatch !== undefined && existing !== undefined && (ifNoneMatch === '*' || ifNoneMatch === existing.etag)) return answer(412);
        const etag = this.nextEtag();
        this.documents.set(path, { body, etag, contentType: request.headers['content-type'] ?? 'application/xml' });
        return answer(existing === undefined ? 201 : 200, { ETag: etag });
      }
      case 'DELETE':
        if (existing === undefined) return answer(404);
        this.documents.delete(path);
        return answer(200);
      default:
        return answer(405);
    }
  }
}
