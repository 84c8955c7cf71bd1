/** Shared set-up of the transaction state machine tests: a manual clock and a recording memory transport. */
import type { SIPRequest, SIPResponse } from '../../../src/core/message/index.js';
import {
  resolveTimerSettings,
  type ClientTransaction,
  type ClientTransactionUser,
  type ServerTransaction,
  type ServerTransactionUser,
  type TimerSettings,
  type Transaction,
  type TransactionContext,
  type TransactionTarget,
} from '../../../src/core/transaction/index.js';
import { MemoryNetwork, MemoryTransport } from '../../helpers/memory-transport.js';
import { ManualScheduler } from './manual-scheduler.js';

/** A transaction context over a memory transport that records what is sent, with a manual clock. */
export function setup(protocol = 'udp', timers: Partial<TimerSettings> = {}) {
  const scheduler = new ManualScheduler();
  const network = new MemoryNetwork(() => scheduler.now);
  const transport = new MemoryTransport(network, { host: '192.0.2.1', port: 5060 });
  const terminated: Transaction[] = [];
  const context: TransactionContext = {
    transport,
    timers: resolveTimerSettings(timers),
    scheduler,
    terminated: (transaction) => terminated.push(transaction),
  };
  const target: TransactionTarget = { protocol, host: '192.0.2.2', port: 5060 };
  return { scheduler, network, transport, context, target, terminated };
}

/** What both recording users count: timeouts, transport errors and terminations. */
class RecordingUser {
  timeouts = 0;
  readonly errors: unknown[] = [];
  terminations = 0;

  timedOut(): void {
    this.timeouts++;
  }
  transportFailed(error: unknown): void {
    this.errors.push(error);
  }
  terminated(): void {
    this.terminations++;
  }
}

/** A client transaction user that records everything it is told. */
export class RecordingClientUser extends RecordingUser implements ClientTransactionUser {
  readonly responses: SIPResponse[] = [];

  receiveResponse(response: SIPResponse, _transaction: ClientTransaction): void {
    this.responses.push(response);
  }

  /** Status codes of the responses passed up, in order. */
  get statuses(): number[] {
    return this.responses.map((r) => r.status);
  }
}

/** A server transaction user that records everything it is told. */
export class RecordingServerUser extends RecordingUser implements ServerTransactionUser {
  readonly acks: SIPRequest[] = [];
  readonly cancels: SIPRequest[] = [];

  acknowledged(ack: SIPRequest, _transaction: ServerTransaction): void {
    this.acks.push(ack);
  }
  cancelled(cancel: SIPRequest): void {
    this.cancels.push(cancel);
  }
}
