/**
 * An in-memory mDNS link for unit tests: sockets that look like `multicast-dns` ones
 * (query, respond, destroy, the `query` and `response` events) and pass every packet
 * through the real DNS wire format (dns-packet) to every socket on the link, the sender
 * included (as multicast loopback does), on a later tick.
 */
import { EventEmitter } from 'node:events';
import { decode, encode, type Packet } from 'dns-packet';
import type { MDNSSocket } from '../../../src/account/bonjour/index.js';

type Callback = (error: Error | null) => void;

/** One socket of the link. */
class MemorySocket extends EventEmitter {
  destroyed = false;
  /** Keeps the event loop alive while the socket is open, as a real socket does. */
  private readonly alive = setInterval(() => undefined, 60_000);

  constructor(
    private readonly link: MemoryMDNSLink,
    readonly address: string,
  ) {
    super();
  }

  query(query: unknown, ...rest: unknown[]): void {
    let packet: Packet;
    if (Array.isArray(query)) packet = { questions: query };
    else packet = { ...(query as Packet) };
    packet.type = 'query';
    this.link.deliver(this, encode(packet));
    this.callback(rest);
  }

  respond(response: unknown, ...rest: unknown[]): void {
    const packet: Packet = Array.isArray(response) ? { answers: response } : { ...(response as Packet) };
    packet.type = 'response';
    packet.flags = (packet.flags ?? 0) | 0x400;
    this.link.deliver(this, encode(packet));
    this.callback(rest);
  }

  destroy(callback?: () => void): void {
    this.destroyed = true;
    clearInterval(this.alive);
    this.link.sockets.delete(this);
    setImmediate(() => callback?.());
  }

  private callback(rest: unknown[]): void {
    const callback = rest.find((item): item is Callback => typeof item === 'function');
    if (callback !== undefined) setImmediate(() => callback(null));
  }
}

/** The link; see the module comment. */
export class MemoryMDNSLink {
  readonly sockets = new Set<MemorySocket>();
  /** Every packet sent on the link, decoded, with the sender's address. */
  readonly packets: Array<{ from: string; packet: ReturnType<typeof decode> }> = [];

  /** Destroys every socket of the link. */
  close(): void {
    for (const socket of [...this.sockets]) socket.destroy();
  }

  /** A new socket on the link with the given source address. */
  socket(address: string): MDNSSocket {
    const socket = new MemorySocket(this, address);
    this.sockets.add(socket);
    return socket as unknown as MDNSSocket;
  }

  /** Sends wire bytes from `from` (or from nowhere) to every socket, as multicast-dns would hand them over. */
  deliver(from: { address: string } | undefined, bytes: Buffer): void {
    const rinfo = { address: from?.address ?? '192.0.2.99', port: 5353, family: 'IPv4', size: bytes.length };
    setImmediate(() => {
      let packet: ReturnType<typeof decode>;
      try {
        packet = decode(bytes);
      } catch {
        return; // multicast-dns drops undecodable packets with a warning
      }
      this.packets.push({ from: rinfo.address, packet });
      for (const socket of this.sockets) {
        socket.emit('packet', packet, rinfo);
        if (packet.type === 'query') socket.emit('query', packet, rinfo);
        if (packet.type === 'response') socket.emit('response', packet, rinfo);
      }
    });
  }

  /** Hands an already decoded (possibly nonsensical) packet object to every socket as a response. */
  injectResponse(packet: unknown): void {
    const rinfo = { address: '192.0.2.66', port: 5353, family: 'IPv4', size: 0 };
    for (const socket of this.sockets) socket.emit('response', packet, rinfo);
  }

  /** Hands an already decoded (possibly nonsensical) packet object to every socket as a query. */
  injectQuery(packet: unknown): void {
    const rinfo = { address: '192.0.2.66', port: 5353, family: 'IPv4', size: 0 };
    for (const socket of this.sockets) socket.emit('query', packet, rinfo);
  }
}
