/**
 * An INVITE dialog end to end over two transaction layers on the memory network:
 * 180/200 from the UAS, 2xx retransmitted by the UAS core until the ACK (RFC 6026),
 * the ACK built by the dialog and resent for a retransmitted 2xx, then a BYE in the dialog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createResponse, type SIPRequest, type SIPResponse } from '../../../src/core/message/index.js';
import { Dialog, DialogSet, DialogTable, Invite2xxRetransmitter } from '../../../src/core/dialog/index.js';
import {
  TransactionLayer,
  type ClientTransaction,
  type ServerTransaction,
  type TransactionCore,
  type TransactionTarget,
} from '../../../src/core/transaction/index.js';
import { flush, MemoryNetwork, MemoryTransport } from '../../helpers/memory-transport.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';
import { makeRequest } from '../transaction/messages.js';

const BOB: TransactionTarget = { protocol: 'udp', host: '192.0.2.2', port: 5060 };
const ALICE: TransactionTarget = { protocol: 'udp', host: '192.0.2.1', port: 5060 };

/** Bob's UAS core: answers INVITE with 180 then 200, retransmits the 2xx until the ACK, accepts in-dialog requests. */
class Callee implements TransactionCore {
  readonly dialogs = new DialogTable();
  retransmitter: Invite2xxRetransmitter | undefined;
  readonly acks: SIPRequest[] = [];
  readonly inDialog: SIPRequest[] = [];

  constructor(private readonly layer: () => TransactionLayer, private readonly scheduler: ManualScheduler) {}

  receiveRequest(request: SIPRequest, transaction: ServerTransaction): void {
    const existing = this.dialogs.findForRequest(request);
    if (existing !== undefined) {
      this.inDialog.push(request);
      const check = existing.receiveRequest(request);
      transaction.respond(check.accepted ? createResponse(request, 200) : createResponse(request, check.status, check.reason));
      if (request.method === 'BYE') existing.terminate();
      return;
    }
    const dialog = Dialog.createUAS(request, 'bob-tag', { localContact: '<sip:bob@192.0.2.2:5060>' });
    this.dialogs.add(dialog);
    transaction.respond(this.withContact(createResponse(request, 180, undefined, { toTag: 'bob-tag' })));
    const ok = this.withContact(createResponse(request, 200, undefined, { toTag: 'bob-tag' }));
    transaction.respond(ok);
    dialog.confirm();
    this.retransmitter = new Invite2xxRetransmitter({
      send: () => transaction.respond(ok),
      reliable: false,
      timers: this.layer().timers,
      scheduler: this.scheduler,
    });
    this.retransmitter.start();
  }
  receiveAck(ack: SIPRequest): void {
    this.acks.push(ack);
    const dialog = this.dialogs.findForRequest(ack);
    if (dialog !== undefined && dialog.receiveRequest(ack).accepted) this.retransmitter?.acknowledged();
  }
  receiveStrayResponse(): void {}
  private withContact(response: SIPResponse): SIPResponse {
    response.addHeader('Contact', '<sip:bob@192.0.2.2:5060>');
    return response;
  }
}

/** Alice's UAC core: forwards stray 2xx to the caller's handler. */
class Caller implements TransactionCore {
  readonly stray: SIPResponse[] = [];
  receiveRequest(request: SIPRequest, transaction: ServerTransaction): void {
    transaction.respond(createResponse(request, 501));
  }
  receiveAck(): void {}
  receiveStrayResponse(response: SIPResponse): void {
    this.stray.push(response);
  }
}

test('INVITE, 180, 200, lost ACK, 2xx retransmission re-ACKed, BYE: dialogs on both sides agree', async () => {
  const scheduler = new ManualScheduler();
  const network = new MemoryNetwork(() => scheduler.now);
  const aliceTransport = new MemoryTransport(network, ALICE);
  const bobTransport = new MemoryTransport(network, BOB);
  const caller = new Caller();
  const aliceLayer = new TransactionLayer({ transport: aliceTransport, core: caller, scheduler });
  let bobLayer!: TransactionLayer;
  const callee = new Callee(() => bobLayer, scheduler);
  bobLayer = new TransactionLayer({ transport: bobTransport, core: callee, scheduler });
  aliceTransport.onMessage = (m, f) => aliceLayer.receive(m, f);
  bobTransport.onMessage = (m, f) => bobLayer.receive(m, f);

  const invite = makeRequest('INVITE', { contact: '<sip:alice@192.0.2.1:5060>', cseq: 1 });
  const dialogs = new DialogSet(invite, { localContact: '<sip:alice@192.0.2.1:5060>' });
  const statuses: number[] = [];
  let ack: SIPRequest | undefined;
  let firstAckLost = false;
  network.drop = (sent) => {
    if ('method' in sent.message && sent.message.method === 'ACK' && !firstAckLost) {
      firstAckLost = true;
      return true;
    }
    return false;
  };
  aliceLayer.sendRequest(invite, { ...BOB }, {
    receiveResponse(response: SIPResponse, _transaction: ClientTransaction) {
      statuses.push(response.status);
      const dialog = dialogs.receiveResponse(response);
      if (response.status >= 200 && response.status < 300 && dialog !== undefined) {
        ack ??= dialog.createAck(invite);
        void aliceLayer.sendAck(ack, { ...BOB });
      }
    },
  });
  await flush();
  assert.deepEqual(statuses, [180, 200]);
  assert.equal(callee.acks.length, 0, 'the first ACK was lost');
  assert.equal(callee.retransmitter?.running, true);

  scheduler.advance(500); // Bob's core retransmits the 2xx through its transaction in Accepted.
  await flush();
  assert.deepEqual(statuses, [180, 200, 200]);
  assert.equal(callee.acks.length, 1);
  assert.equal(callee.retransmitter?.running, false);
  const acks = aliceTransport.requests('ACK');
  assert.equal(acks.length, 2);
  assert.equal(acks[0]!.via[0]!.branch, acks[1]!.via[0]!.branch);
  assert.notEqual(acks[0]!.via[0]!.branch, invite.via[0]!.branch);

  const [aliceDialog] = dialogs.dialogs;
  assert.ok(aliceDialog);
  assert.equal(aliceDialog.state, 'confirmed');
  const bye = aliceDialog.createRequest('BYE');
  const byeStatuses: number[] = [];
  aliceLayer.sendRequest(bye, { ...BOB }, { receiveResponse: (r) => byeStatuses.push(r.status) });
  await flush();
  assert.deepEqual(byeStatuses, [200]);
  assert.equal(callee.inDialog[0]?.cseq.seq, 2);
  const bobDialog = callee.dialogs.findForRequest(bye);
  assert.equal(bobDialog?.state, 'terminated');

  scheduler.advance(64 * 500);
  assert.equal(aliceLayer.clientTransactionCount, 0);
  assert.equal(bobLayer.serverTransactionCount, 0);
  assert.equal(scheduler.pending, 0);
  // A 2xx that arrives after the client transaction ended is a stray response for the core (§13.2.2.4).
  const late = createResponse(invite, 200, undefined, { toTag: 'bob-tag' });
  aliceLayer.receive(late, { id: 'x', protocol: 'udp', local: ALICE, remote: BOB });
  assert.equal(caller.stray.length, 1);
});
