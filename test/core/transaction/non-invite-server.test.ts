import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NonInviteServerTransaction, TransactionError } from '../../../src/core/transaction/index.js';
import { RecordingServerUser, setup } from './fixture.js';
import { makeRequest, makeResponse } from './messages.js';

function receive(protocol = 'udp', timers = {}) {
  const env = setup(protocol, timers);
  const user = new RecordingServerUser();
  const request = makeRequest('MESSAGE', { branch: 'z9hG4bK-nist' });
  const transaction = new NonInviteServerTransaction(request, env.target, env.context);
  transaction.user = user;
  return { ...env, user, request, transaction };
}

test('Trying absorbs retransmissions without sending anything', () => {
  const { transaction, transport, request, scheduler } = receive();
  assert.equal(transaction.state, 'trying');
  transaction.receiveRequest(request);
  scheduler.advance(10_000);
  assert.equal(transport.sent.length, 0);
  assert.equal(scheduler.pending, 0);
});

test('Proceeding re-sends the last provisional response on each retransmission', () => {
  const { transaction, transport, request } = receive();
  transaction.respond(makeResponse(request, 100));
  assert.equal(transaction.state, 'proceeding');
  transaction.receiveRequest(request);
  assert.deepEqual(transport.responses().map((r) => r.status), [100, 100]);
});

test('Completed re-sends the final response until Timer J (64*T1) on UDP', () => {
  const { transaction, transport, request, scheduler, user } = receive('udp');
  transaction.respond(makeResponse(request, 200, { toTag: 'uas' }));
  assert.equal(transaction.state, 'completed');
  transaction.receiveRequest(request);
  assert.deepEqual(transport.responses().map((r) => r.status), [200, 200]);
  scheduler.advance(64 * 500 - 1);
  assert.equal(transaction.state, 'completed');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(user.terminations, 1);
  assert.equal(scheduler.pending, 0);
});

test('Timer J follows a configured T1', () => {
  const { transaction, request, scheduler } = receive('udp', { t1: 50 });
  transaction.respond(makeResponse(request, 202, { toTag: 'uas' }));
  scheduler.advance(64 * 50 - 1);
  assert.equal(transaction.state, 'completed');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
});

test('Timer J is zero on TCP', () => {
  const { transaction, request, scheduler } = receive('tcp');
  transaction.respond(makeResponse(request, 200, { toTag: 'uas' }));
  assert.equal(transaction.state, 'terminated');
  assert.equal(scheduler.pending, 0);
});

test('no response after the final one', () => {
  const { transaction, request } = receive();
  transaction.respond(makeResponse(request, 404));
  assert.throws(() => transaction.respond(makeResponse(request, 200)), TransactionError);
  assert.throws(() => transaction.respond(makeResponse(request, 180)), TransactionError);
});
