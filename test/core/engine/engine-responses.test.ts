// What the Engine does with responses (RFC 3261 §8.1.3.1, §18.1.2) and with pending requests when it stops.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../../src/lookup/index.js';
import { createResponse, EngineError, type Engine } from '../../../src/core/index.js';
import { newRequest, startEngine, stopEngines, UdpPeer } from './helpers.js';

describe('Engine: responses from a raw UDP peer', () => {
  let engine: Engine;
  let peer: UdpPeer;

  before(async () => {
    engine = await startEngine({ transports: ['udp'] });
    peer = await UdpPeer.open();
  });

  after(async () => {
    await peer.close();
    await stopEngines(engine);
  });

  it('drops a malformed response with a log line and takes the good one that follows', async () => {
    const logs: string[] = [];
    const stop = engine.on('SIPEngineLog', (n) => logs.push(`${n.data.level}: ${n.data.message}`));
    try {
      const pending = engine.sendRequest(newRequest('OPTIONS', 'sip:peer@127.0.0.1'), { routes: [new Route('127.0.0.1', peer.port, 'udp')] });
      const { request, port } = await peer.nextRequest();
      const bad = createResponse(request, 500);
      bad.setHeader('CSeq', 'x OPTIONS');
      await peer.send(bad.toBuffer(), port);
      await peer.send('SIP/2.0 200 OK\r\nno header end', port);
      const good = createResponse(request, 200);
      await peer.send(good.toBuffer(), port);
      const response = await pending;
      assert.equal(response.status, 200);
      assert.ok(logs.some((line) => /^warning: dropped a malformed 500 response .*CSeq/.test(line)), logs.join('\n'));
      assert.ok(logs.some((line) => /^warning: dropped an unparseable message/.test(line)), logs.join('\n'));
    } finally {
      stop();
    }
  });

  it('drops a response whose Via names more than one hop (RFC 3261 §18.1.2)', async () => {
    const logs: string[] = [];
    const stop = engine.on('SIPEngineLog', (n) => logs.push(n.data.message));
    try {
      const pending = engine.sendRequest(newRequest('OPTIONS', 'sip:peer@127.0.0.1'), { routes: [new Route('127.0.0.1', peer.port, 'udp')] });
      const { request, port } = await peer.nextRequest();
      const twoVias = createResponse(request, 404);
      twoVias.addHeader('Via', 'SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKother');
      await peer.send(twoVias.toBuffer(), port);
      await peer.send(createResponse(request, 200).toBuffer(), port);
      assert.equal((await pending).status, 200);
      assert.ok(logs.some((line) => line.includes('2 Via')), logs.join('\n'));
    } finally {
      stop();
    }
  });

  it('rejects pending requests with "stopped" when the engine stops, and tries no other destination', async () => {
    const other = await UdpPeer.open();
    try {
      const pending = engine.sendRequest(newRequest('MESSAGE', 'sip:peer@127.0.0.1', 'pending'), {
        routes: [new Route('127.0.0.1', peer.port, 'udp'), new Route('127.0.0.1', other.port, 'udp')],
      });
      await peer.nextRequest();
      await engine.stop();
      await assert.rejects(pending, (e: unknown) => e instanceof EngineError && e.code === 'stopped');
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
      await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
    }
  });
});

describe('Engine over IPv6 loopback', () => {
  let server: Engine;
  let client: Engine;

  before(async () => {
    server = await startEngine({ ipv4Address: null, ipv6Address: '::1', transports: ['udp', 'tcp'] });
    client = await startEngine({ ipv4Address: null, ipv6Address: '::1', transports: ['udp', 'tcp'] });
  });

  after(() => stopEngines(server, client));

  for (const protocol of ['udp', 'tcp'] as const) {
    it(`OPTIONS over ${protocol} to [::1] gets 200 with received=::1 in the Via`, async () => {
      const port = server.localEndpoint(protocol, 6).port;
      const response = await client.sendRequest(newRequest('OPTIONS', `sip:bob@[::1]:${port};transport=${protocol}`));
      assert.equal(response.status, 200);
      assert.equal(response.via[0]!.host, '[::1]');
      assert.equal(response.via[0]!.received, '::1');
    });
  }
});
