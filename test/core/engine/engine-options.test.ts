// The Engine over real loopback sockets: OPTIONS between two engines over UDP, TCP, TLS, WS and WSS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Route } from '../../../src/lookup/index.js';
import { type Engine, type TransportProtocol } from '../../../src/core/index.js';
import { createTestPki, type TestPki } from '../../helpers/tls/certificates.js';
import { requestTo, startEngine, stopEngines } from './helpers.js';

describe('Engine: OPTIONS round trip between two engines', () => {
  let pki: TestPki;
  let dir: string;
  let server: Engine;
  let client: Engine;

  before(async () => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'sipsimple-engine-'));
    for (const [name, text] of [['ca.pem', pki.ca.cert], ['cert.pem', pki.server.cert], ['key.pem', pki.server.key]]) {
      writeFileSync(join(dir, name!), text!);
    }
    const transports: TransportProtocol[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];
    const tls = { caFile: join(dir, 'ca.pem'), certificateFile: join(dir, 'cert.pem'), privateKeyFile: join(dir, 'key.pem') };
    server = await startEngine({ transports, tls, userAgent: 'server-ua' });
    client = await startEngine({ transports, tls, userAgent: 'client-ua' });
  });

  after(async () => {
    await stopEngines(server, client);
    rmSync(dir, { recursive: true, force: true });
    pki.cleanup();
  });

  for (const protocol of ['udp', 'tcp', 'tls', 'ws', 'wss'] as const) {
    it(`over ${protocol}: 200 with Allow, Accept, Supported and Server`, async () => {
      const request = requestTo(server, 'OPTIONS', protocol);
      const local = server.localEndpoint(protocol, 4);
      const response = await client.sendRequest(request, {
        routes: [new Route('127.0.0.1', local.port, protocol, protocol === 'tls' || protocol === 'wss' ? 'sip.test' : undefined)],
      });
      assert.equal(response.status, 200);
      assert.deepEqual(response.allow, ['OPTIONS']);
      assert.ok(response.hasHeader('Accept'));
      assert.ok(response.hasHeader('Supported'));
      assert.equal(response.server, 'server-ua');
      assert.equal(request.userAgent, 'client-ua');
      assert.equal(request.maxForwards, 70);
      const via = response.via[0]!;
      assert.equal(via.transport, protocol.toUpperCase());
      assert.equal(via.received, '127.0.0.1', 'rport asks for received (RFC 3581 §4)');
      assert.equal(typeof via.rport, 'number');
    });
  }

  it('locates the destination from the Request-URI when no route is given (RFC 3263 with an IP address)', async () => {
    const response = await client.sendRequest(requestTo(server, 'OPTIONS', 'tcp'));
    assert.equal(response.status, 200);
  });

  it('traces every message in and out on both sides', async () => {
    const traces: Array<{ who: string; received: boolean; transport: string; sourcePort: number; destinationPort: number; data: string }> = [];
    const stopServer = server.on('SIPEngineSIPTrace', (n) => traces.push({ who: 'server', ...n.data }));
    const stopClient = client.on('SIPEngineSIPTrace', (n) => traces.push({ who: 'client', ...n.data }));
    try {
      const request = requestTo(server, 'OPTIONS', 'udp');
      await client.sendRequest(request);
      const callId = request.callId;
      const mine = traces.filter((t) => t.data.includes(callId));
      assert.deepEqual(
        mine.map((t) => `${t.who}:${t.received ? 'in' : 'out'}:${t.data.split('\r\n')[0]}`),
        ['client:out:' + request.startLine, 'server:in:' + request.startLine, 'server:out:SIP/2.0 200 OK', 'client:in:SIP/2.0 200 OK'],
      );
      const serverPort = server.localEndpoint('udp', 4).port;
      const clientPort = client.localEndpoint('udp', 4).port;
      assert.deepEqual(
        mine.map((t) => [t.sourcePort, t.destinationPort, t.transport]),
        [
          [clientPort, serverPort, 'udp'],
          [clientPort, serverPort, 'udp'],
          [serverPort, clientPort, 'udp'],
          [serverPort, clientPort, 'udp'],
        ],
      );
    } finally {
      stopServer();
      stopClient();
    }
  });
});
