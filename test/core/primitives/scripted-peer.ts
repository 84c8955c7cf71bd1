/**
 * Two Engines on loopback UDP in one process: the client under test and a scripted
 * peer (registrar, presence agent, UA) whose answers each test writes as functions.
 */
import { Engine } from '../../../src/core/engine/index.js';
import { createResponse, type SIPRequest, type SIPResponse } from '../../../src/core/message/index.js';
import { Route } from '../../../src/lookup/index.js';
import { NotificationCenter } from '../../../src/notification/index.js';

/** Answers one request: a response to send, or undefined to leave it unanswered (the client times out). */
export type Script = (request: SIPRequest, index: number) => SIPResponse | undefined;

/** The client engine, the peer engine and what the peer received. */
export interface Pair {
  center: NotificationCenter;
  client: Engine;
  peer: Engine;
  /** The peer's address as a route for the client. */
  route: Route;
  /** The peer's URI host:port. */
  peerHost: string;
  /** Requests the peer received, in order, per method. */
  received: (method: string) => SIPRequest[];
  /** Sets the peer's answers for `method`; `index` counts the requests from now on. */
  script: (method: string, script: Script) => void;
  stop: () => Promise<void>;
}

/** Starts both engines over `protocol` (UDP or TCP); the peer answers every scripted method. */
export async function startPair(protocol: 'udp' | 'tcp' = 'udp'): Promise<Pair> {
  const settings = { ipv4Address: '127.0.0.1', transports: [protocol], timers: { t1: 20, t2: 80, t4: 100 } };
  const center = new NotificationCenter();
  const client = new Engine({ notificationCenter: center });
  const peer = new Engine({ notificationCenter: new NotificationCenter() });
  await client.start(settings);
  await peer.start(settings);
  const log = new Map<string, SIPRequest[]>();
  const scripts = new Map<string, { fn: Script; start: number }>();
  const handle = (method: string) =>
    peer.addRequestHandler(method, (request, transaction) => {
      const list = log.get(method) ?? [];
      list.push(request);
      log.set(method, list);
      const script = scripts.get(method);
      const response = script?.fn(request, list.length - 1 - script.start);
      if (response !== undefined) peer.sendResponse(transaction, response);
      return true;
    });
  for (const method of ['REGISTER', 'PUBLISH', 'MESSAGE', 'OPTIONS', 'INFO']) handle(method);
  const endpoint = peer.localEndpoint(protocol);
  return {
    center,
    client,
    peer,
    route: new Route(endpoint.host, endpoint.port, protocol),
    peerHost: `${endpoint.host}:${endpoint.port}`,
    received: (method) => log.get(method) ?? [],
    script: (method, fn) => scripts.set(method, { fn, start: (log.get(method) ?? []).length }),
    stop: async () => {
      await client.stop();
      await peer.stop();
    },
  };
}

/** A response to `request` with extra header fields. */
export function answer(request: SIPRequest, status: number, headers: Array<[string, string]> = [], toTag = 'peer'): SIPResponse {
  const response = createResponse(request, status, undefined, { toTag });
  for (const [name, value] of headers) response.addHeader(name, value);
  return response;
}

/** A digest challenge for realm `example.test`. */
export function challenge(request: SIPRequest, status: 401 | 407, nonce = 'n1'): SIPResponse {
  const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
  return answer(request, status, [[name, `Digest realm="example.test", nonce="${nonce}", qop="auth", algorithm=MD5`]]);
}
