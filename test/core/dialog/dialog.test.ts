import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMessage, type SIPRequest } from '../../../src/core/message/index.js';
import { Dialog, DialogError, DialogTable, TARGET_REFRESH_METHODS } from '../../../src/core/dialog/index.js';
import { makeRequest, makeResponse } from '../transaction/messages.js';

const CONTACT = '<sip:alice@192.0.2.1:5060>';

function invite(extra: string[] = []): SIPRequest {
  return makeRequest('INVITE', { contact: CONTACT, cseq: 10, extra });
}

function uacDialog(recordRoute = ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']) {
  const request = invite();
  const ok = makeResponse(request, 200, { toTag: 'bob-tag', contact: '<sip:bob@192.0.2.2:5070;transport=tcp>', recordRoute });
  return { request, ok, dialog: Dialog.createUAC(request, ok, { localContact: CONTACT }) };
}

test('UAC dialog from a 2xx (§12.1.2): id, reversed Record-Route, Contact as remote target, local CSeq from the request', () => {
  const { dialog } = uacDialog();
  assert.equal(dialog.state, 'confirmed');
  assert.equal(dialog.isUAC, true);
  assert.deepEqual(dialog.id, { callId: 'call-1@example.com', localTag: 'alice-tag', remoteTag: 'bob-tag' });
  assert.deepEqual(dialog.routeSet.map((r) => r.uri.toString()), ['sip:p2.example.com;lr', 'sip:p1.example.com;lr']);
  assert.equal(dialog.remoteTarget.toString(), 'sip:bob@192.0.2.2:5070;transport=tcp');
  assert.equal(dialog.localSeq, 10);
  assert.equal(dialog.remoteSeq, undefined);
});

test('in-dialog request with loose routing: Request-URI is the remote target, Route the route set; CSeq increments', () => {
  const { dialog } = uacDialog();
  const bye = dialog.createRequest('BYE');
  assert.equal(bye.uri.toString(), 'sip:bob@192.0.2.2:5070;transport=tcp');
  assert.deepEqual(bye.getHeaders('Route'), ['<sip:p2.example.com;lr>', '<sip:p1.example.com;lr>']);
  assert.deepEqual(bye.cseq, { seq: 11, method: 'BYE' });
  assert.equal(bye.from.tag, 'alice-tag');
  assert.equal(bye.to.tag, 'bob-tag');
  assert.equal(bye.callId, 'call-1@example.com');
  assert.equal(bye.hasHeader('Contact'), false);
  assert.equal(bye.hasHeader('Via'), false);
  const info = dialog.createRequest('INFO', { body: 'Signal=5\r\n', contentType: 'application/dtmf-relay', headers: [['X-Test', 'yes']] });
  assert.equal(info.cseq.seq, 12);
  assert.equal(info.contentType?.toString(), 'application/dtmf-relay');
  assert.equal(info.getHeader('X-Test'), 'yes');
  const reparsed = parseMessage(info.toBuffer());
  assert.equal(reparsed.body.toString(), 'Signal=5\r\n');
  const reinvite = dialog.createRequest('INVITE');
  assert.equal(reinvite.getHeader('Contact'), CONTACT);
});

test('strict routing (§12.2.1.1): the first route becomes the Request-URI and the remote target the last Route', () => {
  const { dialog } = uacDialog(['<sip:p1.example.com;lr>', '<sip:strict.example.com;method=INVITE?X=1>']);
  const bye = dialog.createRequest('BYE');
  assert.equal(bye.uri.toString(), 'sip:strict.example.com');
  assert.deepEqual(bye.getHeaders('Route'), ['<sip:p1.example.com;lr>', '<sip:bob@192.0.2.2:5070;transport=tcp>']);
});

test('without Record-Route there is no Route header', () => {
  const { dialog } = uacDialog([]);
  const bye = dialog.createRequest('BYE');
  assert.equal(bye.hasHeader('Route'), false);
  assert.equal(bye.uri.toString(), 'sip:bob@192.0.2.2:5070;transport=tcp');
});

test('UAS dialog (§12.1.1): Record-Route in order, remote CSeq from the request, local CSeq chosen on first request', () => {
  const request = invite(['Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>']);
  const dialog = Dialog.createUAS(request, 'bob-tag', { localContact: '<sip:bob@192.0.2.2>' });
  assert.equal(dialog.state, 'early');
  assert.equal(dialog.isUAC, false);
  assert.deepEqual(dialog.id, { callId: 'call-1@example.com', localTag: 'bob-tag', remoteTag: 'alice-tag' });
  assert.deepEqual(dialog.routeSet.map((r) => r.toString()), ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  assert.equal(dialog.remoteTarget.toString(), 'sip:alice@192.0.2.1:5060');
  assert.equal(dialog.remoteSeq, 10);
  assert.equal(dialog.localSeq, undefined);
  dialog.confirm();
  assert.equal(dialog.state, 'confirmed');
  const bye = dialog.createRequest('BYE');
  const first = bye.cseq.seq;
  assert.ok(first >= 1 && first < 2 ** 31);
  assert.equal(bye.from.tag, 'bob-tag');
  assert.equal(bye.to.tag, 'alice-tag');
  assert.equal(bye.uri.toString(), 'sip:alice@192.0.2.1:5060');
  assert.equal(dialog.createRequest('INFO').cseq.seq, first + 1);
});

test('CSeq rules (§12.2.2): lower than the remote CSeq is rejected with 500; ACK and CANCEL are not checked', () => {
  const dialog = Dialog.createUAS(invite(), 'bob-tag');
  dialog.confirm();
  const inDialog = (method: string, cseq: number) => makeRequest(method, { toTag: 'bob-tag', cseq, contact: CONTACT });
  assert.deepEqual(dialog.receiveRequest(inDialog('INFO', 9)), { accepted: false, status: 500, reason: 'CSeq Out of Order' });
  assert.equal(dialog.remoteSeq, 10);
  assert.deepEqual(dialog.receiveRequest(inDialog('INFO', 10)), { accepted: true });
  assert.deepEqual(dialog.receiveRequest(inDialog('INFO', 12)), { accepted: true });
  assert.equal(dialog.remoteSeq, 12);
  assert.deepEqual(dialog.receiveRequest(makeRequest('ACK', { toTag: 'bob-tag', cseq: 10 })), { accepted: true });
  assert.equal(dialog.remoteSeq, 12);
  dialog.terminate();
  assert.equal(dialog.receiveRequest(inDialog('BYE', 13)).accepted, false);
  assert.throws(() => dialog.createRequest('BYE'), DialogError);
});

test('remote target refresh (§12.2): re-INVITE, UPDATE, NOTIFY and 2xx to target refresh requests update it; BYE does not', () => {
  const dialog = Dialog.createUAS(invite(), 'bob-tag', { localContact: '<sip:bob@192.0.2.2>' });
  const req = (method: string, cseq: number, contact: string) => makeRequest(method, { toTag: 'bob-tag', cseq, contact });
  dialog.receiveRequest(req('INVITE', 11, '<sip:alice@198.51.100.1:5062>'));
  assert.equal(dialog.remoteTarget.toString(), 'sip:alice@198.51.100.1:5062');
  dialog.receiveRequest(req('BYE', 12, '<sip:elsewhere@203.0.113.1>'));
  assert.equal(dialog.remoteTarget.toString(), 'sip:alice@198.51.100.1:5062');
  dialog.receiveRequest(req('NOTIFY', 13, '<sip:alice@198.51.100.2>'));
  assert.equal(dialog.remoteTarget.toString(), 'sip:alice@198.51.100.2');
  assert.deepEqual(dialog.receiveRequest(req('UPDATE', 14, '<bad uri>')), { accepted: false, status: 400, reason: 'Invalid Contact' });
  assert.equal(dialog.remoteSeq, 13);
  assert.ok(TARGET_REFRESH_METHODS.has('SUBSCRIBE') && TARGET_REFRESH_METHODS.has('REFER'));

  const { dialog: uac } = uacDialog();
  const reinvite = uac.createRequest('INVITE');
  uac.receiveResponse(makeResponse(reinvite, 200, { contact: '<sip:bob@192.0.2.99>' }));
  assert.equal(uac.remoteTarget.toString(), 'sip:bob@192.0.2.99');
  const bye = uac.createRequest('BYE');
  uac.receiveResponse(makeResponse(bye, 200, { contact: '<sip:bob@192.0.2.100>' }));
  assert.equal(uac.remoteTarget.toString(), 'sip:bob@192.0.2.99');
});

test('ACK for a 2xx (§13.2.2.4): INVITE CSeq number, method ACK, credentials copied, routed like any request', () => {
  const request = invite(['Proxy-Authorization: Digest username="alice", realm="x", nonce="n", uri="sip:bob@example.com", response="r"']);
  const ok = makeResponse(request, 200, { toTag: 'bob-tag', contact: '<sip:bob@192.0.2.2>', recordRoute: ['<sip:p1.example.com;lr>'] });
  const dialog = Dialog.createUAC(request, ok);
  const ack = dialog.createAck(request, { body: 'v=0\r\n', contentType: 'application/sdp' });
  assert.deepEqual(ack.cseq, { seq: 10, method: 'ACK' });
  assert.equal(ack.uri.toString(), 'sip:bob@192.0.2.2');
  assert.deepEqual(ack.getHeaders('Route'), ['<sip:p1.example.com;lr>']);
  assert.equal(ack.getHeaders('Proxy-Authorization').length, 1);
  assert.equal(ack.to.tag, 'bob-tag');
  assert.equal(dialog.localSeq, 10);
  assert.throws(() => dialog.createRequest('ACK'), DialogError);
  assert.throws(() => dialog.createRequest('CANCEL'), DialogError);
});

test('early dialog from a 1xx: the 2xx confirms it and recomputes the route set; a non-2xx final ends it', () => {
  const request = invite();
  const ringing = makeResponse(request, 180, { toTag: 'b', contact: '<sip:bob@192.0.2.2>', recordRoute: ['<sip:old.example.com;lr>'] });
  const dialog = Dialog.createUAC(request, ringing);
  assert.equal(dialog.state, 'early');
  dialog.receiveResponse(makeResponse(request, 183, { toTag: 'b', contact: '<sip:bob@192.0.2.3>' }));
  assert.equal(dialog.remoteTarget.toString(), 'sip:bob@192.0.2.3');
  dialog.receiveResponse(makeResponse(request, 200, { toTag: 'b', contact: '<sip:bob@192.0.2.4>', recordRoute: ['<sip:new.example.com;lr>'] }));
  assert.equal(dialog.state, 'confirmed');
  assert.deepEqual(dialog.routeSet.map((r) => r.uri.toString()), ['sip:new.example.com;lr']);
  assert.equal(dialog.remoteTarget.toString(), 'sip:bob@192.0.2.4');

  const other = Dialog.createUAC(request, makeResponse(request, 180, { toTag: 'c' }));
  assert.equal(other.remoteTarget.toString(), request.uri.toString());
  other.receiveResponse(makeResponse(request, 486, { toTag: 'c' }));
  assert.equal(other.state, 'terminated');
});

test('responses that cannot create a dialog raise DialogError', () => {
  const request = invite();
  assert.throws(() => Dialog.createUAC(request, makeResponse(request, 200, { toTag: 'b' })), DialogError);
  assert.throws(() => Dialog.createUAC(request, makeResponse(request, 200, { contact: '<sip:b@x>' })), DialogError);
  assert.throws(() => Dialog.createUAC(request, makeResponse(request, 100, { toTag: 'b' })), DialogError);
  assert.throws(() => Dialog.createUAS(makeRequest('INVITE'), 'x'), DialogError);
});

test('DialogTable finds dialogs by id from incoming requests and responses', () => {
  const table = new DialogTable();
  const { dialog: uac, request } = uacDialog();
  const uas = Dialog.createUAS(makeRequest('SUBSCRIBE', { callId: 'sub', contact: CONTACT, fromTag: 'watcher' }), 'notifier');
  table.add(uac);
  table.add(uas);
  assert.equal(table.size, 2);
  const incomingBye = makeRequest('BYE', { fromTag: 'bob-tag', toTag: 'alice-tag', cseq: 1 });
  assert.equal(table.findForRequest(incomingBye), uac);
  assert.equal(table.findForRequest(makeRequest('NOTIFY', { callId: 'sub', fromTag: 'watcher', toTag: 'notifier' })), uas);
  assert.equal(table.findForResponse(makeResponse(request, 200, { toTag: 'bob-tag' })), uac);
  assert.equal(table.findForRequest(makeRequest('BYE')), undefined);
  assert.equal(table.remove(uac), true);
  assert.equal(table.findForRequest(incomingBye), undefined);
  assert.equal(table.remove(uac), false);
});
