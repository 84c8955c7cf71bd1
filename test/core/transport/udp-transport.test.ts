import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { Managers, nextEvent, sipRequest } from './support.js';
import { TransportError } from '../../../src/core/transport/errors.js';
import { TransportManager } from '../../../src/core/transport/transport-manager.js';
import { MAX_UDP_PAYLOAD, UDP_MTU_THRESHOLD } from '../../../src/core/transport/limits.js';
import type { Flow } from '../../../src/core/transport/types.js';

const managers = new Managers();
after(() => managers.stopAll());

describe('UDP transport', { timeout: 10_000 }, () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`delivers a datagram whole and sends the answer back over the flow (${host})`, async () => {
      const server = await managers.start([{ protocol: 'udp', host, port: 0 }]);
      const client = await managers.start([{ protocol: 'udp', host, port: 0 }]);
      const serverPort = server.localEndpoint('udp').port;
      assert.notEqual(serverPort, 0);
      const request = sipRequest('udp-1');
      const received = nextEvent<[Buffer, Flow]>(server, 'message');
      const sentFlow = await client.send(request, { protocol: 'udp', host, port: serverPort });
      const [data, flow] = await received;
      assert.deepEqual(data, request);
      assert.equal(flow.protocol, 'udp');
      assert.deepEqual(flow.remote, sentFlow.local);
      assert.deepEqual(flow.local, { host, port: serverPort });

      const answer = sipRequest('udp-1-answer');
      const back = nextEvent<[Buffer, Flow]>(client, 'message');
      await server.send(answer, { protocol: 'udp', host: flow.remote.host, port: flow.remote.port }, { flow });
      const [answerData, answerFlow] = await back;
      assert.deepEqual(answerData, answer);
      assert.equal(answerFlow.id, sentFlow.id);
    });
  }

  it('drops CRLF keep-alive datagrams instead of delivering them', async () => {
    const server = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    const port = server.localEndpoint('udp').port;
    const socket = createSocket('udp4');
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    socket.send(Buffer.from('\r\n\r\n'), port, '127.0.0.1');
    socket.send(sipRequest('after-keepalive'), port, '127.0.0.1');
    const [data] = await received;
    assert.deepEqual(data, sipRequest('after-keepalive'));
    socket.close();
  });

  it('refuses a datagram above 65,507 bytes with a typed error', async () => {
    const manager = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    const destination = { protocol: 'udp' as const, host: '127.0.0.1', port: manager.localEndpoint('udp').port };
    await assert.rejects(manager.send(Buffer.alloc(MAX_UDP_PAYLOAD + 1, 0x61), destination), (error: unknown) => {
      assert.ok(error instanceof TransportError);
      assert.equal(error.code, 'datagram-too-large');
      assert.deepEqual(error.destination, destination);
      return true;
    });
  });

  it('reports the RFC 3261 §18.1.1 threshold and reliability of each protocol', async () => {
    const manager = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    assert.equal(manager.maxDatagramSize, UDP_MTU_THRESHOLD);
    assert.equal(manager.isReliable('udp'), false);
    for (const protocol of ['tcp', 'tls', 'ws', 'wss'] as const) assert.equal(manager.isReliable(protocol), true);
  });

  it('says when no UDP socket of the destination family exists', async () => {
    const manager = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    await assert.rejects(manager.send(sipRequest('x'), { protocol: 'udp', host: '::1', port: 5060 }), { code: 'no-listener' });
    assert.throws(() => manager.localEndpoint('udp', 6), { code: 'no-listener' });
    assert.throws(() => manager.localEndpoint('tcp'), { code: 'no-listener' });
  });

  it('rejects sends before start and to invalid destinations', async () => {
    const manager = await managers.start([]);
    await assert.rejects(manager.send(sipRequest('x'), { protocol: 'udp', host: '127.0.0.1', port: 0 }), { code: 'invalid-destination' });
    await manager.stop();
    await assert.rejects(manager.send(sipRequest('x'), { protocol: 'udp', host: '127.0.0.1', port: 5060 }), { code: 'not-started' });
  });

  it('fails to start on an address in use and releases what it bound', async () => {
    const first = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    const port = first.localEndpoint('udp').port;
    const second = new TransportManager();
    await assert.rejects(
      second.start([
        { protocol: 'tcp', host: '127.0.0.1', port: 0 },
        { protocol: 'udp', host: '127.0.0.1', port },
      ]),
      { code: 'listen-failed' },
    );
    assert.equal(second.isRunning, false);
  });
});
