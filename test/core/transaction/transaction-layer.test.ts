import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, type SIPRequest, type SIPResponse } from '../../../src/core/message/index.js';
import {
  createCancel,
  TransactionError,
  TransactionLayer,
  TransactionTimeoutError,
  type ServerTransaction,
  type TransactionCore,
  type TransactionFlow,
} from '../../../src/core/transaction/index.js';
import { flush, MemoryNetwork, MemoryTransport } from '../../helpers/memory-transport.js';
import { RecordingClientUser, RecordingServerUser } from './fixture.js';
import { ManualScheduler } from './manual-scheduler.js';
import { makeRequest, makeResponse } from './messages.js';

/** A core that records what reaches it and answers with `answer` (if set). */
class RecordingCore implements TransactionCore {
  readonly requests: Array<{ request: SIPRequest; transaction: ServerTransaction }> = [];
  readonly acks: SIPRequest[] = [];
  readonly stray: SIPResponse[] = [];
  readonly errors: unknown[] = [];
  readonly user = new RecordingServerUser();
  answer: ((request: SIPRequest, transaction: ServerTransaction) => void) | undefined = undefined;

  receiveRequest(request: SIPRequest, transaction: ServerTransaction): void {
    this.requests.push({ request, transaction });
    transaction.user = this.user;
    this.answer?.(request, transaction);
  }
  receiveAck(ack: SIPRequest): void {
    this.acks.push(ack);
  }
  receiveStrayResponse(response: SIPResponse): void {
    this.stray.push(response);
  }
  reportError(error: unknown): void {
    this.errors.push(error);
  }
}

function pair(protocol = 'udp') {
  const scheduler = new ManualScheduler();
  const network = new MemoryNetwork(() => scheduler.now);
  const alice = new MemoryTransport(network, { host: '192.0.2.1', port: 5060 });
  const bob = new MemoryTransport(network, { host: '192.0.2.2', port: 5060 });
  const aliceCore = new RecordingCore();
  const bobCore = new RecordingCore();
  const aliceLayer = new TransactionLayer({ transport: alice, core: aliceCore, scheduler });
  const bobLayer = new TransactionLayer({ transport: bob, core: bobCore, scheduler });
  alice.onMessage = (m, f) => aliceLayer.receive(m, f);
  bob.onMessage = (m, f) => bobLayer.receive(m, f);
  const toBob = { protocol, host: '192.0.2.2', port: 5060 };
  return { scheduler, network, alice, bob, aliceCore, bobCore, aliceLayer, bobLayer, toBob };
}

/** The flow a message from 192.0.2.9:5070 arrives on at bob. */
const inbound: TransactionFlow = {
  id: 'udp-in',
  protocol: 'udp',
  local: { host: '192.0.2.2', port: 5060 },
  remote: { host: '192.0.2.9', port: 5070 },
};

test('a request goes out with a new Via (branch, rport), reaches the core once, and its response comes back', async () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) => transaction.respond(makeResponse(request, 200, { toTag: 'b' }));
  const user = new RecordingClientUser();
  const request = makeRequest('OPTIONS');
  const transaction = net.aliceLayer.sendRequest(request, net.toBob, user);
  const via = request.via;
  assert.equal(via.length, 1);
  assert.match(via[0]!.branch!, /^z9hG4bK/);
  assert.notEqual(via[0]!.branch, 'z9hG4bK-test-1');
  assert.equal(via[0]!.rport, true);
  assert.equal(via[0]!.host, '192.0.2.1');
  assert.equal(via[0]!.transport, 'UDP');
  await flush();
  assert.equal(net.bobCore.requests.length, 1);
  assert.deepEqual(user.statuses, [200]);
  assert.equal(transaction.state, 'completed');
  net.scheduler.advance(64 * 500);
  assert.equal(net.aliceLayer.clientTransactionCount, 0);
  assert.equal(net.bobLayer.serverTransactionCount, 0);
  assert.equal(net.scheduler.pending, 0);
});

test('lost UDP requests are retransmitted; retransmissions are absorbed and re-answered by the server transaction', async () => {
  const net = pair();
  let copies = 0;
  net.network.drop = (sent) => 'method' in sent.message && sent.message.method === 'MESSAGE' && ++copies <= 2;
  let responsesDropped = 0;
  net.bobCore.answer = (request, transaction) => {
    net.network.drop = (sent) => 'status' in sent.message && ++responsesDropped <= 1;
    transaction.respond(makeResponse(request, 200, { toTag: 'b' }));
  };
  const user = new RecordingClientUser();
  net.aliceLayer.sendRequest(makeRequest('MESSAGE'), net.toBob, user);
  for (let i = 0; i < 4; i++) {
    net.scheduler.advance(500 * 2 ** i);
    await flush();
  }
  // Two copies lost, the third answered (answer lost), the fourth re-answered by the transaction.
  assert.deepEqual(net.alice.requests('MESSAGE').length, 4);
  assert.equal(net.bobCore.requests.length, 1);
  assert.deepEqual(user.statuses, [200]);
  assert.equal(net.bob.responses(200).length, 2);
});

test('the first matching response wins, and Via host matching is case-insensitive on the server side', async () => {
  const net = pair();
  const request = makeRequest('INFO', { via: 'SIP/2.0/UDP Client.Example.COM:5060;branch=z9hG4bKcase' });
  net.bobLayer.receive(request, inbound);
  net.bobLayer.receive(makeRequest('INFO', { via: 'SIP/2.0/UDP client.example.com:5060;branch=z9hG4bKcase' }), inbound);
  assert.equal(net.bobCore.requests.length, 1);
  // A different sent-by with the same branch is a different transaction.
  net.bobLayer.receive(makeRequest('INFO', { via: 'SIP/2.0/UDP other.example.com;branch=z9hG4bKcase', fromTag: 'x' }), inbound);
  assert.equal(net.bobCore.requests.length, 2);
});

test('responses to server transactions go to the source address when the Via has rport, else to sent-by', () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) => transaction.respond(makeResponse(request, 200, { toTag: 'b' }));
  net.bobLayer.receive(makeRequest('OPTIONS', { via: 'SIP/2.0/UDP 198.51.100.1:5080;rport;branch=z9hG4bKr1' }), inbound);
  net.bobLayer.receive(
    makeRequest('OPTIONS', { via: 'SIP/2.0/UDP 198.51.100.1:5080;received=198.51.100.7;branch=z9hG4bKr2', fromTag: 'y' }),
    inbound,
  );
  assert.deepEqual(
    net.bob.sent.map((s) => `${s.target.host}:${s.target.port}`),
    ['192.0.2.9:5070', '198.51.100.7:5080'],
  );
});

test('RFC 2543 fallback: a branch without magic cookie matches retransmissions and the ACK of a non-2xx', () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) => transaction.respond(makeResponse(request, 486, { toTag: 'busy' }));
  const via = 'SIP/2.0/UDP 192.0.2.9:5070;branch=old2543';
  const invite = makeRequest('INVITE', { via });
  net.bobLayer.receive(invite, inbound);
  net.bobLayer.receive(makeRequest('INVITE', { via }), inbound);
  assert.equal(net.bobCore.requests.length, 1);
  assert.deepEqual(net.bob.responses().map((r) => r.status), [486, 486]);
  const transaction = net.bobCore.requests[0]!.transaction;
  net.bobLayer.receive(makeRequest('ACK', { via, toTag: 'busy' }), inbound);
  assert.equal(transaction.state, 'confirmed');
  assert.equal(net.bobCore.acks.length, 0);
  assert.equal(net.bobCore.user.acks.length, 1);
  // A Via without any branch is matched the same way.
  const noBranch = 'SIP/2.0/UDP 192.0.2.9:5070';
  net.bobLayer.receive(makeRequest('OPTIONS', { via: noBranch, fromTag: 'nb' }), inbound);
  net.bobLayer.receive(makeRequest('OPTIONS', { via: noBranch, fromTag: 'nb' }), inbound);
  assert.equal(net.bobCore.requests.length, 2);
});

test('ACK for a non-2xx matches the INVITE server transaction; the ACK of a 2xx goes to the core', () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) =>
    transaction.respond(makeResponse(request, request.callId === 'ok' ? 200 : 404, { toTag: 'b' }));
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKi1', callId: 'no' }), inbound);
  net.bobLayer.receive(makeRequest('ACK', { branch: 'z9hG4bKi1', callId: 'no', toTag: 'b' }), inbound);
  assert.equal(net.bobCore.requests[0]!.transaction.state, 'confirmed');
  assert.equal(net.bobCore.acks.length, 0);

  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKi2', callId: 'ok' }), inbound);
  net.bobLayer.receive(makeRequest('ACK', { branch: 'z9hG4bKa2', callId: 'ok', toTag: 'b' }), inbound);
  assert.equal(net.bobCore.acks.length, 1);
  assert.equal(net.bobCore.requests[1]!.transaction.state, 'accepted');
});

test('CANCEL matches the pending INVITE (§9.2): 200 for the CANCEL with the same To tag, TU told; unmatched CANCEL gets 481', () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) => transaction.respond(makeResponse(request, 180, { toTag: 'ring' }));
  const invite = makeRequest('INVITE', { branch: 'z9hG4bKc1' });
  net.bobLayer.receive(invite, inbound);
  const cancel = createCancel(invite);
  net.bobLayer.receive(parseMessage(cancel.toBuffer()), inbound);
  const ok = net.bob.responses(200);
  assert.equal(ok.length, 1);
  assert.equal(ok[0]!.cseq.method, 'CANCEL');
  assert.equal(ok[0]!.to.tag, 'ring');
  assert.equal(net.bobCore.user.cancels.length, 1);
  const transaction = net.bobCore.requests[0]!.transaction;
  transaction.respond(makeResponse(invite, 487, { toTag: 'ring' }));
  assert.equal(transaction.state, 'completed');
  // The core never sees CANCEL as a request.
  assert.equal(net.bobCore.requests.length, 1);
  // A retransmitted CANCEL is answered by its own server transaction.
  net.bobLayer.receive(parseMessage(cancel.toBuffer()), inbound);
  assert.equal(net.bob.responses(200).length, 2);
  assert.equal(net.bobCore.user.cancels.length, 1);

  net.bobLayer.receive(makeRequest('CANCEL', { branch: 'z9hG4bKnone' }), inbound);
  assert.equal(net.bob.responses(481).length, 1);
});

test('CANCEL through the client side uses the INVITE branch on its own transaction', async () => {
  const net = pair();
  net.bobCore.answer = (request, transaction) => transaction.respond(makeResponse(request, 180, { toTag: 'r' }));
  const inviteUser = new RecordingClientUser();
  const invite = makeRequest('INVITE');
  const inviteTransaction = net.aliceLayer.sendRequest(invite, net.toBob, inviteUser);
  await flush();
  assert.deepEqual(inviteUser.statuses, [180]);
  const cancelUser = new RecordingClientUser();
  const cancel = createCancel(invite, { reason: 'SIP;cause=200;text="Call completed elsewhere"' });
  assert.equal(cancel.getHeader('Reason'), 'SIP;cause=200;text="Call completed elsewhere"');
  net.aliceLayer.sendRequest(cancel, inviteTransaction.target, cancelUser);
  assert.equal(cancel.via[0]!.branch, invite.via[0]!.branch);
  assert.throws(() => net.aliceLayer.sendRequest(createCancel(invite), net.toBob, cancelUser), TransactionError);
  await flush();
  assert.deepEqual(cancelUser.statuses, [200]);
  net.bobCore.requests[0]!.transaction.respond(makeResponse(invite, 487, { toTag: 'r' }));
  await flush();
  assert.deepEqual(inviteUser.statuses, [180, 487]);
  assert.equal(net.alice.requests('ACK').length, 1);
});

test('merged requests (§8.2.2.2): same From tag, Call-ID and CSeq on another branch get 482', () => {
  const net = pair();
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKpath1' }), inbound);
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKpath2' }), inbound);
  assert.equal(net.bobCore.requests.length, 1);
  const loop = net.bob.responses(482);
  assert.equal(loop.length, 1);
  assert.equal(loop[0]!.via[0]!.branch, 'z9hG4bKpath2');
  // In-dialog requests (To tag) are not checked; another CSeq is another request.
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKpath3', toTag: 'x' }), inbound);
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKpath4', cseq: 2 }), inbound);
  assert.equal(net.bobCore.requests.length, 3);
});

test('responses without a transaction go to the core as stray; a response with two Vias is dropped', () => {
  const net = pair();
  const late = makeResponse(makeRequest('INVITE', { branch: 'z9hG4bKgone' }), 200, { toTag: 'b' });
  net.aliceLayer.receive(late, inbound);
  assert.equal(net.aliceCore.stray.length, 1);
  const twoVias = makeResponse(
    makeRequest('OPTIONS', { via: 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2' }),
    200,
  );
  net.aliceLayer.receive(twoVias, inbound);
  assert.equal(net.aliceCore.stray.length, 1);
  assert.equal(net.aliceCore.errors.length, 1);
});

test('a transport error reaches the client transaction user, and the layer forgets the transaction', async () => {
  const net = pair();
  net.alice.failWith = () => new Error('ECONNREFUSED');
  const user = new RecordingClientUser();
  const transaction = net.aliceLayer.sendRequest(makeRequest('REGISTER'), { protocol: 'tcp', host: '192.0.2.2', port: 5060 }, user);
  await flush();
  assert.equal(transaction.outcome, 'transport-error');
  assert.equal(user.errors.length, 1);
  assert.equal(net.aliceLayer.clientTransactionCount, 0);
  assert.equal(net.scheduler.pending, 0);
});

test('a closed connection fails the reliable transactions that use it', async () => {
  const net = pair('tcp');
  const user = new RecordingClientUser();
  const transaction = net.aliceLayer.sendRequest(makeRequest('SUBSCRIBE'), { protocol: 'tcp', host: '203.0.113.1', port: 5060 }, user);
  await flush();
  assert.ok(transaction.target.flow);
  net.aliceLayer.flowClosed(transaction.target.flow);
  assert.equal(transaction.outcome, 'transport-error');
  assert.ok(user.errors[0] instanceof TransactionError);
});

test('a core that throws gets a 500 sent for it and the error reported', () => {
  const net = pair();
  net.bobCore.answer = () => {
    throw new Error('bug');
  };
  net.bobLayer.receive(makeRequest('MESSAGE'), inbound);
  assert.equal(net.bob.responses(500).length, 1);
  assert.equal(net.bobCore.errors.length, 1);
});

test('sendAck adds a Via with a new branch once and resends the same ACK', async () => {
  const net = pair();
  const ack = makeRequest('ACK', { toTag: 'b' });
  ack.removeHeader('Via');
  await net.aliceLayer.sendAck(ack, net.toBob);
  const branch = ack.via[0]!.branch;
  assert.match(branch!, /^z9hG4bK/);
  await net.aliceLayer.sendAck(ack, net.toBob);
  assert.deepEqual(net.alice.requests('ACK').map((a) => a.via[0]!.branch), [branch, branch]);
  await assert.rejects(net.aliceLayer.sendAck(makeRequest('BYE'), net.toBob), TransactionError);
  assert.throws(() => net.aliceLayer.sendRequest(makeRequest('ACK'), net.toBob, new RecordingClientUser()), TransactionError);
});

test('Via of an IPv6 local address is bracketed', () => {
  const scheduler = new ManualScheduler();
  const network = new MemoryNetwork(() => scheduler.now);
  const transport = new MemoryTransport(network, { host: '2001:db8::1', port: 5062 });
  const layer = new TransactionLayer({ transport, core: new RecordingCore(), scheduler });
  const request = makeRequest('OPTIONS');
  layer.sendRequest(request, { protocol: 'tcp', host: '2001:db8::2', port: 5060 }, new RecordingClientUser());
  assert.match(request.getHeader('Via')!, /^SIP\/2\.0\/TCP \[2001:db8::1\]:5062;rport;branch=z9hG4bK/);
  layer.stop();
  assert.equal(scheduler.pending, 0);
});

test('stop() terminates every transaction and clears every timer', () => {
  const net = pair();
  net.aliceLayer.sendRequest(makeRequest('INVITE'), net.toBob, new RecordingClientUser());
  net.aliceLayer.sendRequest(makeRequest('OPTIONS', { callId: 'o' }), net.toBob, new RecordingClientUser());
  net.bobLayer.receive(makeRequest('INVITE', { branch: 'z9hG4bKs' }), inbound);
  assert.ok(net.scheduler.pending > 0);
  net.aliceLayer.stop();
  net.bobLayer.stop();
  assert.equal(net.scheduler.pending, 0);
  assert.equal(net.aliceLayer.clientTransactionCount, 0);
  assert.equal(net.bobLayer.serverTransactionCount, 0);
});

test('a malformed request is answered 400 naming the fault, creates no transaction, and the layer keeps serving', async () => {
  const net = pair();
  const bad = parseMessage(
    'OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.9:5070;branch=z9hG4bKbad\r\nFrom: <sip:a@example.com>;tag=1\r\n' +
      'To: <sip:bob@example.com>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n',
  );
  net.bobLayer.receive(bad, inbound);
  const [reply] = net.bob.responses(400);
  assert.ok(reply);
  assert.match(reply.reason, /CSeq method INVITE differs from OPTIONS/);
  assert.equal(net.bobLayer.serverTransactionCount, 0);
  assert.equal(net.bobCore.requests.length, 0);
  assert.ok(net.bobCore.errors[0] instanceof TransactionError);
  const badAck = makeRequest('ACK', { cseqMethod: 'INVITE' });
  net.bobLayer.receive(badAck, inbound);
  assert.equal(net.bob.responses(400).length, 1, 'an ACK is never answered');
  net.bobLayer.receive(makeRequest('OPTIONS', { branch: 'z9hG4bKgood' }), inbound);
  assert.equal(net.bobCore.requests.length, 1);
  await flush();
});

test('a timed-out client transaction carries a TransactionTimeoutError', () => {
  const net = pair();
  net.network.drop = () => true;
  const transaction = net.aliceLayer.sendRequest(makeRequest('OPTIONS'), net.toBob, new RecordingClientUser());
  net.scheduler.advance(64 * 500);
  assert.equal(transaction.outcome, 'timeout');
  assert.ok(transaction.error instanceof TransactionTimeoutError);
  assert.match((transaction.error as Error).message, /OPTIONS to 192\.0\.2\.2:5060 got no final response within 64\*T1 \(32000 ms\)/);
});

test('a request too large for UDP goes over TCP with a TCP Via (§18.1.1)', () => {
  const net = pair();
  const big = makeRequest('MESSAGE', { extra: ['Subject: ' + 'x'.repeat(1400)] });
  const target = { ...net.toBob };
  const transaction = net.aliceLayer.sendRequest(big, target, new RecordingClientUser());
  assert.equal(target.protocol, 'tcp');
  assert.equal(transaction.reliable, true);
  assert.equal(big.via[0]!.transport, 'TCP');
  assert.equal(net.alice.sent[0]!.target.protocol, 'tcp');
  const small = makeRequest('MESSAGE', { callId: 'small' });
  const smallTarget = { ...net.toBob };
  net.aliceLayer.sendRequest(small, smallTarget, new RecordingClientUser());
  assert.equal(smallTarget.protocol, 'udp');
  const never = new TransactionLayer({ transport: net.alice, core: new RecordingCore(), scheduler: net.scheduler, maxDatagramSize: Infinity });
  const bigTarget = { ...net.toBob };
  never.sendRequest(makeRequest('MESSAGE', { callId: 'big2', extra: ['Subject: ' + 'y'.repeat(1400)] }), bigTarget, new RecordingClientUser());
  assert.equal(bigTarget.protocol, 'udp');
  net.aliceLayer.stop();
  never.stop();
});
