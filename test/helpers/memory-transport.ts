/**
 * An in-memory network for transaction and dialog tests: transports attached to it
 * deliver serialized messages to each other by address, re-parsed with the real
 * parser, on a later microtask. Tests can drop messages and make sends fail.
 */
import { parseMessage, type SIPRequest, type SIPResponse } from '../../src/core/message/index.js';
import type {
  TransactionEndpoint,
  TransactionFlow,
  TransactionTarget,
  TransactionTransport,
} from '../../src/core/transaction/index.js';

/** One message a memory transport sent. */
export interface SentMessage {
  data: Buffer;
  /** When it was sent, on the network's clock. */
  at: number;
  /** The message re-parsed from `data`. */
  message: SIPRequest | SIPResponse;
  target: TransactionTarget;
  from: MemoryTransport;
}

/** Where memory transports find each other. */
export class MemoryNetwork {
  private readonly nodes = new Map<string, MemoryTransport>();
  /** Every message sent on the network, in order. */
  readonly log: SentMessage[] = [];
  /** When set, messages for which it returns true are lost. */
  drop: ((sent: SentMessage) => boolean) | undefined = undefined;

  /** `now` is the clock stamped on sent messages (the test's scheduler, usually). */
  constructor(readonly now: () => number = Date.now) {}

  /** @internal */
  attach(transport: MemoryTransport): void {
    this.nodes.set(`${transport.local.host}:${transport.local.port}`, transport);
  }

  /** @internal */
  route(sent: SentMessage): void {
    this.log.push(sent);
    if (this.drop?.(sent)) return;
    const to = this.nodes.get(`${sent.target.host}:${sent.target.port}`);
    if (to === undefined) return;
    const protocol = sent.target.protocol;
    const flow: TransactionFlow = {
      id: `${protocol}:${to.local.host}:${to.local.port}<${sent.from.local.host}:${sent.from.local.port}`,
      protocol,
      local: to.local,
      remote: sent.from.local,
    };
    const message = parseMessage(sent.data);
    queueMicrotask(() => to.onMessage?.(message, flow));
  }
}

/** Resolves once every pending microtask (and the deliveries they cause) has run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A {@link TransactionTransport} on a {@link MemoryNetwork}. */
export class MemoryTransport implements TransactionTransport {
  /** Messages this transport sent, in order. */
  readonly sent: SentMessage[] = [];
  /** Receives the messages delivered to this transport (usually `layer.receive`). */
  onMessage: ((message: SIPRequest | SIPResponse, flow: TransactionFlow) => void) | undefined = undefined;
  /** When set and it returns an error, the send fails with it. */
  failWith: ((target: TransactionTarget) => Error | undefined) | undefined = undefined;
  private readonly reliableProtocols: ReadonlySet<string>;

  constructor(
    private readonly network: MemoryNetwork,
    readonly local: TransactionEndpoint,
    reliableProtocols: Iterable<string> = ['tcp', 'tls', 'ws', 'wss'],
  ) {
    this.reliableProtocols = new Set(reliableProtocols);
    network.attach(this);
  }

  send(data: Buffer, target: TransactionTarget): Promise<TransactionFlow | void> {
    const error = this.failWith?.(target);
    if (error !== undefined) return Promise.reject(error);
    const sent: SentMessage = { data, at: this.network.now(), message: parseMessage(data), target, from: this };
    this.sent.push(sent);
    this.network.route(sent);
    const protocol = target.protocol;
    return Promise.resolve({
      id: `${protocol}:${this.local.host}:${this.local.port}>${target.host}:${target.port}`,
      protocol,
      local: this.local,
      remote: { host: target.host, port: target.port },
    });
  }

  isReliable(protocol: string): boolean {
    return this.reliableProtocols.has(protocol);
  }

  localEndpoint(): TransactionEndpoint {
    return this.local;
  }

  /** The sent messages that are requests with `method`. */
  requests(method?: string): SIPRequest[] {
    const out: SIPRequest[] = [];
    for (const s of this.sent) if ('method' in s.message && (method === undefined || s.message.method === method)) out.push(s.message);
    return out;
  }

  /** The sent messages that are responses, optionally only those with `status`. */
  responses(status?: number): SIPResponse[] {
    const out: SIPResponse[] = [];
    for (const s of this.sent) if ('status' in s.message && (status === undefined || s.message.status === status)) out.push(s.message);
    return out;
  }
}
