/**
 * Property tests of the four state machines: for any timer values, transport and
 * sequence of events, a machine only visits its own states, never holds more than two
 * timers, holds none once terminated, and ends (or waits only on its TU) after 64*T1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SIPRequest } from '../../../src/core/message/index.js';
import {
  InviteClientTransaction,
  InviteServerTransaction,
  NonInviteClientTransaction,
  NonInviteServerTransaction,
  resolveTimerSettings,
  TransactionError,
  type ClientTransaction,
  type ServerTransaction,
  type TransactionContext,
  type TransactionTransport,
} from '../../../src/core/transaction/index.js';
import { ManualScheduler } from './manual-scheduler.js';
import { makeRequest, makeResponse } from './messages.js';

const STATES = {
  ict: ['calling', 'proceeding', 'accepted', 'completed', 'terminated'],
  nict: ['trying', 'proceeding', 'completed', 'terminated'],
  ist: ['proceeding', 'accepted', 'completed', 'confirmed', 'terminated'],
  nist: ['trying', 'proceeding', 'completed', 'terminated'],
} as const;

type Kind = keyof typeof STATES;

type Event =
  | { type: 'advance'; ms: number }
  | { type: 'message'; status: number }
  | { type: 'retransmission' }
  | { type: 'ack' }
  | { type: 'fail' };

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ type: fc.constant('message' as const), status: fc.constantFrom(100, 180, 183, 200, 202, 302, 486, 503) }),
  fc.record({ type: fc.constant('retransmission' as const) }),
  fc.record({ type: fc.constant('ack' as const) }),
  fc.record({ type: fc.constant('fail' as const) }),
);

/** A transport whose sends fail synchronously once `failing` is set; counts the copies of requests of `method`. */
class SwitchableTransport implements TransactionTransport {
  failing = false;
  requests = 0;
  constructor(
    private readonly reliable: boolean,
    private readonly method: string,
  ) {}
  send(data: Buffer): Promise<void> {
    if (this.failing) throw new Error('network down');
    if (data.toString('latin1', 0, this.method.length + 1) === this.method + ' ') this.requests++;
    return Promise.resolve();
  }
  isReliable(): boolean {
    return this.reliable;
  }
  localEndpoint() {
    return { host: '192.0.2.1', port: 5060 };
  }
}

function run(kind: Kind, reliable: boolean, t1: number, t2Factor: number, t4: number, events: Event[]): void {
  const scheduler = new ManualScheduler();
  const method = kind === 'ict' || kind === 'ist' ? 'INVITE' : 'OPTIONS';
  const transport = new SwitchableTransport(reliable, method);
  const timers = resolveTimerSettings({ t1, t2: t1 * t2Factor, t4 });
  const context: TransactionContext = { transport, timers, scheduler };
  const target = { protocol: reliable ? 'tcp' : 'udp', host: '192.0.2.2', port: 5060 };
  const request: SIPRequest = makeRequest(method, { branch: 'z9hG4bK-prop' });
  // Nothing reaches the TU from a terminated transaction.
  const user = {
    receiveResponse(_response: unknown, from: ClientTransaction) {
      assert.notEqual(from.state, 'terminated');
    },
  };
  let client: ClientTransaction | undefined;
  let server: ServerTransaction | undefined;
  if (kind === 'ict') client = new InviteClientTransaction(request, target, context, user);
  else if (kind === 'nict') client = new NonInviteClientTransaction(request, target, context, user);
  else if (kind === 'ist') server = new InviteServerTransaction(request, target, context);
  else server = new NonInviteServerTransaction(request, target, context);
  client?.start();
  const transaction = (client ?? server)!;

  const check = () => {
    assert.ok((STATES[kind] as readonly string[]).includes(transaction.state), `${kind} in state ${transaction.state}`);
    assert.ok(scheduler.pending <= 2, `${kind} holds ${scheduler.pending} timers`);
    if (transaction.state === 'terminated') assert.equal(scheduler.pending, 0);
  };
  for (const e of events) {
    if (e.type === 'advance') scheduler.advance(e.ms);
    else if (e.type === 'fail') transport.failing = true;
    else if (e.type === 'message') {
      if (client) client.receiveResponse(makeResponse(request, e.status, { toTag: 'x' }));
      else {
        try {
          server!.respond(makeResponse(request, e.status, { toTag: 'x' }));
        } catch (error) {
          if (!(error instanceof TransactionError)) throw error;
        }
      }
    } else if (e.type === 'retransmission') server?.receiveRequest(request);
    else if (e.type === 'ack') server?.receiveRequest(makeRequest('ACK', { branch: 'z9hG4bK-prop', toTag: 'x' }));
    check();
  }
  scheduler.advance(64 * t1 + timers.timerD + t4);
  check();
  if (transaction.state !== 'terminated') {
    assert.equal(scheduler.pending, 0);
    const waitsOnTU = client ? kind === 'ict' && transaction.state === 'proceeding' : !server!.hasFinalResponse;
    assert.ok(waitsOnTU, `${kind} stuck in ${transaction.state}`);
  }
  if (reliable && client) assert.ok(transport.requests <= 1, 'no request retransmission on a reliable transport');
}

test('state machines: valid states, at most two timers, none after termination, nothing passed up after it, always ending', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<Kind>('ict', 'nict', 'ist', 'nist'),
      fc.boolean(),
      fc.integer({ min: 10, max: 1000 }),
      fc.integer({ min: 1, max: 16 }),
      fc.integer({ min: 10, max: 10_000 }),
      fc.array(event, { maxLength: 25 }),
      (kind, reliable, t1, t2Factor, t4, events) => run(kind, reliable, t1, t2Factor, t4, events),
    ),
    { numRuns: 300 },
  );
});
