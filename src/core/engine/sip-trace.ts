/** Posting of `SIPEngineSIPTrace` for every message in and out (python-sipsimple's SIP trace). */
import type { NotificationCenter } from '../../notification/index.js';
import type { Flow } from '../transport/index.js';
import './notifications.js';

/** Posts SIP traces for `sender`; skips the work (decoding the bytes) when nobody observes them. */
export class SIPTracer {
  constructor(
    private readonly center: NotificationCenter,
    private readonly sender: object,
  ) {}

  /** Posts a trace of `data` received (`received` true) or sent on `flow`. */
  trace(received: boolean, data: Buffer, flow: Flow): void {
    if (!this.center.hasObservers('SIPEngineSIPTrace', this.sender)) return;
    const [source, destination] = received ? [flow.remote, flow.local] : [flow.local, flow.remote];
    this.center.postNotification('SIPEngineSIPTrace', this.sender, {
      received,
      transport: flow.protocol,
      sourceIP: source.host,
      sourcePort: source.port,
      destinationIP: destination.host,
      destinationPort: destination.port,
      data: data.toString('utf8'),
    });
  }
}
