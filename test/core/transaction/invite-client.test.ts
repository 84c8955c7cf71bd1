import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InviteClientTransaction } from '../../../src/core/transaction/index.js';
import { flush } from '../../helpers/memory-transport.js';
import { RecordingClientUser, setup } from './fixture.js';
import { makeRequest, makeResponse } from './messages.js';

function start(protocol = 'udp', timers = {}) {
  const env = setup(protocol, timers);
  const user = new RecordingClientUser();
  const invite = makeRequest('INVITE', { branch: 'z9hG4bK-ict' });
  const transaction = new InviteClientTransaction(invite, env.target, env.context, user);
  transaction.start();
  return { ...env, user, invite, transaction };
}

test('INVITE client on UDP retransmits at T1, 2T1, 4T1... until Timer B (64*T1) times out', () => {
  const { transaction, transport, user, scheduler, terminated } = start('udp');
  assert.equal(transaction.state, 'calling');
  scheduler.advance(64 * 500);
  assert.deepEqual(
    transport.sent.map((s) => s.at),
    [0, 500, 1500, 3500, 7500, 15500, 31500],
  );
  assert.ok(transport.requests('INVITE').every((r) => r.via[0]!.branch === 'z9hG4bK-ict'));
  assert.equal(transaction.state, 'terminated');
  assert.equal(transaction.outcome, 'timeout');
  assert.equal(user.timeouts, 1);
  assert.equal(user.terminations, 1);
  assert.deepEqual(terminated, [transaction]);
  assert.equal(scheduler.pending, 0);
});

test('INVITE client retransmission intervals follow a configured T1', () => {
  const { transport, scheduler, transaction } = start('udp', { t1: 100 });
  scheduler.advance(64 * 100 - 1);
  assert.deepEqual(transport.sent.map((s) => s.at), [0, 100, 300, 700, 1500, 3100, 6300]);
  assert.equal(transaction.state, 'calling');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
});

test('INVITE client on TCP sends once and still times out by Timer B', () => {
  const { transaction, transport, user, scheduler } = start('tcp');
  scheduler.advance(64 * 500 - 1);
  assert.equal(transport.sent.length, 1);
  assert.equal(transaction.state, 'calling');
  scheduler.advance(1);
  assert.equal(user.timeouts, 1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(scheduler.pending, 0);
});

test('a provisional response moves to Proceeding and stops retransmissions and Timer B', () => {
  const { transaction, transport, user, scheduler, invite } = start('udp');
  scheduler.advance(500);
  transaction.receiveResponse(makeResponse(invite, 100));
  transaction.receiveResponse(makeResponse(invite, 180, { toTag: 'b1' }));
  assert.equal(transaction.state, 'proceeding');
  assert.deepEqual(user.statuses, [100, 180]);
  scheduler.advance(120_000);
  assert.equal(transport.sent.length, 2);
  assert.equal(transaction.state, 'proceeding');
  assert.equal(user.timeouts, 0);
  assert.equal(scheduler.pending, 0);
});

test('a non-2xx final response is acknowledged on the same branch; retransmissions re-send the ACK until Timer D', () => {
  const { transaction, transport, user, scheduler, invite } = start('udp');
  transaction.receiveResponse(makeResponse(invite, 180, { toTag: 'b1' }));
  const busy = makeResponse(invite, 486, { toTag: 'b1' });
  transaction.receiveResponse(busy);
  assert.equal(transaction.state, 'completed');
  assert.equal(transaction.outcome, 'response');
  const [ack] = transport.requests('ACK');
  assert.ok(ack);
  assert.equal(ack.uri.toString(), invite.uri.toString());
  assert.equal(ack.via.length, 1);
  assert.equal(ack.via[0]!.branch, 'z9hG4bK-ict');
  assert.deepEqual(ack.cseq, { seq: invite.cseq.seq, method: 'ACK' });
  assert.equal(ack.to.tag, 'b1');
  assert.equal(ack.from.tag, invite.from.tag);
  assert.equal(ack.callId, invite.callId);
  assert.equal(ack.body.length, 0);

  transaction.receiveResponse(makeResponse(invite, 486, { toTag: 'b1' }));
  assert.equal(transport.requests('ACK').length, 2);
  assert.deepEqual(user.statuses, [180, 486]);

  scheduler.advance(32_000 - 1);
  assert.equal(transaction.state, 'completed');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(scheduler.pending, 0);
});

test('Timer D is zero on a reliable transport: Completed ends at once after the ACK', () => {
  const { transaction, transport, user, scheduler, invite } = start('tcp');
  transaction.receiveResponse(makeResponse(invite, 603, { toTag: 'b1' }));
  assert.equal(transport.requests('ACK').length, 1);
  assert.deepEqual(user.statuses, [603]);
  assert.equal(transaction.state, 'terminated');
  assert.equal(user.terminations, 1);
  assert.equal(scheduler.pending, 0);
});

test('a configured Timer D is used on UDP', () => {
  const { transaction, scheduler, invite } = start('udp', { timerD: 40_000 });
  transaction.receiveResponse(makeResponse(invite, 404, { toTag: 'x' }));
  scheduler.advance(39_999);
  assert.equal(transaction.state, 'completed');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
});

test('2xx moves to Accepted (RFC 6026): further 2xx from other forks pass up until Timer M, and no ACK is sent', () => {
  const { transaction, transport, user, scheduler, invite } = start('udp');
  transaction.receiveResponse(makeResponse(invite, 200, { toTag: 'fork-1' }));
  assert.equal(transaction.state, 'accepted');
  transaction.receiveResponse(makeResponse(invite, 200, { toTag: 'fork-2' }));
  transaction.receiveResponse(makeResponse(invite, 200, { toTag: 'fork-1' }));
  transaction.receiveResponse(makeResponse(invite, 180, { toTag: 'fork-3' }));
  transaction.receiveResponse(makeResponse(invite, 486, { toTag: 'fork-4' }));
  assert.deepEqual(user.responses.map((r) => r.to.tag), ['fork-1', 'fork-2', 'fork-1']);
  assert.equal(transport.requests('ACK').length, 0);
  assert.equal(transport.sent.length, 1);
  scheduler.advance(64 * 500 - 1);
  assert.equal(transaction.state, 'accepted');
  scheduler.advance(1);
  assert.equal(transaction.state, 'terminated');
  assert.equal(user.timeouts, 0);
  assert.equal(scheduler.pending, 0);
});

test('Timer M also runs on reliable transports', () => {
  const { transaction, scheduler, invite } = start('tls');
  transaction.receiveResponse(makeResponse(invite, 200, { toTag: 't' }));
  assert.equal(transaction.state, 'accepted');
  scheduler.advance(64 * 500);
  assert.equal(transaction.state, 'terminated');
});

test('a transport error terminates with outcome transport-error so the caller can fail over (§17.1.4)', async () => {
  const env = setup('udp');
  const user = new RecordingClientUser();
  const failure = new Error('ECONNREFUSED');
  env.transport.failWith = () => failure;
  const transaction = new InviteClientTransaction(makeRequest('INVITE'), env.target, env.context, user);
  transaction.start();
  await flush();
  assert.equal(transaction.state, 'terminated');
  assert.equal(transaction.outcome, 'transport-error');
  assert.equal(transaction.error, failure);
  assert.deepEqual(user.errors, [failure]);
  assert.equal(user.timeouts, 0);
  assert.equal(env.scheduler.pending, 0);
});

test('terminate() from any state clears every timer', () => {
  const { transaction, scheduler, user } = start('udp');
  assert.ok(scheduler.pending > 0);
  transaction.terminate();
  assert.equal(scheduler.pending, 0);
  assert.equal(user.terminations, 1);
  transaction.terminate();
  assert.equal(user.terminations, 1);
});
