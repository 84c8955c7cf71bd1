import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InviteServerTransaction, TransactionError } from '../../../src/core/transaction/index.js';
import { flush } from '../../helpers/memory-transport.js';
import { RecordingServerUser, setup } from './fixture.js';
import { makeRequest, makeResponse } from './messages.js';

function receive(protocol = 'udp', timers = {}) {
  const env = setup(protocol, timers);
  const user = new RecordingServerUser();
  const invite = makeRequest('INVITE', { branch: 'z9hG4bK-ist' });
  const transaction = new InviteServerTransaction(invite, env.target, env.context);
  transaction.user = user;
  return { ...env, user, invite, transaction };
}

function ackFor(invite = makeRequest('INVITE', { branch: 'z9hG4bK-ist' }), toTag = 'uas') {
  return makeRequest('ACK', { branch: 'z9hG4bK-ist', toTag, cseq: invite.cseq.seq });
}

test('INVITE server sends 100 Trying when the TU is silent for 200 ms, and not when it answered', () => {
  const silent = receive();
  silent.scheduler.advance(199);
  assert.equal(silent.transport.sent.length, 0);
  silent.scheduler.advance(1);
  assert.deepEqual(silent.transport.responses().map((r) => r.status), [100]);
  assert.equal(silent.transport.responses()[0]!.to.tag, undefined);

  const quick = receive();
  quick.transaction.respond(makeResponse(quick.invite, 180, { toTag: 'uas' }));
  quick.scheduler.advance(1000);
  assert.deepEqual(quick.transport.responses().map((r) => r.status), [180]);
});

test('an INVITE retransmitted before any response gets 100 Trying at once, once', () => {
  const { transaction, transport, invite, scheduler } = receive();
  transaction.receiveRequest(invite);
  assert.deepEqual(transport.responses().map((r) => r.status), [100]);
  scheduler.advance(1000);
  assert.deepEqual(transport.responses().map((r) => r.status), [100]);
  transaction.receiveRequest(invite);
  assert.deepEqual(transport.responses().map((r) => r.status), [100, 100]);
});

test('INVITE retransmissions in Proceeding re-send the last provisional response', () => {
  const { transaction, transport, invite } = receive();
  transaction.respond(makeResponse(invite, 180, { toTag: 'uas' }));
  transaction.receiveRequest(invite);
  transaction.receiveRequest(invite);
  assert.deepEqual(transport.responses().map((r) => r.status), [180, 180, 180]);
  assert.equal(transaction.state, 'proceeding');
});

test('non-2xx on UDP: Timer G retransmits at T1 doubling up to T2 until Timer H gives up (64*T1)', () => {
  const { transaction, transport, scheduler, invite, user } = receive('udp');
  transaction.respond(makeResponse(invite, 486, { toTag: 'uas' }));
  assert.equal(transaction.state, 'completed');
  scheduler.advance(64 * 500);
  assert.deepEqual(
    transport.sent.map((s) => s.at),
    [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500],
  );
  assert.equal(transaction.state, 'terminated');
  assert.equal(user.timeouts, 1);
  assert.equal(scheduler.pending, 0);
});

test('a retransmitted INVITE in Completed re-sends the final response', () => {
  const { transaction, transport, invite } = receive('tcp');
  transaction.respond(makeResponse(invite, 404, { toTag: 'uas' }));
  transaction.receiveRequest(invite);
  assert.deepEqual(transport.responses().map((r) => r.status), [404, 404]);
});

test('ACK moves Completed to Confirmed, stops Timer G, absorbs further ACKs until Timer I = T4', () => {
  const { transaction, transport, scheduler, invite, user } = receive('udp');
  transaction.respond(makeResponse(invite, 486, { toTag: 'uas' }));
  scheduler.advance(500);
  transaction.receiveRequest(ackFor(invite));
  assert.equal(transaction.state, 'confirmed');
  assert.equal(user.acks.length, 1);
  transaction.receiveRequest(ackFor(invite));
  transaction.receiveRequest(invite);
  assert.equal(user.acks.length, 1);
  scheduler.advance(4999);
  assert.equal(transaction.state, 'confirmed');
  assert.equal(transport.sent.length, 2);
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(user.timeouts, 0);
  assert.equal(scheduler.pending, 0);
});

test('on TCP: no Timer G, Timer H still 64*T1, and Timer I is zero', () => {
  const a = receive('tcp');
  a.transaction.respond(makeResponse(a.invite, 603, { toTag: 'uas' }));
  a.scheduler.advance(64 * 500 - 1);
  assert.equal(a.transport.sent.length, 1);
  assert.equal(a.transaction.state, 'completed');
  a.scheduler.advance(1);
  assert.equal(a.user.timeouts, 1);

  const b = receive('tcp');
  b.transaction.respond(makeResponse(b.invite, 603, { toTag: 'uas' }));
  b.transaction.receiveRequest(ackFor(b.invite));
  assert.equal(b.transaction.state, 'terminated');
  assert.equal(b.user.acks.length, 1);
  assert.equal(b.scheduler.pending, 0);
});

test('2xx moves to Accepted (RFC 6026): INVITE retransmissions absorbed, TU 2xx retransmissions sent, Timer L ends it', () => {
  const { transaction, transport, scheduler, invite } = receive('udp');
  const ok = makeResponse(invite, 200, { toTag: 'uas' });
  transaction.respond(ok);
  assert.equal(transaction.state, 'accepted');
  transaction.receiveRequest(invite);
  assert.equal(transport.sent.length, 1);
  scheduler.advance(500);
  transaction.respond(ok);
  assert.equal(transport.sent.length, 2);
  scheduler.advance(64 * 500 - 501);
  assert.equal(transaction.state, 'accepted');
  assert.equal(transport.sent.length, 2);
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  // The TU may still retransmit its 2xx until its own 64*T1 limit.
  transaction.respond(ok);
  assert.equal(transport.sent.length, 3);
  assert.equal(scheduler.pending, 0);
});

test('responses the state machine forbids throw TransactionError', () => {
  const { transaction, invite } = receive();
  transaction.respond(makeResponse(invite, 200, { toTag: 'uas' }));
  assert.throws(() => transaction.respond(makeResponse(invite, 486, { toTag: 'uas' })), TransactionError);
  assert.throws(() => transaction.respond(makeResponse(invite, 180, { toTag: 'uas' })), TransactionError);
  const other = receive();
  other.transaction.respond(makeResponse(other.invite, 486, { toTag: 'uas' }));
  assert.throws(() => other.transaction.respond(makeResponse(other.invite, 200, { toTag: 'uas' })), TransactionError);
});

test('a transport error while sending a response terminates and informs the TU (§17.2.4)', async () => {
  const { transaction, transport, invite, user, scheduler } = receive();
  const failure = new Error('ENETUNREACH');
  transport.failWith = () => failure;
  transaction.respond(makeResponse(invite, 486, { toTag: 'uas' }));
  await flush();
  assert.equal(transaction.state, 'terminated');
  assert.deepEqual(user.errors, [failure]);
  assert.equal(scheduler.pending, 0);
});
