/** What every RFC 3261 §17 transaction shares: its request, target, timers' clock and termination. */
import type { SIPRequest } from '../message/index.js';
import type { Scheduler } from './scheduler.js';
import type { TransactionState } from './state.js';
import type { TimerSettings } from './timer-settings.js';
import type { TransactionTarget, TransactionTransport } from './transport.js';

/** What a transaction needs from its surroundings; the {@link TransactionLayer} provides it. */
export interface TransactionContext {
  readonly transport: TransactionTransport;
  readonly timers: TimerSettings;
  readonly scheduler: Scheduler;
  /** Called once when a transaction reaches "Terminated" (the layer drops it from its tables). */
  terminated?(transaction: Transaction): void;
}

/** Base of the four transaction state machines (RFC 3261 §17.1.1, §17.1.2, §17.2.1, §17.2.2). */
export abstract class Transaction {
  /** The state the machine is in; see {@link TransactionState}. */
  protected current: TransactionState;
  /** Whether the transport to the peer is reliable (TCP, TLS, WS...): no retransmissions, zero wait timers. */
  readonly reliable: boolean;
  /** The table key the transaction layer files this transaction under. */
  key = '';

  protected constructor(
    /** The request that created the transaction. */
    readonly request: SIPRequest,
    /** Where messages of this transaction go (the flow is updated with the one actually used). */
    readonly target: TransactionTarget,
    protected readonly context: TransactionContext,
  ) {
    this.reliable = context.transport.isReliable(target.protocol);
    this.current = this.initialState();
  }

  /** The current state of the machine. */
  get state(): TransactionState {
    return this.current;
  }

  /** The state the machine starts in. */
  protected abstract initialState(): TransactionState;

  /** The branch parameter of the top Via of the request (RFC 3261 §17.1.3, §17.2.3). */
  get branch(): string | undefined {
    return this.request.via[0]?.branch;
  }

  /** The transport failed to deliver a message of this transaction (RFC 3261 §17.1.4, §17.2.4). */
  abstract transportFailed(error: unknown): void;

  /** Ends the transaction at once, from any state, with every timer cleared and nothing reported to the user as an error. */
  abstract terminate(): void;

  /** Passes `data` to the transport; a failure is reported to {@link transportFailed}. */
  protected transmit(data: Buffer): void {
    let pending: Promise<unknown>;
    try {
      pending = this.context.transport.send(data, this.target).then((flow) => {
        if (flow) this.target.flow = flow;
      });
    } catch (error) {
      this.transportFailed(error);
      return;
    }
    pending.catch((error: unknown) => this.transportFailed(error));
  }
}
