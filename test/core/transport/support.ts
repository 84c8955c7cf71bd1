/**
 * Shared pieces of the transport tests: sample messages, waiting for events, and managers
 * that are stopped when a test ends.
 */
import type { EventEmitter } from 'node:events';
import { TransportManager, type TransportManagerOptions } from '../../../src/core/transport/transport-manager.js';
import type { ListenerConfig } from '../../../src/core/transport/types.js';

/** A small SIP request with a Content-Length, distinguishable by its Call-ID. */
export function sipRequest(callId: string, body: string | Buffer = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([
    Buffer.from(
      'OPTIONS sip:bob@example.com SIP/2.0\r\n' +
        'Via: SIP/2.0/TCP client.example.com;branch=z9hG4bK776asdhds\r\n' +
        'From: <sip:alice@example.com>;tag=1928301774\r\n' +
        'To: <sip:bob@example.com>\r\n' +
        `Call-ID: ${callId}\r\n` +
        'CSeq: 1 OPTIONS\r\n' +
        `Content-Length: ${bytes.length}\r\n\r\n`,
      'latin1',
    ),
    bytes,
  ]);
}

/** Resolves with the arguments of the next `event` whose arguments satisfy `accept`. */
export function nextEvent<T extends unknown[]>(emitter: EventEmitter, event: string, accept: (...args: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const handler = (...args: unknown[]): void => {
      if (!accept(...(args as T))) return;
      emitter.off(event, handler);
      resolve(args as T);
    };
    emitter.on(event, handler);
  });
}

/** Keeps track of managers so that `stopAll()` stops each one. */
export class Managers {
  private readonly started: TransportManager[] = [];

  async start(listeners: ListenerConfig[], options: TransportManagerOptions = {}): Promise<TransportManager> {
    const manager = new TransportManager(options);
    await manager.start(listeners);
    this.started.push(manager);
    return manager;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((manager) => manager.stop()));
  }
}
