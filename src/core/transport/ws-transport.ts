/**
 * WebSocket and secure WebSocket (RFC 7118) with the `ws` package, as server and client.
 * The handshake must agree on the `sip` subprotocol (RFC 7118 §4.1): a server refuses an
 * upgrade that does not offer it, and a client refuses a server that does not select it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { WebSocket, WebSocketServer } from 'ws';
import { WsConnection } from './ws-connection.js';
import { socketEndpoints, tlsFlowInfo } from './socket-connection.js';
import { bindServer, closeServer, type StreamListener } from './stream-listener.js';
import { connectError, withConnectTimeout } from './connect-timeout.js';
import { tlsClientOptions, tlsServerOptions } from './tls-transport.js';
import { addressFamily } from './endpoint.js';
import { TransportError } from './errors.js';
import type { ConnectionObserver } from './connection.js';
import type { Destination, ListenerConfig, TlsClientOptions } from './types.js';

/** The WebSocket subprotocol of SIP (RFC 7118 §4.1). */
export const SIP_SUBPROTOCOL = 'sip';

function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  return (header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Listens for WS or WSS upgrades on `config.path` (any path when unset). */
export async function listenWs(
  config: ListenerConfig & { protocol: 'ws' | 'wss' },
  observer: ConnectionObserver,
  maxMessageSize: number,
  accept: (connection: WsConnection) => void,
): Promise<StreamListener> {
  const secure = config.protocol === 'wss';
  const server: HttpServer = secure ? createHttpsServer(tlsServerOptions(config.tls, config)) : createHttpServer();
  const wsServer = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageSize,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SIP_SUBPROTOCOL) ? SIP_SUBPROTOCOL : false),
  });
  server.on('request', (_request, response) => {
    response.writeHead(426, { Connection: 'close', Upgrade: 'websocket' }).end();
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const path = (request.url ?? '/').split('?')[0];
    if (config.path !== undefined && path !== config.path) {
      refuseUpgrade(socket, '404 Not Found');
      return;
    }
    if (!offeredProtocols(request).includes(SIP_SUBPROTOCOL)) {
      refuseUpgrade(socket, '400 Bad Request');
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (ws) => {
      const raw = request.socket as Socket;
      const info = raw instanceof TLSSocket ? tlsFlowInfo(raw, stringOrUndefined((raw as TLSSocket & { servername?: unknown }).servername)) : undefined;
      accept(new WsConnection(ws, config.protocol, socketEndpoints(raw), observer, info));
    });
  });
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  const local = await bindServer(server, config);
  server.on('error', () => undefined);
  return {
    protocol: config.protocol,
    local,
    close: async () => {
      wsServer.close();
      await closeServer(server);
    },
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The ws:// or wss:// URL of a destination (RFC 7118 §4.1). */
export function webSocketUrl(destination: Destination): string {
  const host = addressFamily(destination.host) === 6 ? `[${destination.host}]` : destination.host;
  const path = destination.path ?? '/';
  return `${destination.protocol}://${host}:${destination.port}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Opens a WS or WSS connection to `destination` within `timeoutMs` (connect, TLS and upgrade). */
export function connectWs(
  destination: Destination & { protocol: 'ws' | 'wss' },
  tls: TlsClientOptions,
  observer: ConnectionObserver,
  maxMessageSize: number,
  timeoutMs: number,
): Promise<WsConnection> {
  const secure = destination.protocol === 'wss';
  const tlsOptions = secure ? tlsClientOptions(destination, tls) : {};
  delete tlsOptions.host;
  delete tlsOptions.port;
  const ws = new WebSocket(webSocketUrl(destination), [SIP_SUBPROTOCOL], {
    ...(tlsOptions as WebSocket.ClientOptions),
    maxPayload: maxMessageSize,
    perMessageDeflate: false,
    followRedirects: false,
  });
  let rawSocket: Socket | undefined;
  ws.once('upgrade', (response: IncomingMessage) => {
    rawSocket = response.socket as Socket;
  });
  const ready = new Promise<WsConnection>((resolve, reject) => {
    ws.once('error', (error: Error) => {
      const failure = connectError(error, destination);
      // Socket errors carry a system code (ECONNREFUSED, ...); handshake refusals from ws do not.
      if (failure.code === 'connect-failed' && (error as { code?: unknown }).code === undefined) {
        reject(new TransportError('websocket-handshake-failed', `WebSocket handshake with ${webSocketUrl(destination)} failed: ${error.message}`, {
          destination,
          cause: error,
        }));
      } else {
        reject(failure);
      }
    });
    ws.once('open', () => {
      ws.removeAllListeners('error');
      if (ws.protocol !== SIP_SUBPROTOCOL || rawSocket === undefined) {
        ws.terminate();
        reject(new TransportError('websocket-handshake-failed', `${webSocketUrl(destination)} did not select the sip subprotocol`, { destination }));
        return;
      }
      const info = rawSocket instanceof TLSSocket ? tlsFlowInfo(rawSocket, tlsOptions.servername) : undefined;
      resolve(new WsConnection(ws, destination.protocol, socketEndpoints(rawSocket), observer, info));
    });
  });
  return withConnectTimeout({ ready, abort: () => ws.terminate() }, destination, timeoutMs);
}
