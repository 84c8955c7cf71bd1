/**
 * XCAPManager failure reports: `XCAPManagerClientDidFail` and `lastError` carry the
 * typed error (409 with its xcap-error condition, 403, no answer at all), the phase,
 * the document, the failure count and the next delay; `discardPendingOperation`
 * drops a journal entry the server refuses and lets the others land.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { XCAPClient } from '../../../src/xcap/client.js';
import { XCAPConflictError, XCAPForbiddenError, XCAPTransportError } from '../../../src/xcap/errors.js';
import { Contact, type XCAPManager, type XCAPManagerFailureData } from '../../../src/xcap/manager/index.js';
import { AOR, createManager, settled } from './fixture.js';
import { XCAPTestServer } from './xcap-test-server.js';

const UNIQUENESS_FAILURE = `<?xml version="1.0" encoding="UTF-8"?>
<xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"><uniqueness-failure><exists field="resource-lists/list/entry/@uri"><alt-value>sip:other@example.com</alt-value></exists></uniqueness-failure></xcap-error>`;

/** The next `count` failure reports of `manager`. */
function failures(manager: XCAPManager, count: number): Promise<XCAPManagerFailureData[]> {
  return new Promise((resolve) => {
    const seen: XCAPManagerFailureData[] = [];
    const stop = manager.on('XCAPManagerClientDidFail', (notification) => {
      seen.push(notification.data);
      if (seen.length < count) return;
      stop();
      resolve(seen);
    });
  });
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('XCAPManager failure reports', () => {
  let server: XCAPTestServer;
  const managers: XCAPManager[] = [];

  before(async () => {
    server = new XCAPTestServer();
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.documents.clear();
    server.requests.length = 0;
    server.refuse = undefined;
  });
  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.stop();
  });

  async function started(): Promise<XCAPManager> {
    const { manager } = await createManager(server);
    managers.push(manager);
    await manager.start();
    await settled(manager);
    return manager;
  }

  it('reports a 409 with its xcap-error condition, the document and the back-off, and clears it after a success', async () => {
    const manager = await started();
    server.refuse = (method, path) =>
      method === 'PUT' && path.startsWith('/xcap-root/resource-lists/') ? { status: 409, contentType: 'application/xcap-error+xml', body: UNIQUENESS_FAILURE } : undefined;
    const reported = failures(manager, 2);
    await manager.addContact(Contact.create('Bob'));
    const [first, second] = await reported;
    assert.ok(first!.error instanceof XCAPConflictError);
    assert.equal(first!.error.status, 409);
    assert.equal(first!.error.condition?.type, 'uniqueness-failure');
    assert.equal(first!.phase, 'update');
    assert.equal(first!.document, 'resource-lists');
    assert.deepEqual([first!.failures, second!.failures], [1, 2]);
    assert.deepEqual([first!.retryDelay, second!.retryDelay], [10, 20]);
    assert.equal(manager.lastError?.failures, manager.consecutiveFailures);
    assert.ok(manager.lastError?.error instanceof XCAPConflictError);
    server.refuse = undefined;
    await settled(manager);
    assert.equal(manager.lastError, undefined);
  });

  it('reports a 403 of a fetch', async () => {
    const manager = await started();
    server.refuse = (method, path) => (method === 'GET' && path.startsWith('/xcap-root/resource-lists/') ? { status: 403, contentType: 'text/plain', body: 'not yours\n' } : undefined);
    const reported = failures(manager, 1);
    manager.refresh();
    const [failure] = await reported;
    assert.ok(failure!.error instanceof XCAPForbiddenError);
    assert.equal(failure!.error.status, 403);
    assert.equal(failure!.phase, 'fetch');
    assert.equal(failure!.document, 'resource-lists');
  });

  it('reports a network failure while reading the capabilities', async () => {
    const port = await closedPort();
    const { manager } = await createManager(server, { client: new XCAPClient({ root: `http://127.0.0.1:${port}/xcap-root`, xui: AOR, timeout: 2000 }) });
    managers.push(manager);
    const reported = failures(manager, 1);
    await manager.start();
    const [failure] = await reported;
    assert.ok(failure!.error instanceof XCAPTransportError);
    assert.equal(failure!.error.reason, 'network');
    assert.equal(failure!.phase, 'initialize');
    assert.equal(failure!.document, 'xcap-caps');
    assert.equal(failure!.failures, 1);
  });

  it('discards a refused journal entry and lands the others', async () => {
    const manager = await started();
    const refused = Contact.create('Refused');
    server.refuse = (method, path) => {
      const write = method === 'PUT' && path.startsWith('/xcap-root/resource-lists/');
      return write && manager.pendingOperations.some((entry) => entry.operation.type === 'add-contact' && entry.operation.contact.id === refused.id)
        ? { status: 409, contentType: 'application/xcap-error+xml', body: UNIQUENESS_FAILURE }
        : undefined;
    };
    const reported = failures(manager, 1);
    await manager.addContact(refused);
    await reported;
    const accepted = Contact.create('Accepted');
    await manager.addContact(accepted);
    const [entry] = manager.pendingOperations;
    assert.equal(await manager.discardPendingOperation(entry!.id), true);
    assert.equal(await manager.discardPendingOperation(entry!.id), false);
    await settled(manager);
    assert.deepEqual(manager.pendingOperations, []);
    const lists = server.body('resource-lists', AOR)!;
    assert.ok(lists.includes(accepted.id));
    assert.ok(!lists.includes(refused.id));
  });
});
