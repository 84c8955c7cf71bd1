/** Helpers of the Engine tests: engines on loopback, OPTIONS requests, a raw UDP peer. */
import { createSocket, type Socket } from 'node:dgram';
import { NotificationCenter } from '../../../src/notification/index.js';
import {
  Engine,
  SIPRequest,
  generateCallId,
  generateTag,
  parseMessage,
  type EngineSettings,
  type SIPResponse,
  type TransportProtocol,
} from '../../../src/core/index.js';

/** A started engine on 127.0.0.1 with its own notification center. */
export async function startEngine(settings: EngineSettings = {}): Promise<Engine> {
  const engine = new Engine({ notificationCenter: new NotificationCenter() });
  await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp', 'tcp'], ...settings });
  return engine;
}

/** Stops every engine given that is running. */
export async function stopEngines(...engines: Array<Engine | undefined>): Promise<void> {
  await Promise.all(engines.filter((engine) => engine?.isRunning).map((engine) => engine!.stop()));
}

/** A new out-of-dialog request from alice to `uri` (RFC 3261 §8.1.1). */
export function newRequest(method: string, uri: string, body?: string): SIPRequest {
  return new SIPRequest(
    method,
    uri,
    [
      ['From', `<sip:alice@example.test>;tag=${generateTag()}`],
      ['To', '<sip:bob@example.test>'],
      ['Call-ID', generateCallId()],
      ['CSeq', `1 ${method}`],
      ...(body === undefined ? [] : ([['Content-Type', 'text/plain']] as Array<[string, string]>)),
    ],
    body,
  );
}

/** A new request to `engine`'s listener of `protocol`. */
export function requestTo(engine: Engine, method: string, protocol: TransportProtocol = 'udp', body?: string): SIPRequest {
  const local = engine.localEndpoint(protocol, 4);
  const transport = protocol === 'udp' ? '' : `;transport=${protocol}`;
  return newRequest(method, `sip:bob@${local.host}:${local.port}${transport}`, body);
}

/** A UDP socket on 127.0.0.1 that sends raw bytes and collects parsed responses and requests. */
export class UdpPeer {
  private readonly received: SIPResponse[] = [];
  /** Requests that arrived, with their source port. */
  readonly requests: Array<{ request: SIPRequest; port: number }> = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('message', (data, remote) => {
      const message = parseMessage(data);
      if ('status' in message) this.received.push(message);
      else this.requests.push({ request: message, port: remote.port });
      for (const waiter of this.waiters.splice(0)) waiter();
    });
  }

  /** Resolves once a request has arrived (waits up to `timeoutMs`). */
  async nextRequest(timeoutMs = 3000): Promise<{ request: SIPRequest; port: number }> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no request arrived');
      await this.arrival(left);
    }
    return this.requests.shift()!;
  }

  private arrival(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Opens a peer on a free port. */
  static async open(): Promise<UdpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new UdpPeer(socket);
  }

  /** The peer's port. */
  get port(): number {
    return this.socket.address().port;
  }

  /** Sends `data` to 127.0.0.1:`port`. */
  send(data: Buffer | string, port: number): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(data, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  }

  /**
   * Resolves with the first response not yet taken (of Call-ID `callId` when given; others
   * stay queued), waiting up to `timeoutMs`.
   */
  async next(callId?: string, timeoutMs = 3000): Promise<SIPResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((response) => callId === undefined || response.getHeader('Call-ID') === callId);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no response${callId === undefined ? '' : ` for Call-ID ${callId}`} arrived`);
      await this.arrival(left);
    }
  }

  /** Responses that arrived and were not taken (of Call-ID `callId` when given). */
  pending(callId?: string): number {
    return this.received.filter((response) => callId === undefined || response.getHeader('Call-ID') === callId).length;
  }

  /** Closes the socket. */
  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** An OPTIONS request as raw text from the peer at 127.0.0.1:`port`, with `extra` header lines. */
export function rawOptions(port: number, extra: string[] = [], callId = generateCallId()): string {
  return [
    'OPTIONS sip:bob@127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${generateTag()}`,
    'Max-Forwards: 70',
    `From: <sip:alice@example.test>;tag=${generateTag()}`,
    'To: <sip:bob@example.test>',
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The Call-ID of a raw request text. */
export function callIdOf(text: string): string {
  const match = /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im.exec(text);
  if (match === null) throw new Error('no Call-ID in the request');
  return match[1]!;
}
