/** With the real clock: transactions leave no timer handle behind that would keep the process alive. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TransactionLayer, type ServerTransaction } from '../../../src/core/transaction/index.js';
import { createResponse, type SIPRequest } from '../../../src/core/message/index.js';
import { flush, MemoryNetwork, MemoryTransport } from '../../helpers/memory-transport.js';
import { RecordingClientUser } from './fixture.js';
import { makeRequest } from './messages.js';

function timeouts(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

test('stop() releases every real timer handle of running transactions', async () => {
  const before = timeouts();
  const network = new MemoryNetwork();
  const alice = new MemoryTransport(network, { host: '192.0.2.1', port: 5060 });
  const bob = new MemoryTransport(network, { host: '192.0.2.2', port: 5060 });
  const pending: Array<{ request: SIPRequest; transaction: ServerTransaction }> = [];
  const core = { receiveAck() {}, receiveStrayResponse() {} };
  const aliceLayer = new TransactionLayer({ transport: alice, core: { ...core, receiveRequest() {} } });
  const bobLayer = new TransactionLayer({
    transport: bob,
    core: { ...core, receiveRequest: (request, transaction) => pending.push({ request, transaction }) },
  });
  alice.onMessage = (m, f) => aliceLayer.receive(m, f);
  bob.onMessage = (m, f) => bobLayer.receive(m, f);
  const udp = { protocol: 'udp', host: '192.0.2.2', port: 5060 };
  aliceLayer.sendRequest(makeRequest('INVITE'), { ...udp }, new RecordingClientUser());
  aliceLayer.sendRequest(makeRequest('OPTIONS', { callId: 'o' }), { ...udp }, new RecordingClientUser());
  await flush();
  const [invite, options] = pending;
  assert.ok(invite && options);
  invite.transaction.respond(createResponse(invite.request, 486, undefined, { toTag: 'b' }));
  options.transaction.respond(createResponse(options.request, 200, undefined, { toTag: 'b' }));
  await flush();
  assert.ok(timeouts() > before, 'timers D, G, H, J, K are running');
  aliceLayer.stop();
  bobLayer.stop();
  assert.equal(timeouts(), before);
});

test('on TCP a completed non-INVITE exchange holds no timer at all', async () => {
  const before = timeouts();
  const network = new MemoryNetwork();
  const alice = new MemoryTransport(network, { host: '192.0.2.1', port: 5060 });
  const bob = new MemoryTransport(network, { host: '192.0.2.2', port: 5060 });
  const core = { receiveAck() {}, receiveStrayResponse() {} };
  const aliceLayer = new TransactionLayer({ transport: alice, core: { ...core, receiveRequest() {} } });
  const bobLayer = new TransactionLayer({
    transport: bob,
    core: { ...core, receiveRequest: (request, transaction) => transaction.respond(createResponse(request, 200, undefined, { toTag: 'b' })) },
  });
  alice.onMessage = (m, f) => aliceLayer.receive(m, f);
  bob.onMessage = (m, f) => bobLayer.receive(m, f);
  const user = new RecordingClientUser();
  aliceLayer.sendRequest(makeRequest('MESSAGE'), { protocol: 'tcp', host: '192.0.2.2', port: 5060 }, user);
  await flush();
  assert.deepEqual(user.statuses, [200]);
  assert.equal(aliceLayer.clientTransactionCount, 0);
  assert.equal(bobLayer.serverTransactionCount, 0);
  assert.equal(timeouts(), before);
});
