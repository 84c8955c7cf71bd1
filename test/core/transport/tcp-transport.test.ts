import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { Managers, nextEvent, sipRequest } from './support.js';
import { FramingError, TransportError } from '../../../src/core/transport/errors.js';
import type { Flow } from '../../../src/core/transport/types.js';

const managers = new Managers();
const servers: Server[] = [];
after(async () => {
  await managers.stopAll();
  for (const server of servers) server.close();
});

function rawConnect(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function readSome(socket: Socket): Promise<Buffer> {
  return new Promise((resolve) => socket.once('data', resolve));
}

/** A TCP server on loopback that accepts connections and never answers. */
function silentServer(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.on('error', () => undefined));
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

describe('TCP transport', { timeout: 10_000 }, () => {
  for (const host of ['127.0.0.1', '::1']) {
    it(`carries a request and its answer over one connection (${host})`, async () => {
      const server = await managers.start([{ protocol: 'tcp', host, port: 0 }]);
      const client = await managers.start([]);
      const port = server.localEndpoint('tcp').port;
      const request = sipRequest('tcp-1', 'body');
      const received = nextEvent<[Buffer, Flow]>(server, 'message');
      const clientFlow = await client.send(request, { protocol: 'tcp', host, port });
      const [data, serverFlow] = await received;
      assert.deepEqual(data, request);
      assert.equal(serverFlow.protocol, 'tcp');
      assert.deepEqual(serverFlow.remote, clientFlow.local);
      assert.deepEqual(clientFlow.remote, { host, port });

      const answer = sipRequest('tcp-1-answer');
      const back = nextEvent<[Buffer, Flow]>(client, 'message');
      const used = await server.send(answer, { protocol: 'tcp', host: serverFlow.remote.host, port: serverFlow.remote.port }, { flow: serverFlow });
      assert.equal(used.id, serverFlow.id);
      const [answerData, answerFlow] = await back;
      assert.deepEqual(answerData, answer);
      assert.equal(answerFlow.id, clientFlow.id);
      assert.equal(server.flows.length, 1);
    });
  }

  it('reuses an open connection for the same destination, also for concurrent sends', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const destination = { protocol: 'tcp' as const, host: '127.0.0.1', port: server.localEndpoint('tcp').port };
    const flows = await Promise.all([client.send(sipRequest('a'), destination), client.send(sipRequest('b'), destination)]);
    const third = await client.send(sipRequest('c'), destination);
    assert.equal(flows[0].id, flows[1].id);
    assert.equal(third.id, flows[0].id);
    assert.equal(client.flows.length, 1);
  });

  it('sends to a peer over the connection it opened to us (same remote address)', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const clientFlow = await client.send(sipRequest('in'), { protocol: 'tcp', host: '127.0.0.1', port: server.localEndpoint('tcp').port });
    const back = nextEvent<[Buffer, Flow]>(client, 'message');
    const used = await server.send(sipRequest('out'), { protocol: 'tcp', host: clientFlow.local.host, port: clientFlow.local.port });
    assert.deepEqual(used.remote, clientFlow.local);
    assert.equal((await back)[1].id, clientFlow.id);
  });

  it('opens a new connection when the given flow has closed', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const destination = { protocol: 'tcp' as const, host: '127.0.0.1', port: server.localEndpoint('tcp').port };
    const first = await client.send(sipRequest('1'), destination);
    const closed = nextEvent<[Flow]>(client, 'flow-closed');
    client.closeFlow(first);
    assert.equal((await closed)[0].id, first.id);
    const second = await client.send(sipRequest('2'), destination, { flow: first });
    assert.notEqual(second.id, first.id);
  });

  it('frames messages split across segments and packed into one', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const socket = await rawConnect(server.localEndpoint('tcp').port);
    const got: Buffer[] = [];
    const three = new Promise<void>((resolve) => {
      server.on('message', (data: Buffer) => {
        got.push(data);
        if (got.length === 3) resolve();
      });
    });
    const split = sipRequest('split', 'a body in pieces');
    socket.write(split.subarray(0, 10));
    await tick();
    socket.write(split.subarray(10, 100));
    await tick();
    socket.write(split.subarray(100));
    socket.write(Buffer.concat([sipRequest('packed-1'), sipRequest('packed-2', 'x')]));
    await three;
    assert.deepEqual(got, [split, sipRequest('packed-1'), sipRequest('packed-2', 'x')]);
    socket.destroy();
  });

  it('closes the connection with a framing error when Content-Length is missing', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const errors: TransportError[] = [];
    server.on('error', (error: TransportError) => errors.push(error));
    const socket = await rawConnect(server.localEndpoint('tcp').port);
    const closed = nextEvent<[Flow, TransportError | undefined]>(server, 'flow-closed');
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n');
    const [, error] = await closed;
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'framing-error');
    assert.ok(error.cause instanceof FramingError);
    assert.equal(error.cause.reason, 'missing-content-length');
    assert.deepEqual(errors, [error]);
    await socketClosed;
  });

  it('closes the connection when the headers exceed the bound', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }], { maxHeaderSize: 512 });
    const socket = await rawConnect(server.localEndpoint('tcp').port);
    socket.on('error', () => undefined);
    const closed = nextEvent<[Flow, TransportError | undefined]>(server, 'flow-closed');
    socket.write(`OPTIONS sip:a@b SIP/2.0\r\nSubject: ${'x'.repeat(1024)}\r\n`);
    const [, error] = await closed;
    assert.equal((error?.cause as FramingError).reason, 'headers-too-large');
    socket.destroy();
  });

  it('answers a CRLF ping with a pong (RFC 5626 §4.4.1)', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const socket = await rawConnect(server.localEndpoint('tcp').port);
    const reply = readSome(socket);
    socket.write('\r\n\r\n');
    assert.equal((await reply).toString('latin1'), '\r\n');
    socket.destroy();
  });

  it('sends keep-alives on an outbound flow and reports the pongs', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const flow = await client.send(sipRequest('ka'), { protocol: 'tcp', host: '127.0.0.1', port: server.localEndpoint('tcp').port });
    const pong = nextEvent<[Flow]>(client, 'pong');
    assert.equal(client.startKeepAlive(flow, 20), true);
    assert.equal((await pong)[0].id, flow.id);
    client.stopKeepAlive(flow);
  });

  it('fails the flow when keep-alive pongs do not come', async () => {
    const port = await silentServer();
    const client = await managers.start([], { pongTimeoutMs: 50 });
    const flow = await client.send(sipRequest('ka'), { protocol: 'tcp', host: '127.0.0.1', port });
    const closed = nextEvent<[Flow, TransportError | undefined]>(client, 'flow-closed');
    client.startKeepAlive(flow, 20);
    const [closedFlow, error] = await closed;
    assert.equal(closedFlow.id, flow.id);
    assert.equal(error?.code, 'keepalive-timeout');
  });

  it('sends no keep-alives on UDP flows', async () => {
    const manager = await managers.start([{ protocol: 'udp', host: '127.0.0.1', port: 0 }]);
    const flow = await manager.send(sipRequest('u'), { protocol: 'udp', host: '127.0.0.1', port: manager.localEndpoint('udp').port });
    assert.equal(manager.startKeepAlive(flow, 20), false);
  });

  it('closes idle connections', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([], { idleTimeoutMs: 40 });
    const closed = nextEvent<[Flow, TransportError | undefined]>(client, 'flow-closed');
    const flow = await client.send(sipRequest('idle'), { protocol: 'tcp', host: '127.0.0.1', port: server.localEndpoint('tcp').port });
    const [closedFlow, error] = await closed;
    assert.equal(closedFlow.id, flow.id);
    assert.equal(error, undefined);
  });

  it('reports a refused connection with the destination and the cause', async () => {
    const port = await silentServer();
    servers.at(-1)!.close();
    const client = await managers.start([]);
    const destination = { protocol: 'tcp' as const, host: '127.0.0.1', port };
    await assert.rejects(client.send(sipRequest('refused'), destination), (error: unknown) => {
      assert.ok(error instanceof TransportError);
      assert.equal(error.code, 'connect-failed');
      assert.deepEqual(error.destination, destination);
      assert.equal((error.cause as { code?: string }).code, 'ECONNREFUSED');
      return true;
    });
  });

  it('closes every flow on stop()', async () => {
    const server = await managers.start([{ protocol: 'tcp', host: '127.0.0.1', port: 0 }]);
    const client = await managers.start([]);
    const flow = await client.send(sipRequest('stop'), { protocol: 'tcp', host: '127.0.0.1', port: server.localEndpoint('tcp').port });
    const closed = nextEvent<[Flow]>(client, 'flow-closed');
    await client.stop();
    assert.equal((await closed)[0].id, flow.id);
    assert.deepEqual(client.flows, []);
  });
});
