// XCAP over https: the server certificate is verified by default (a self-signed one is a
// typed 'tls' failure), trusted through the `ca` option, or accepted with verification off;
// Basic authentication is answered over TLS without extra settings.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XCAPClient, XCAPTransportError } from '../../src/xcap/index.js';
import { startTestServer, type TestServer } from './test-server.js';

describe('XCAPClient over https', () => {
  let server: TestServer;
  let cert: string;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xcap-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      server = await startTestServer({ key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const basic = `Basic ${Buffer.from('alice:alice-secret').toString('base64')}`;
    server.handler = (request) =>
      request.headers.authorization === basic ? { status: 200, body: '<x/>' } : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="xcap"' } };
  });
  after(async () => {
    await server.close();
  });

  const credentials = { username: 'alice', password: 'alice-secret' };

  it('refuses an unknown certificate by default', async () => {
    const client = new XCAPClient({ root: server.root, xui: 'sip:alice@example.test', credentials });
    try {
      await assert.rejects(client.get(client.documentURI('resource-lists')), (error: unknown) => {
        assert.ok(error instanceof XCAPTransportError, String(error));
        assert.equal(error.reason, 'tls');
        return true;
      });
    } finally {
      client.close();
    }
  });

  it('trusts the certificate given as ca, and answers Basic over TLS', async () => {
    const client = new XCAPClient({ root: server.root, xui: 'sip:alice@example.test', credentials, ca: cert });
    try {
      const response = await client.get(client.documentURI('resource-lists'));
      assert.equal(response.body.toString(), '<x/>');
    } finally {
      client.close();
    }
  });

  it('accepts any certificate when verification is turned off', async () => {
    const client = new XCAPClient({ root: server.root, xui: 'sip:alice@example.test', credentials, verifyCertificate: false });
    try {
      assert.equal((await client.get(client.documentURI('resource-lists'))).status, 200);
    } finally {
      client.close();
    }
  });
});
