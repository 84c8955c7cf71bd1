import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials } from '../../../src/core/auth/index.js';
import { Dialog } from '../../../src/core/dialog/index.js';
import { SIPRequest, createResponse } from '../../../src/core/message/index.js';
import { Message } from '../../../src/core/primitives/message.js';
import { MessageHandler, acceptsMediaType } from '../../../src/core/primitives/message-handler.js';
import { Route } from '../../../src/lookup/index.js';
import { answer, challenge, startPair, type Pair } from './scripted-peer.js';

describe('Message', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const outgoing = (extra: Partial<ConstructorParameters<typeof Message>[1]> = {}) =>
    new Message(pair.client, {
      fromHeader: '"Alice" <sip:alice@example.test>',
      toHeader: '<sip:bob@example.test>',
      contentType: 'text/plain',
      body: 'hi bob',
      routes: [pair.route],
      ...extra,
    } as ConstructorParameters<typeof Message>[1]);

  it('sends a MESSAGE out of dialog and reports the 202', async () => {
    pair.script('MESSAGE', (request) => answer(request, 202));
    const message = outgoing();
    const succeeded = message.once('SIPMessageDidSucceed');
    await message.send();
    assert.equal((await succeeded).data.code, 202);
    assert.equal(message.state, 'done');
    const got = pair.received('MESSAGE').at(-1)!;
    assert.equal(got.uri.toString(), 'sip:bob@example.test');
    assert.equal(got.body.toString(), 'hi bob');
    assert.equal(got.contentType?.toString(), 'text/plain');
    assert.equal(got.to.tag, undefined);
    await assert.rejects(message.send(), /sent once/);
  });

  it('answers a 407 from a proxy with credentials', async () => {
    pair.script('MESSAGE', (request, i) => (i === 0 ? challenge(request, 407) : answer(request, 200)));
    const message = outgoing({ credentials: new Credentials('alice', 'secret') });
    const succeeded = message.once('SIPMessageDidSucceed');
    await message.send();
    assert.equal((await succeeded).data.code, 200);
    assert.match(pair.received('MESSAGE').at(-1)!.getHeader('Proxy-Authorization') ?? '', /realm="example.test"/);
  });

  it('reports a 404 as failure', async () => {
    pair.script('MESSAGE', (request) => answer(request, 404));
    const message = outgoing();
    const failed = message.once('SIPMessageDidFail');
    await message.send();
    assert.deepEqual([(await failed).data.code, (await failed).data.kind], [404, 'response']);
  });

  it('sends a MESSAGE inside a dialog', async () => {
    pair.script('MESSAGE', (request) => answer(request, 200, [], 'remote-tag'));
    const invite = new SIPRequest('INVITE', 'sip:bob@example.test', [
      ['From', '<sip:alice@example.test>;tag=local-tag'],
      ['To', '<sip:bob@example.test>'],
      ['Call-ID', 'dialog-call-id'],
      ['CSeq', '10 INVITE'],
      ['Contact', '<sip:alice@127.0.0.1:5070>'],
    ]);
    const ok = createResponse(invite, 200, undefined, { toTag: 'remote-tag' });
    ok.setHeader('Contact', `<sip:bob@${pair.peerHost}>`);
    const dialog = Dialog.createUAC(invite, ok);
    const message = new Message(pair.client, { dialog, contentType: 'text/plain', body: 'in dialog' });
    const succeeded = message.once('SIPMessageDidSucceed');
    await message.send();
    await succeeded;
    const got = pair.received('MESSAGE').at(-1)!;
    assert.equal(got.callId, 'dialog-call-id');
    assert.equal(got.to.tag, 'remote-tag');
    assert.equal(got.from.tag, 'local-tag');
    assert.equal(got.cseq.seq, 11);
    assert.equal(got.uri.toString(), `sip:bob@${pair.peerHost}`);
  });
});

describe('MessageHandler', () => {
  let pair: Pair;
  let handler: MessageHandler;
  let clientRoute: Route;
  before(async () => {
    pair = await startPair();
    handler = new MessageHandler(pair.client, ['text/plain', 'message/*']);
    handler.start();
    const endpoint = pair.client.localEndpoint('udp');
    clientRoute = new Route(endpoint.host, endpoint.port, 'udp');
  });
  after(async () => {
    handler.stop();
    await pair.stop();
  });

  const toClient = (contentType: string, body: string) =>
    new Message(pair.peer, {
      fromHeader: '"Bob" <sip:bob@example.test>',
      toHeader: '<sip:alice@example.test>',
      contentType,
      body,
      routes: [clientRoute],
    });

  it('delivers an accepted MESSAGE with its sender, content type and body, and answers 200', async () => {
    const got = pair.client.once('SIPEngineGotMessage');
    const message = toClient('text/plain;charset=utf-8', 'hello alice');
    const succeeded = message.once('SIPMessageDidSucceed');
    await message.send();
    assert.equal((await succeeded).data.code, 200);
    const data = (await got).data;
    assert.equal(data.fromHeader.displayName, 'Bob');
    assert.equal(data.fromHeader.uri.toString(), 'sip:bob@example.test');
    assert.equal(data.contentType, 'text/plain;charset=utf-8');
    assert.equal(data.body.toString(), 'hello alice');
    assert.equal(data.requestUri.toString(), 'sip:alice@example.test');
  });

  it('answers 415 with Accept for a content type the application did not declare', async () => {
    let delivered = 0;
    const stop = pair.center.addObserver(() => delivered++, { name: 'SIPEngineGotMessage' });
    const message = toClient('application/json', '{}');
    const failed = message.once('SIPMessageDidFail');
    await message.send();
    stop();
    const data = (await failed).data;
    assert.equal(data.code, 415);
    assert.deepEqual(data.response?.getHeaders('Accept'), ['text/plain', 'message/*']);
    assert.equal(delivered, 0);
  });

  it('matches wildcards and leaves the method to the Engine once stopped (405)', async () => {
    assert.ok(acceptsMediaType(['message/*'], 'message/cpim'));
    assert.ok(acceptsMediaType(['*/*'], 'image/png'));
    assert.ok(!acceptsMediaType(['text/plain'], 'text/html'));
    handler.stop();
    const message = toClient('text/plain', 'nobody home');
    const failed = message.once('SIPMessageDidFail');
    await message.send();
    assert.equal((await failed).data.code, 405);
    handler.start();
  });
});
