// Request dispatch of the Engine (RFC 3261 §8.2): handlers per method, the Engine's own
// answers (200 to OPTIONS, 405, 501, 416, 420), Max-Forwards 0, ACK absorption.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../../src/lookup/index.js';
import {
  SIPRequest,
  createResponse,
  generateCallId,
  generateTag,
  type Engine,
  type SIPResponse,
} from '../../../src/core/index.js';
import { requestTo, startEngine, stopEngines } from './helpers.js';

describe('Engine: request dispatch', () => {
  let server: Engine;
  let client: Engine;
  let route: Route[];

  before(async () => {
    server = await startEngine({ transports: ['udp'], supported: ['path'] });
    client = await startEngine({ transports: ['udp'] });
    route = [new Route('127.0.0.1', server.localEndpoint('udp', 4).port, 'udp')];
  });

  after(() => stopEngines(server, client));

  const send = (request: SIPRequest): Promise<SIPResponse> => client.sendRequest(request, { routes: route });

  it('gives a request to the first handler of its method that claims it', async () => {
    const seen: string[] = [];
    const removeDecliner = server.addRequestHandler('MESSAGE', (request) => {
      seen.push(`decliner ${request.body.toString()}`);
      return false;
    });
    const removeClaimer = server.addRequestHandler(
      'MESSAGE',
      (request, transaction, flow) => {
        seen.push(`claimer ${request.body.toString()} from ${flow.protocol}`);
        server.sendResponse(transaction, createResponse(request, 202, 'Taken'));
        return true;
      },
      { accept: ['text/plain'] },
    );
    try {
      const response = await send(requestTo(server, 'MESSAGE', 'udp', 'hello'));
      assert.equal(response.status, 202);
      assert.equal(response.reason, 'Taken');
      assert.deepEqual(seen, ['decliner hello', 'claimer hello from udp']);
      const options = await send(requestTo(server, 'OPTIONS'));
      assert.deepEqual(options.allow, ['OPTIONS', 'MESSAGE'], 'Allow names the handled methods');
      assert.deepEqual(options.accept.map((type) => type.essence), ['text/plain']);
      assert.deepEqual(options.supported, ['path']);
    } finally {
      removeDecliner();
      removeClaimer();
    }
    const after = await send(requestTo(server, 'MESSAGE', 'udp', 'again'));
    assert.equal(after.status, 405, 'removed handlers are not asked');
  });

  it('answers a request of a method it knows but nobody handles with 405 and Allow (RFC 3261 §8.2.1)', async () => {
    const response = await send(requestTo(server, 'SUBSCRIBE'));
    assert.equal(response.status, 405);
    assert.deepEqual(response.allow, ['OPTIONS']);
  });

  it('answers a served method inside a dialog nobody owns with 481 (RFC 3261 §12.2.2), an unserved one with 405', async () => {
    const remove = server.addRequestHandler('MESSAGE', () => false);
    try {
      const inDialog = requestTo(server, 'MESSAGE', 'udp', 'hi');
      inDialog.setHeader('To', `${inDialog.getHeader('To')};tag=no-such-dialog`);
      assert.equal((await send(inDialog)).status, 481);
      const unserved = requestTo(server, 'SUBSCRIBE');
      unserved.setHeader('To', `${unserved.getHeader('To')};tag=no-such-dialog`);
      assert.equal((await send(unserved)).status, 405);
    } finally {
      remove();
    }
  });

  it('answers an unknown method with 501 (RFC 3261 §21.5.2)', async () => {
    const response = await send(requestTo(server, 'FROBNICATE'));
    assert.equal(response.status, 501);
  });

  it('lets handlers claim extension methods', async () => {
    const remove = server.addRequestHandler('FROBNICATE', (request, transaction) => {
      server.sendResponse(transaction, createResponse(request, 200));
      return true;
    });
    try {
      assert.equal((await send(requestTo(server, 'FROBNICATE'))).status, 200);
    } finally {
      remove();
    }
  });

  it('answers Require with an unsupported option tag 420 listing it in Unsupported (RFC 3261 §8.2.2.3)', async () => {
    const request = requestTo(server, 'OPTIONS');
    request.setHeader('Require', 'path, 100rel, foo');
    const response = await send(request);
    assert.equal(response.status, 420);
    assert.deepEqual(response.getHeaders('Unsupported'), ['100rel', 'foo']);
    const supported = requestTo(server, 'OPTIONS');
    supported.setHeader('Require', 'path');
    assert.equal((await send(supported)).status, 200);
  });

  it('answers a Request-URI scheme it does not serve 416 (RFC 3261 §8.2.2.1)', async () => {
    const request = requestTo(server, 'OPTIONS');
    request.uri = new SIPRequest('OPTIONS', 'tel:+15551234567').uri;
    const response = await send(request);
    assert.equal(response.status, 416);
  });

  it('processes OPTIONS with Max-Forwards 0 as an endpoint: 200, not 483 (RFC 4475 §3.3.11, RFC 3261 §16.3 is for proxies)', async () => {
    const request = requestTo(server, 'OPTIONS');
    request.setHeader('Max-Forwards', '0');
    const response = await send(request);
    assert.equal(response.status, 200);
  });

  it('answers 500 when a handler throws, logs it, and goes on serving', async () => {
    const logs: string[] = [];
    const stopLogs = server.on('SIPEngineLog', (n) => logs.push(n.data.message));
    const remove = server.addRequestHandler('INFO', () => {
      throw new Error('handler bug');
    });
    try {
      assert.equal((await send(requestTo(server, 'INFO'))).status, 500);
      assert.ok(logs.some((line) => line.includes('handler bug')));
      assert.equal((await send(requestTo(server, 'OPTIONS'))).status, 200);
    } finally {
      remove();
      stopLogs();
    }
  });

  it('gives ACKs outside transactions to ACK handlers, and absorbs them when none claims', async () => {
    const acks: string[] = [];
    const remove = server.addAckHandler((ack) => {
      acks.push(ack.callId);
      return true;
    });
    const callId = generateCallId();
    const ack = new SIPRequest('ACK', `sip:bob@127.0.0.1:${route[0]!.port}`, [
      ['From', `<sip:alice@example.test>;tag=${generateTag()}`],
      ['To', `<sip:bob@example.test>;tag=${generateTag()}`],
      ['Call-ID', callId],
      ['CSeq', '1 ACK'],
    ]);
    const target = { protocol: 'udp', host: '127.0.0.1', port: route[0]!.effectivePort };
    const arrived = server.once('SIPEngineSIPTrace');
    await client.sendAck(ack, target);
    await arrived;
    remove();
    assert.deepEqual(acks, [callId]);
    const absorbed = server.notificationCenter.waitFor(
      { name: 'SIPEngineLog', sender: server },
      { predicate: (n) => n.data.message.includes('absorbed'), timeout: 3000 },
    );
    await client.sendAck(ack, target);
    assert.match((await absorbed).data.message, new RegExp(callId));
    assert.deepEqual(acks, [callId], 'no handler was asked');
    assert.throws(() => server.addRequestHandler('ACK', () => true), /addAckHandler/);
  });
});
