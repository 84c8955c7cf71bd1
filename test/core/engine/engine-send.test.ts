// The Engine's send path (RFC 3261 §8.1, §18.1.1; RFC 3263 §4.3): destinations, failover on
// transport error, timeout and 503, the move from UDP to TCP for large requests, provisional responses.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { Route } from '../../../src/lookup/index.js';
import { createResponse, EngineError, type Engine } from '../../../src/core/index.js';
import { newRequest, requestTo, startEngine, stopEngines } from './helpers.js';

/** A port free for both TCP and UDP on 127.0.0.1 right now. */
async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Engine: sending requests', () => {
  let server: Engine;
  let backup: Engine;
  let client: Engine;

  before(async () => {
    // One port number for UDP and TCP, so that a request moved to TCP reaches the same server.
    for (let tries = 0; ; tries++) {
      const port = await freeTcpPort();
      try {
        server = await startEngine({ transports: ['udp', 'tcp'], ports: { udp: port, tcp: port } });
        break;
      } catch (error) {
        if (tries >= 5) throw error;
      }
    }
    backup = await startEngine({ transports: ['udp', 'tcp'] });
    client = await startEngine({ transports: ['udp', 'tcp'], timers: { t1: 20, t2: 80 } });
  });

  after(() => stopEngines(server, backup, client));

  it('fails over to the next destination on a transport error (RFC 3263 §4.3)', async () => {
    const closed = await freeTcpPort();
    const logs: string[] = [];
    const stop = client.on('SIPEngineLog', (n) => logs.push(n.data.message));
    try {
      const response = await client.sendRequest(requestTo(server, 'OPTIONS'), {
        routes: [new Route('127.0.0.1', closed, 'tcp'), new Route('127.0.0.1', server.localEndpoint('udp', 4).port, 'udp')],
      });
      assert.equal(response.status, 200);
      assert.ok(logs.some((line) => line.includes(`127.0.0.1:${closed}/tcp`) && line.includes('trying the next destination')));
    } finally {
      stop();
    }
  });

  it('fails over on 503 and resolves with the next destination\'s answer', async () => {
    const remove = server.addRequestHandler('MESSAGE', (request, transaction) => {
      server.sendResponse(transaction, createResponse(request, 503));
      return true;
    });
    const removeBackup = backup.addRequestHandler('MESSAGE', (request, transaction) => {
      backup.sendResponse(transaction, createResponse(request, 200));
      return true;
    });
    try {
      const response = await client.sendRequest(requestTo(server, 'MESSAGE', 'udp', 'hi'), {
        routes: [
          new Route('127.0.0.1', server.localEndpoint('udp', 4).port, 'udp'),
          new Route('127.0.0.1', backup.localEndpoint('udp', 4).port, 'udp'),
        ],
      });
      assert.equal(response.status, 200);
      const alone = requestTo(server, 'MESSAGE', 'udp', 'hi');
      alone.uri = newRequest('MESSAGE', `${alone.uriText};transport=udp`).uri; // one destination only
      const only503 = await client.sendRequest(alone);
      assert.equal(only503.status, 503, 'the last 503 is the answer when no destination is left');
    } finally {
      remove();
      removeBackup();
    }
  });

  it('fails over on a timeout (Timer F) and rejects with request-failed when no destination answers', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const copies: number[] = [];
    silent.on('message', () => copies.push(Date.now()));
    try {
      const silentRoute = new Route('127.0.0.1', silent.address().port, 'udp');
      const response = await client.sendRequest(newRequest('OPTIONS', 'sip:bob@example.test'), {
        routes: [silentRoute, new Route('127.0.0.1', server.localEndpoint('udp', 4).port, 'udp')],
      });
      assert.equal(response.status, 200);
      assert.ok(copies.length > 3, `Timer E retransmitted to the silent destination (${copies.length} copies)`);
      await assert.rejects(
        client.sendRequest(newRequest('OPTIONS', 'sip:bob@example.test'), { routes: [silentRoute] }),
        (e: unknown) => e instanceof EngineError && e.code === 'request-failed' && /timed out/.test(e.message),
      );
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('sends a request too large for a datagram over TCP (RFC 3261 §18.1.1)', async () => {
    const protocols: string[] = [];
    const remove = server.addRequestHandler('MESSAGE', (request, transaction, flow) => {
      protocols.push(flow.protocol);
      server.sendResponse(transaction, createResponse(request, 200));
      return true;
    });
    try {
      const small = requestTo(server, 'MESSAGE', 'udp', 'small');
      const large = requestTo(server, 'MESSAGE', 'udp', 'x'.repeat(1500));
      assert.equal((await client.sendRequest(small)).status, 200);
      assert.equal((await client.sendRequest(large)).status, 200);
      assert.deepEqual(protocols, ['udp', 'tcp']);
      assert.equal(large.via[0]!.transport, 'TCP', 'the Via names the transport used');
    } finally {
      remove();
    }
  });

  it('keeps a large request on UDP when the engine has no TCP to move it to', async () => {
    const udpOnly = await startEngine({ transports: ['udp'] });
    const protocols: string[] = [];
    const remove = server.addRequestHandler('MESSAGE', (request, transaction, flow) => {
      protocols.push(flow.protocol);
      server.sendResponse(transaction, createResponse(request, 200));
      return true;
    });
    try {
      const large = requestTo(server, 'MESSAGE', 'udp', 'x'.repeat(3000));
      assert.equal((await udpOnly.sendRequest(large)).status, 200);
      assert.deepEqual(protocols, ['udp']);
      assert.equal(large.via[0]!.transport, 'UDP');
    } finally {
      remove();
      await stopEngines(udpOnly);
    }
  });

  it('reports provisional responses and the client transaction', async () => {
    const remove = server.addRequestHandler('MESSAGE', (request, transaction) => {
      server.sendResponse(transaction, createResponse(request, 180));
      setTimeout(() => server.sendResponse(transaction, createResponse(request, 200)), 5);
      return true;
    });
    try {
      const seen: number[] = [];
      let transactions = 0;
      const response = await client.sendRequest(requestTo(server, 'MESSAGE', 'udp', 'hi'), {
        onResponse: (r) => seen.push(r.status),
        onTransaction: () => transactions++,
      });
      assert.equal(response.status, 200);
      assert.deepEqual(seen, [180, 200]);
      assert.equal(transactions, 1);
    } finally {
      remove();
    }
  });

  it('rejects with no-route for a URI it cannot send to', async () => {
    await assert.rejects(
      client.sendRequest(newRequest('MESSAGE', 'tel:+15551234567', 'x')),
      (e: unknown) => e instanceof EngineError && e.code === 'no-route',
    );
  });

  it('uses the first Route header field as the destination (RFC 3261 §8.1.2)', async () => {
    const request = newRequest('OPTIONS', 'sip:bob@unreachable.invalid');
    request.setHeader('Route', `<sip:127.0.0.1:${server.localEndpoint('udp', 4).port};lr>`);
    assert.equal((await client.sendRequest(request)).status, 200);
  });
});
