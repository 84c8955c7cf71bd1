import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NonInviteClientTransaction } from '../../../src/core/transaction/index.js';
import { flush } from '../../helpers/memory-transport.js';
import { RecordingClientUser, setup } from './fixture.js';
import { makeRequest, makeResponse } from './messages.js';

function start(protocol = 'udp', timers = {}) {
  const env = setup(protocol, timers);
  const user = new RecordingClientUser();
  const request = makeRequest('OPTIONS', { branch: 'z9hG4bK-nict' });
  const transaction = new NonInviteClientTransaction(request, env.target, env.context, user);
  transaction.start();
  return { ...env, user, request, transaction };
}

test('non-INVITE client on UDP: Timer E doubles from T1 and is capped at T2; Timer F times out at 64*T1', () => {
  const { transaction, transport, user, scheduler } = start('udp');
  assert.equal(transaction.state, 'trying');
  scheduler.advance(64 * 500);
  // 500, 1000, 2000, then 4000 (T2) each time.
  assert.deepEqual(
    transport.sent.map((s) => s.at),
    [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500],
  );
  assert.equal(transaction.state, 'terminated');
  assert.equal(transaction.outcome, 'timeout');
  assert.equal(user.timeouts, 1);
  assert.equal(scheduler.pending, 0);
});

test('non-INVITE client honours configured T1 and T2', () => {
  const { transport, scheduler } = start('udp', { t1: 200, t2: 600 });
  scheduler.advance(3000);
  assert.deepEqual(transport.sent.map((s) => s.at), [0, 200, 600, 1200, 1800, 2400, 3000]);
});

test('non-INVITE client on TCP sends once and times out by Timer F', () => {
  const { transaction, transport, scheduler, user } = start('tcp');
  scheduler.advance(64 * 500 - 1);
  assert.equal(transport.sent.length, 1);
  scheduler.advance(1);
  assert.equal(user.timeouts, 1);
  assert.equal(transaction.state, 'terminated');
});

test('in Proceeding, Timer E retransmits every T2 and Timer F still applies', () => {
  const { transaction, transport, scheduler, user, request } = start('udp');
  scheduler.advance(600); // one retransmission at 500, Timer E now due at 1500
  transaction.receiveResponse(makeResponse(request, 100));
  assert.equal(transaction.state, 'proceeding');
  assert.deepEqual(user.statuses, [100]);
  scheduler.advance(1500 - 600);
  scheduler.advance(8000);
  assert.deepEqual(transport.sent.map((s) => s.at), [0, 500, 1500, 5500, 9500]);
  scheduler.advance(64 * 500);
  assert.equal(transaction.outcome, 'timeout');
  assert.equal(scheduler.pending, 0);
});

test('a final response moves to Completed, which absorbs retransmissions until Timer K = T4 on UDP', () => {
  const { transaction, transport, scheduler, user, request } = start('udp');
  transaction.receiveResponse(makeResponse(request, 200, { toTag: 'x' }));
  assert.equal(transaction.state, 'completed');
  transaction.receiveResponse(makeResponse(request, 200, { toTag: 'x' }));
  transaction.receiveResponse(makeResponse(request, 180, { toTag: 'x' }));
  assert.deepEqual(user.statuses, [200]);
  scheduler.advance(4999);
  assert.equal(transaction.state, 'completed');
  assert.equal(transport.sent.length, 1);
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(scheduler.pending, 0);
});

test('Timer K follows a configured T4', () => {
  const { transaction, scheduler, request } = start('udp', { t4: 2500 });
  transaction.receiveResponse(makeResponse(request, 404));
  scheduler.advance(2499);
  assert.equal(transaction.state, 'completed');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
});

test('Timer K is zero on TCP: a final response ends the transaction at once', () => {
  const { transaction, scheduler, user, request } = start('tcp');
  transaction.receiveResponse(makeResponse(request, 100));
  transaction.receiveResponse(makeResponse(request, 403));
  assert.deepEqual(user.statuses, [100, 403]);
  assert.equal(transaction.state, 'terminated');
  assert.equal(transaction.outcome, 'response');
  assert.equal(scheduler.pending, 0);
});

test('a failing retransmission terminates the transaction with a transport error', async () => {
  const { transaction, transport, scheduler, user } = start('udp');
  const failure = new Error('EHOSTUNREACH');
  transport.failWith = () => failure;
  scheduler.advance(500);
  await flush();
  assert.equal(transaction.outcome, 'transport-error');
  assert.deepEqual(user.errors, [failure]);
  assert.equal(scheduler.pending, 0);
});

test('the user hears the outcome (timeout or transport error) before terminated, its last callback', () => {
  for (const fail of ['timeout', 'transport-error'] as const) {
    const env = setup('udp', {});
    const calls: string[] = [];
    const request = makeRequest('OPTIONS', { branch: `z9hG4bK-order-${fail}` });
    const transaction = new NonInviteClientTransaction(request, env.target, env.context, {
      receiveResponse: () => calls.push('response'),
      timedOut: (t) => calls.push(`timedOut:${t.outcome}`),
      transportFailed: (_error, t) => calls.push(`transportFailed:${t.outcome}`),
      terminated: (t) => calls.push(`terminated:${t.state}`),
    });
    transaction.start();
    if (fail === 'timeout') env.scheduler.advance(64 * 500);
    else transaction.transportFailed(new Error('connection reset'));
    const expected = fail === 'timeout' ? 'timedOut:timeout' : 'transportFailed:transport-error';
    assert.deepEqual(calls, [expected, 'terminated:terminated']);
    assert.equal(env.scheduler.pending, 0);
  }
});
