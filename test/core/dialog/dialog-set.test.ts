import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DialogError, DialogSet } from '../../../src/core/dialog/index.js';
import { makeRequest, makeResponse } from '../transaction/messages.js';

test('a forked INVITE gets one dialog per To tag: early from 1xx, confirmed by each 2xx', () => {
  const invite = makeRequest('INVITE', { contact: '<sip:alice@192.0.2.1>' });
  const set = new DialogSet(invite, { localContact: '<sip:alice@192.0.2.1>' });
  assert.equal(set.receiveResponse(makeResponse(invite, 100)), undefined);
  const a = set.receiveResponse(makeResponse(invite, 180, { toTag: 'a', contact: '<sip:bob@192.0.2.10>' }));
  const b = set.receiveResponse(makeResponse(invite, 183, { toTag: 'b', contact: '<sip:bob@192.0.2.20>' }));
  assert.ok(a && b && a !== b);
  assert.equal(a.state, 'early');
  assert.equal(set.receiveResponse(makeResponse(invite, 200, { toTag: 'a', contact: '<sip:bob@192.0.2.10>' })), a);
  assert.equal(a.state, 'confirmed');
  const c = set.receiveResponse(makeResponse(invite, 200, { toTag: 'c', contact: '<sip:bob@192.0.2.30>' }));
  assert.equal(c?.state, 'confirmed');
  assert.deepEqual(set.dialogs.map((d) => d.remoteTag), ['a', 'b', 'c']);
  assert.deepEqual(set.dialogs.map((d) => d.remoteTarget.toString()), ['sip:bob@192.0.2.10', 'sip:bob@192.0.2.20', 'sip:bob@192.0.2.30']);
  // Each dialog sends its own requests: same Call-ID and local tag, its own remote tag and target.
  const byeA = a.createRequest('BYE');
  const byeC = c!.createRequest('BYE');
  assert.equal(byeA.callId, byeC.callId);
  assert.equal(byeA.to.tag, 'a');
  assert.equal(byeC.uri.toString(), 'sip:bob@192.0.2.30');
  assert.equal(set.get('b'), b);
  set.terminate();
  assert.ok(set.dialogs.every((d) => d.state === 'terminated'));
});

test('a non-2xx final response ends the early dialogs of the set but not confirmed ones', () => {
  const invite = makeRequest('INVITE', { contact: '<sip:alice@192.0.2.1>' });
  const set = new DialogSet(invite);
  const early = set.receiveResponse(makeResponse(invite, 180, { toTag: 'x' }))!;
  const confirmed = set.receiveResponse(makeResponse(invite, 200, { toTag: 'y', contact: '<sip:bob@192.0.2.2>' }))!;
  assert.equal(set.receiveResponse(makeResponse(invite, 487, { toTag: 'z' })), undefined);
  assert.equal(early.state, 'terminated');
  assert.equal(confirmed.state, 'confirmed');
});

test('a NOTIFY before the 2xx creates the subscriber dialog (RFC 6665 §4.1.2.4); the 2xx then joins it', () => {
  const subscribe = makeRequest('SUBSCRIBE', { contact: '<sip:alice@192.0.2.1>', cseq: 5, callId: 'sub-1', extra: ['Event: presence'] });
  const set = new DialogSet(subscribe, { localContact: '<sip:alice@192.0.2.1>' });
  const notify = makeRequest('NOTIFY', {
    callId: 'sub-1',
    uri: 'sip:alice@192.0.2.1',
    from: '<sip:bob@example.com>',
    fromTag: 'notifier',
    to: '<sip:alice@example.com>',
    toTag: 'alice-tag',
    cseq: 1,
    contact: '<sip:bob@192.0.2.2:5070>',
    extra: ['Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>', 'Event: presence', 'Subscription-State: active;expires=600'],
  });
  const { dialog, created } = set.receiveNotify(notify);
  assert.equal(created, true);
  assert.equal(dialog.state, 'confirmed');
  assert.deepEqual(dialog.id, { callId: 'sub-1', localTag: 'alice-tag', remoteTag: 'notifier' });
  assert.deepEqual(dialog.routeSet.map((r) => r.uri.toString()), ['sip:p1.example.com;lr', 'sip:p2.example.com;lr']);
  assert.equal(dialog.remoteTarget.toString(), 'sip:bob@192.0.2.2:5070');
  assert.equal(dialog.remoteSeq, 1);
  const refresh = dialog.createRequest('SUBSCRIBE', { headers: [['Event', 'presence'], ['Expires', '600']] });
  assert.deepEqual(refresh.cseq, { seq: 6, method: 'SUBSCRIBE' });
  assert.equal(refresh.getHeader('Contact'), '<sip:alice@192.0.2.1>');
  assert.equal(set.receiveNotify(notify).created, false);
  assert.equal(set.receiveResponse(makeResponse(subscribe, 200, { toTag: 'notifier', contact: '<sip:bob@192.0.2.2:5070>' })), dialog);
  assert.equal(set.dialogs.length, 1);
  assert.throws(() => set.receiveNotify(makeRequest('NOTIFY', { callId: 'sub-1', fromTag: 'other', toTag: 'wrong', contact: '<sip:x@y>' })), DialogError);
});
