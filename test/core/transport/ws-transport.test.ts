import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer } from 'ws';
import { Managers, nextEvent, sipRequest } from './support.js';
import { createTestPki, type TestPki } from '../../helpers/tls/certificates.js';
import { TransportError } from '../../../src/core/transport/errors.js';
import type { Flow } from '../../../src/core/transport/types.js';

const managers = new Managers();
const foreignServers: WebSocketServer[] = [];
let pki: TestPki;

before(() => {
  pki = createTestPki();
});
after(async () => {
  await managers.stopAll();
  for (const server of foreignServers) server.close();
  pki.cleanup();
});

function openRaw(url: string, protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('WebSocket transport (RFC 7118)', { timeout: 10_000 }, () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`carries a request and its answer over one ws connection (${host})`, async () => {
      const server = await managers.start([{ protocol: 'ws', host, port: 0, path: '/sip' }]);
      const client = await managers.start([]);
      const port = server.localEndpoint('ws').port;
      const request = sipRequest('ws-1', 'hello');
      const received = nextEvent<[Buffer, Flow]>(server, 'message');
      const clientFlow = await client.send(request, { protocol: 'ws', host, port, path: '/sip' });
      const [data, serverFlow] = await received;
      assert.deepEqual(data, request);
      assert.equal(serverFlow.protocol, 'ws');
      assert.deepEqual(serverFlow.remote, clientFlow.local);

      const back = nextEvent<[Buffer, Flow]>(client, 'message');
      await server.send(sipRequest('ws-1-answer'), { protocol: 'ws', host: serverFlow.remote.host, port: serverFlow.remote.port }, { flow: serverFlow });
      const [answer, answerFlow] = await back;
      assert.deepEqual(answer, sipRequest('ws-1-answer'));
      assert.equal(answerFlow.id, clientFlow.id);
      assert.equal((await client.send(sipRequest('ws-2'), { protocol: 'ws', host, port, path: '/sip' })).id, clientFlow.id);
    });
  }

  it('carries wss with certificate verification and SNI', async () => {
    const server = await managers.start([{ protocol: 'wss', host: '127.0.0.1', port: 0, tls: { cert: pki.server.cert, key: pki.server.key } }]);
    const client = await managers.start([], { tls: { ca: pki.ca.cert } });
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    const flow = await client.send(sipRequest('wss'), { protocol: 'wss', host: '127.0.0.1', port: server.localEndpoint('wss').port, tlsServerName: 'sip.test' });
    assert.equal(flow.tls?.authorized, true);
    const [data, serverFlow] = await received;
    assert.deepEqual(data, sipRequest('wss'));
    assert.equal(serverFlow.protocol, 'wss');
    assert.equal(serverFlow.tls?.servername, 'sip.test');
  });

  it('refuses a wss server signed by an unknown CA', async () => {
    const server = await managers.start([{ protocol: 'wss', host: '127.0.0.1', port: 0, tls: { cert: pki.server.cert, key: pki.server.key } }]);
    const client = await managers.start([], { tls: { ca: pki.unknownCa.cert } });
    await assert.rejects(client.send(sipRequest('wss-bad'), { protocol: 'wss', host: '127.0.0.1', port: server.localEndpoint('wss').port }), {
      code: 'tls-verification-failed',
    });
  });

  it('negotiates the sip subprotocol with a plain WebSocket client and answers its CRLF ping', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0 }]);
    const ws = await openRaw(`ws://127.0.0.1:${server.localEndpoint('ws').port}/`, ['sip']);
    assert.equal(ws.protocol, 'sip');
    const pong = new Promise<Buffer>((resolve) => ws.once('message', (data) => resolve(data as Buffer)));
    ws.send('\r\n\r\n');
    assert.equal((await pong).toString(), '\r\n');
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    ws.send(sipRequest('raw'));
    assert.deepEqual((await received)[0], sipRequest('raw'));
    ws.close();
  });

  it('refuses an upgrade that does not offer the sip subprotocol', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0 }]);
    await assert.rejects(openRaw(`ws://127.0.0.1:${server.localEndpoint('ws').port}/`, ['chat']), /400/);
  });

  it('refuses an upgrade on another path', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0, path: '/sip' }]);
    const client = await managers.start([]);
    await assert.rejects(client.send(sipRequest('path'), { protocol: 'ws', host: '127.0.0.1', port: server.localEndpoint('ws').port, path: '/other' }), (error: unknown) => {
      assert.ok(error instanceof TransportError);
      assert.equal(error.code, 'websocket-handshake-failed');
      assert.match(error.message, /404/);
      return true;
    });
  });

  it('refuses a server that does not select the sip subprotocol', async () => {
    const foreign = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => false });
    foreignServers.push(foreign);
    await new Promise((resolve) => foreign.once('listening', resolve));
    const port = (foreign.address() as { port: number }).port;
    const client = await managers.start([]);
    await assert.rejects(client.send(sipRequest('no-sip'), { protocol: 'ws', host: '127.0.0.1', port }), { code: 'websocket-handshake-failed' });
  });

  it('sends UTF-8 messages as text frames and others as binary frames, intact', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0 }]);
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x0d, 0x0a]);
    const ws = await openRaw(`ws://127.0.0.1:${server.localEndpoint('ws').port}/`, ['sip']);
    const frames: Array<[Buffer, boolean]> = [];
    const two = new Promise<void>((resolve) =>
      ws.on('message', (data, isBinary) => {
        frames.push([data as Buffer, isBinary]);
        if (frames.length === 2) resolve();
      }),
    );
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    ws.send(sipRequest('text'));
    const [, flow] = await received;
    const destination = { protocol: 'ws' as const, host: flow.remote.host, port: flow.remote.port };
    await server.send(sipRequest('utf8', 'héllo'), destination, { flow });
    await server.send(sipRequest('binary', body), destination, { flow });
    await two;
    assert.deepEqual(frames, [
      [sipRequest('utf8', 'héllo'), false],
      [sipRequest('binary', body), true],
    ]);
    ws.close();
  });

  it('keeps a ws flow alive with ping frames', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const flow = await client.send(sipRequest('ka'), { protocol: 'ws', host: '127.0.0.1', port: server.localEndpoint('ws').port });
    const pong = nextEvent<[Flow]>(client, 'pong');
    assert.equal(client.startKeepAlive(flow, 20), true);
    assert.equal((await pong)[0].id, flow.id);
  });

  it('reports the closing of a ws flow by the peer', async () => {
    const server = await managers.start([{ protocol: 'ws', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    const flow = await client.send(sipRequest('bye'), { protocol: 'ws', host: '127.0.0.1', port: server.localEndpoint('ws').port });
    const [, serverFlow] = await received;
    const closed = nextEvent<[Flow, TransportError | undefined]>(client, 'flow-closed');
    server.closeFlow(serverFlow);
    assert.equal((await closed)[0].id, flow.id);
  });
});
