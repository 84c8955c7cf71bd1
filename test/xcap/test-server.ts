/**
 * A small HTTP(S) server on 127.0.0.1 for the XCAP client tests: records every
 * request and answers with the test's handler; checks Digest responses
 * (RFC 7616 §3.4.1, MD5 with qop=auth) independently of the SDK's code.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What the handler answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Leave the request unanswered. */
  hang?: boolean;
  /** Close the connection without answering. */
  drop?: boolean;
}

/** The running server. */
export interface TestServer {
  readonly root: string;
  readonly requests: RecordedRequest[];
  /** Connections accepted so far. */
  readonly connections: () => number;
  handler: (request: RecordedRequest) => Reply;
  close(): Promise<void>;
}

/** Starts a server; with `tls` it speaks https with that key and certificate. */
export async function startTestServer(tls?: { key: string; cert: string }): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: TestServer = {
    root: '',
    requests,
    connections: () => connections,
    handler: () => ({ status: 500 }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        httpServer.close(() => resolve());
      }),
  };
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = server.handler(recorded);
      if (reply.hang) return;
      if (reply.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  };
  const httpServer = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  httpServer.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  (server as { root: string }).root = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/xcap-root`;
  return server;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** A Digest realm that issues challenges and checks Authorization headers. */
export class DigestRealm {
  readonly nonce = randomBytes(8).toString('hex');
  constructor(
    readonly realm: string,
    private readonly users: Record<string, string>,
  ) {}

  /** `WWW-Authenticate` value (RFC 7616 §3.3). */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.nonce}", qop="auth", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  /** The parameters of an Authorization header, or undefined. */
  params(request: RecordedRequest): Record<string, string> | undefined {
    const header = request.headers.authorization;
    if (!header?.startsWith('Digest ')) return undefined;
    const params: Record<string, string> = {};
    for (const match of header.slice(7).matchAll(/([a-z]+)=("([^"]*)"|[^,\s]+)/g)) params[match[1]!] = match[3] ?? match[2]!;
    return params;
  }

  /** Whether the request carries a correct response for one of the users (RFC 7616 §3.4.1). */
  verify(request: RecordedRequest): boolean {
    const p = this.params(request);
    if (!p || p['realm'] !== this.realm || p['nonce'] !== this.nonce || p['uri'] !== request.url) return false;
    const password = this.users[p['username'] ?? ''];
    if (password === undefined) return false;
    const ha1 = md5(`${p['username']}:${this.realm}:${password}`);
    const ha2 = md5(`${request.method}:${p['uri']}`);
    return p['response'] === md5(`${ha1}:${this.nonce}:${p['nc']}:${p['cnonce']}:${p['qop']}:${ha2}`);
  }
}
