import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { Managers, nextEvent, sipRequest } from './support.js';
import { createTestPki, type TestPki } from '../../helpers/tls/certificates.js';
import { TransportError } from '../../../src/core/transport/errors.js';
import { TransportManager } from '../../../src/core/transport/transport-manager.js';
import type { Flow, ListenerConfig } from '../../../src/core/transport/types.js';

const managers = new Managers();
const servers: Server[] = [];
let pki: TestPki;

before(() => {
  pki = createTestPki();
});
after(async () => {
  await managers.stopAll();
  for (const server of servers) server.close();
  pki.cleanup();
});

function tlsListener(host: string, extra: Partial<NonNullable<ListenerConfig['tls']>> = {}): ListenerConfig {
  return { protocol: 'tls', host, port: 0, tls: { cert: pki.server.cert, key: pki.server.key, ...extra } };
}

describe('TLS transport', { timeout: 10_000 }, () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`verifies the server against the given CA and carries messages both ways (${host})`, async () => {
      const server = await managers.start([tlsListener(host)]);
      const client = await managers.start([], { tls: { ca: pki.ca.cert } });
      const port = server.localEndpoint('tls').port;
      const request = sipRequest('tls-1', 'secret');
      const received = nextEvent<[Buffer, Flow]>(server, 'message');
      const clientFlow = await client.send(request, { protocol: 'tls', host, port });
      assert.equal(clientFlow.protocol, 'tls');
      assert.equal(clientFlow.tls?.authorized, true);
      assert.equal(clientFlow.tls?.peerCommonName, 'sip.test');
      const [data, serverFlow] = await received;
      assert.deepEqual(data, request);

      const back = nextEvent<[Buffer, Flow]>(client, 'message');
      await server.send(sipRequest('tls-1-answer'), { protocol: 'tls', host: serverFlow.remote.host, port: serverFlow.remote.port }, { flow: serverFlow });
      const [answer, answerFlow] = await back;
      assert.deepEqual(answer, sipRequest('tls-1-answer'));
      assert.equal(answerFlow.id, clientFlow.id);
    });
  }

  it('sends the destination name in SNI and checks the certificate against it', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([], { tls: { ca: pki.ca.cert } });
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    const flow = await client.send(sipRequest('sni'), {
      protocol: 'tls',
      host: '127.0.0.1',
      port: server.localEndpoint('tls').port,
      tlsServerName: 'sip.test',
    });
    assert.equal(flow.tls?.servername, 'sip.test');
    const [, serverFlow] = await received;
    assert.equal(serverFlow.tls?.servername, 'sip.test');
  });

  it('sends no SNI for an IP address destination', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([], { tls: { ca: pki.ca.cert } });
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    await client.send(sipRequest('no-sni'), { protocol: 'tls', host: '127.0.0.1', port: server.localEndpoint('tls').port });
    const [, serverFlow] = await received;
    assert.equal(serverFlow.tls?.servername, undefined);
  });

  it('refuses a server whose certificate is signed by an unknown CA', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([], { tls: { ca: pki.unknownCa.cert } });
    const destination = { protocol: 'tls' as const, host: '127.0.0.1', port: server.localEndpoint('tls').port };
    await assert.rejects(client.send(sipRequest('unknown-ca'), destination), (error: unknown) => {
      assert.ok(error instanceof TransportError);
      assert.equal(error.code, 'tls-verification-failed');
      assert.deepEqual(error.destination, destination);
      return true;
    });
    assert.deepEqual(client.flows, []);
  });

  it('refuses a server by default when only the system store is trusted', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([]);
    await assert.rejects(client.send(sipRequest('system'), { protocol: 'tls', host: '127.0.0.1', port: server.localEndpoint('tls').port }), {
      code: 'tls-verification-failed',
    });
  });

  it('refuses a server whose certificate does not name the destination', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([], { tls: { ca: pki.ca.cert } });
    await assert.rejects(
      client.send(sipRequest('name'), { protocol: 'tls', host: '127.0.0.1', port: server.localEndpoint('tls').port, tlsServerName: 'other.test' }),
      (error: unknown) => {
        assert.ok(error instanceof TransportError);
        assert.equal(error.code, 'tls-verification-failed');
        assert.equal((error.cause as { code?: string }).code, 'ERR_TLS_CERT_ALTNAME_INVALID');
        return true;
      },
    );
  });

  it('connects without verification only when told to, and says so on the flow', async () => {
    const server = await managers.start([tlsListener('127.0.0.1')]);
    const client = await managers.start([], { tls: { ca: pki.unknownCa.cert, rejectUnauthorized: false } });
    const flow = await client.send(sipRequest('unverified'), { protocol: 'tls', host: '127.0.0.1', port: server.localEndpoint('tls').port });
    assert.equal(flow.tls?.authorized, false);
    assert.ok(flow.tls?.authorizationError);
  });

  it('presents a client certificate that the server verifies', async () => {
    const server = await managers.start([tlsListener('127.0.0.1', { ca: pki.ca.cert, requestClientCertificate: true })]);
    const client = await managers.start([], { tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key } });
    const received = nextEvent<[Buffer, Flow]>(server, 'message');
    await client.send(sipRequest('mutual'), { protocol: 'tls', host: '127.0.0.1', port: server.localEndpoint('tls').port });
    const [, serverFlow] = await received;
    assert.equal(serverFlow.tls?.authorized, true);
    assert.equal(serverFlow.tls?.peerCommonName, 'alice');
    assert.match(serverFlow.tls?.peerSubjectAltName ?? '', /URI:sip:alice@sip\.test/);
  });

  it('loses the flow when the server requires a client certificate and none is sent', async () => {
    const server = await managers.start([tlsListener('127.0.0.1', { ca: pki.ca.cert, requestClientCertificate: true })]);
    let delivered = 0;
    server.on('message', () => delivered++);
    const client = await managers.start([], { tls: { ca: pki.ca.cert } });
    const destination = { protocol: 'tls' as const, host: '127.0.0.1', port: server.localEndpoint('tls').port };
    // With TLS 1.3 the client finishes its handshake before the server's refusal arrives,
    // so the refusal shows either as a failed send or as the flow closing with an error.
    const closed = nextEvent<[Flow, TransportError | undefined]>(client, 'flow-closed');
    const outcome = await client.send(sipRequest('no-client-cert'), destination).then(
      async () => (await closed)[1],
      (error: unknown) => error,
    );
    assert.ok(outcome instanceof TransportError);
    assert.equal(delivered, 0);
    assert.equal(server.flows.length, 0);
  });

  it('gives up a handshake that does not finish within the connect timeout', async () => {
    const port = await new Promise<number>((resolve) => {
      const silent = createServer((socket) => socket.on('error', () => undefined));
      servers.push(silent);
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port));
    });
    const client = await managers.start([], { connectTimeoutMs: 100, tls: { ca: pki.ca.cert } });
    const destination = { protocol: 'tls' as const, host: '127.0.0.1', port };
    await assert.rejects(client.send(sipRequest('slow'), destination), (error: unknown) => {
      assert.ok(error instanceof TransportError);
      assert.equal(error.code, 'connect-timeout');
      assert.deepEqual(error.destination, destination);
      return true;
    });
  });

  it('refuses to start a TLS listener without a certificate', async () => {
    await assert.rejects(new TransportManager().start([{ protocol: 'tls', host: '127.0.0.1', port: 0 }]), { code: 'listen-failed' });
  });
});
