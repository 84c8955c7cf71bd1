/**
 * The notifications of the SIP Engine (python-sipsimple's Engine notifications),
 * added to the typed notification map.
 */
import type { TransportProtocol } from '../transport/index.js';

/** Severity of a `SIPEngineLog` line. */
export type EngineLogLevel = 'debug' | 'info' | 'warning' | 'error';

/** Data of `SIPEngineSIPTrace`: one SIP message sent or received, bytes included. */
export interface EngineSIPTraceData {
  /** True for a message that arrived, false for one that was sent. */
  received: boolean;
  transport: TransportProtocol;
  sourceIP: string;
  sourcePort: number;
  destinationIP: string;
  destinationPort: number;
  /** The message bytes as text (UTF-8). */
  data: string;
}

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** `Engine.start()` was called; transports are about to be opened. */
    SIPEngineWillStart: { timestamp: Date };
    /** Every transport listens; the engine serves requests and sends them. */
    SIPEngineDidStart: { timestamp: Date };
    /** `Engine.stop()` was called; transactions and transports are about to be closed. */
    SIPEngineWillEnd: { timestamp: Date };
    /** The engine stopped: no transaction runs and no socket is open. */
    SIPEngineDidEnd: { timestamp: Date };
    /** The engine could not start; `error` says why. */
    SIPEngineDidFail: { timestamp: Date; error: string };
    /** A log line of the SIP stack. */
    SIPEngineLog: { timestamp: Date; level: EngineLogLevel; message: string };
    /** A SIP message went out or came in. */
    SIPEngineSIPTrace: EngineSIPTraceData & { timestamp: Date };
  }
}
