// The XCAP client against a local HTTP server: every status path of RFC 4825 §7-§8
// (200, 201, 304, 403, 404, 409 with each xcap-error condition, 412, 401 Digest then 200),
// MIME types per resource, ETag conditions, Basic auth, timeouts, aborts, size limits,
// keep-alive and server capabilities.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  XCAPAuthenticationError,
  XCAPClient,
  XCAPConflictError,
  XCAPContentError,
  XCAPForbiddenError,
  XCAPHTTPError,
  XCAPNotFoundError,
  XCAPPreconditionFailedError,
  XCAPTransportError,
  XCAPURIError,
  XCAPURI,
  registerApplicationUsage,
} from '../../src/xcap/index.js';
import { DigestRealm, startTestServer, type Reply, type TestServer } from './test-server.js';

const XUI = 'sip:alice@example.test';
const ERROR_NS = 'urn:ietf:params:xml:ns:xcap-error';
const LISTS = '<?xml version="1.0" encoding="UTF-8"?>\n<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>';

function rejectsWith<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E, check: (error: E) => void = () => {}): Promise<void> {
  return assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe('XCAPClient over http', () => {
  let server: TestServer;
  let client: XCAPClient;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    client = new XCAPClient({ root: server.root, xui: XUI });
  });
  afterEach(() => client.close());

  it('GET of a document: body, ETag, Content-Type and the request target (§7.3)', async () => {
    server.handler = () => ({ status: 200, headers: { 'Content-Type': 'application/resource-lists+xml; charset=utf-8', ETag: '"v1"' }, body: LISTS });
    const response = await client.get(client.documentURI('resource-lists'));
    assert.equal(response.status, 200);
    assert.equal(response.unchanged, false);
    assert.equal(response.etag, '"v1"');
    assert.equal(response.contentType, 'application/resource-lists+xml');
    assert.equal(response.body.toString(), LISTS);
    assert.equal(server.requests[0]!.url, '/xcap-root/resource-lists/users/sip:alice@example.test/index');
    assert.equal(server.requests[0]!.headers['content-type'], undefined);
  });

  it('GET with If-None-Match answered 304 is reported as unchanged (RFC 9110 §15.4.5)', async () => {
    server.handler = () => ({ status: 304 });
    const response = await client.get(client.documentURI('resource-lists'), { ifNoneMatch: '"v1"' });
    assert.equal(response.unchanged, true);
    assert.equal(response.etag, '"v1"');
    assert.equal(response.body.length, 0);
    assert.equal(server.requests[0]!.headers['if-none-match'], '"v1"');
  });

  it('a 304 without If-None-Match is an error', async () => {
    server.handler = () => ({ status: 304 });
    await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPHTTPError, (e) => assert.equal(e.status, 304));
  });

  it('PUT of a document with If-None-Match: * (create only) gets 201 and the new ETag (§7.2)', async () => {
    server.handler = () => ({ status: 201, headers: { ETag: '"v2"' } });
    const response = await client.put(client.documentURI('resource-lists'), LISTS, { ifNoneMatch: '*' });
    assert.equal(response.status, 201);
    assert.equal(response.etag, '"v2"');
    const request = server.requests[0]!;
    assert.equal(request.method, 'PUT');
    assert.equal(request.headers['content-type'], 'application/resource-lists+xml');
    assert.equal(request.headers['if-none-match'], '*');
    assert.equal(request.body, LISTS);
  });

  it('MIME types: per application usage, xcap-el+xml for elements, xcap-att+xml for attributes (§7.4-§7.6)', async () => {
    server.handler = () => ({ status: 200, headers: { ETag: '"x"' } });
    const lists = client.documentURI('resource-lists');
    const cases: Array<[XCAPURI, string]> = [
      [client.documentURI('pres-rules'), 'application/auth-policy+xml'],
      [client.documentURI('org.openmobilealliance.pres-rules'), 'application/auth-policy+xml'],
      [client.documentURI('rls-services'), 'application/rls-services+xml'],
      [client.documentURI('pidf-manipulation'), 'application/pidf+xml'],
      [client.documentURI('org.example.notes'), 'application/org.example.notes+xml'],
      [lists.withNode('/resource-lists/list[@name="friends"]'), 'application/xcap-el+xml'],
      [lists.withNode('/resource-lists/list[@name="friends"]/@name'), 'application/xcap-att+xml'],
    ];
    for (const [uri, type] of cases) await client.put(uri, '<x/>');
    assert.deepEqual(server.requests.map((r) => r.headers['content-type']), cases.map(([, type]) => type));
    registerApplicationUsage('org.example.notes', 'application/vnd.example.notes+xml');
    await client.put(client.documentURI('org.example.notes'), '<x/>');
    await client.put(lists, '<x/>', { contentType: 'application/xml' });
    assert.deepEqual(server.requests.slice(-2).map((r) => r.headers['content-type']), ['application/vnd.example.notes+xml', 'application/xml']);
  });

  it('element and attribute requests go to the percent-encoded node selector (§6.3)', async () => {
    server.handler = () => ({ status: 200, headers: { 'Content-Type': 'application/xcap-att+xml' }, body: 'friends' });
    const uri = client.documentURI('resource-lists').withNode('/resource-lists/list[1]/@name');
    const response = await client.get(uri);
    assert.equal(response.body.toString(), 'friends');
    assert.equal(server.requests[0]!.url, '/xcap-root/resource-lists/users/sip:alice@example.test/index/~~/resource-lists/list%5B1%5D/@name');
    await client.get(`${server.root}/resource-lists/users/${XUI}/index/~~/resource-lists/list%5B@name=%22a%22%5D`);
    assert.equal(server.requests[1]!.url, '/xcap-root/resource-lists/users/sip:alice@example.test/index/~~/resource-lists/list%5B@name=%22a%22%5D');
  });

  it('DELETE with If-Match; 412 when it no longer matches (§7.11)', async () => {
    server.handler = (request) => (request.headers['if-match'] === '"v3"' ? { status: 200, headers: { ETag: '"v4"' } } : { status: 412 });
    const element = client.documentURI('resource-lists').withNode('/resource-lists/list[1]');
    assert.equal((await client.delete(element, { ifMatch: '"v3"' })).etag, '"v4"');
    await rejectsWith(client.delete(element, { ifMatch: '"v1"' }), XCAPPreconditionFailedError, (error) => {
      assert.equal(error.status, 412);
      assert.match(error.message, /DELETE http:\/\/127\.0\.0\.1:\d+\/xcap-root\/resource-lists\/users\/sip:alice@example\.test\/index\/~~\/resource-lists\/list%5B1%5D: 412/);
      assert.match(error.message, /If-Match "v1" failed/);
    });
    server.handler = () => ({ status: 412 });
    await rejectsWith(client.put(client.documentURI('resource-lists'), LISTS, { ifMatch: '"old"' }), XCAPPreconditionFailedError);
  });

  it('404 is XCAPNotFoundError naming the document or the element', async () => {
    server.handler = () => ({ status: 404, body: 'not here' });
    const doc = client.documentURI('pres-rules');
    await rejectsWith(client.get(doc), XCAPNotFoundError, (error) => {
      assert.equal(error.uri, doc.toString());
      assert.match(error.message, /404 Not Found \(no such document\)/);
    });
    await rejectsWith(client.get(doc.withNode('/cr:ruleset', { cr: 'urn:ietf:params:xml:ns:common-policy' })), XCAPNotFoundError, (error) =>
      assert.match(error.message, /no such element \/cr:ruleset/),
    );
  });

  it('403 is XCAPForbiddenError with the server\'s reason', async () => {
    server.handler = () => ({ status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'a user may only access their own documents\n' });
    await rejectsWith(client.get(client.documentURI('resource-lists', { xui: 'sip:bob@example.test' })), XCAPForbiddenError, (error) => {
      assert.match(error.message, /sip:bob@example\.test\/index: 403 Forbidden \(a user may only access their own documents\)/);
    });
  });

  const conditions: Array<[string, string, (error: XCAPConflictError) => void]> = [
    ['not-well-formed', '<not-well-formed/>', () => {}],
    ['not-xml-att-value', '<not-xml-att-value/>', () => {}],
    ['schema-validation-error', '<schema-validation-error phrase="entry needs uri"/>', (e) => assert.match(e.message, /schema-validation-error: entry needs uri/)],
    ['not-utf-8', '<not-utf-8/>', () => {}],
    ['not-xml-frag', '<not-xml-frag/>', () => {}],
    ['cannot-insert', '<cannot-insert/>', () => {}],
    ['cannot-delete', '<cannot-delete/>', () => {}],
    ['constraint-failure', '<constraint-failure phrase="too many"/>', () => {}],
    ['no-parent', '<no-parent><ancestor>http://h/xcap-root/resource-lists/users/sip:alice@example.test/index</ancestor></no-parent>', (e) => {
      assert.ok(e.condition?.type === 'no-parent' && e.condition.ancestor?.endsWith('/index'));
      assert.match(e.message, /no-parent, closest ancestor http:\/\/h\//);
    }],
    ['uniqueness-failure', '<uniqueness-failure><exists field="rls-services/service/@uri"><alt-value>sip:b2@example.test</alt-value></exists></uniqueness-failure>', (e) => {
      assert.ok(e.condition?.type === 'uniqueness-failure');
      assert.deepEqual(e.condition.fields[0]!.altValues, ['sip:b2@example.test']);
      assert.match(e.message, /try sip:b2@example\.test/);
    }],
    ['extension', '<extension><x xmlns="urn:x"/></extension>', (e) => assert.ok(e.condition?.type === 'extension' && e.condition.elements.length === 1)],
  ];
  for (const [type, inner, check] of conditions) {
    it(`409 with <${type}> is XCAPConflictError with that condition (§11)`, async () => {
      server.handler = () => ({
        status: 409,
        headers: { 'Content-Type': 'application/xcap-error+xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?><xcap-error xmlns="${ERROR_NS}">${inner}</xcap-error>`,
      });
      const uri = client.documentURI('rls-services');
      await rejectsWith(client.put(uri, '<rls-services/>'), XCAPConflictError, (error) => {
        assert.equal(error.condition?.type, type);
        assert.equal(error.uri, uri.toString());
        assert.ok(error.message.includes(`PUT ${uri.toString()}: 409 Conflict (${type}`), error.message);
        check(error);
      });
    });
  }

  it('409 with a body that is no xcap-error document still rejects, with the reason', async () => {
    server.handler = () => ({ status: 409, body: '<html>oops' });
    await rejectsWith(client.put(client.documentURI('resource-lists'), LISTS), XCAPConflictError, (error) => {
      assert.equal(error.condition, undefined);
      assert.match(error.bodyError ?? '', /not XML/);
    });
  });

  it('other statuses are XCAPHTTPError with status and body', async () => {
    server.handler = () => ({ status: 500, body: 'boom' });
    await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPHTTPError, (error) => {
      assert.equal(error.status, 500);
      assert.equal(error.body.toString(), 'boom');
    });
  });

  it('a 401 without credentials is XCAPAuthenticationError', async () => {
    server.handler = () => ({ status: 401, headers: { 'WWW-Authenticate': 'Digest realm="x", nonce="n"' } });
    await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPAuthenticationError, (error) =>
      assert.match(error.reason, /client has none/),
    );
  });

  it('namespace bindings cannot be written; URIs of another root or malformed ones are refused', async () => {
    const ns = client.documentURI('resource-lists').withNode('/resource-lists/namespace::*');
    await rejectsWith(client.put(ns, 'x'), XCAPURIError);
    await rejectsWith(client.delete(ns), XCAPURIError);
    const other = new XCAPURI({ root: 'http://elsewhere.example.com', auid: 'resource-lists', xui: XUI });
    await rejectsWith(client.get(other), XCAPURIError, (error) => assert.match(error.message, /not below this client's XCAP root/));
    await rejectsWith(client.get(`${server.root}/resource-lists/users/${XUI}/index/~~/a%5B0%5D`), XCAPURIError);
    assert.equal(server.requests.length, 0);
  });

  it('server capabilities from xcap-caps/global/index (§12)', async () => {
    server.handler = (request) =>
      request.url === '/xcap-root/xcap-caps/global/index'
        ? {
            status: 200,
            headers: { 'Content-Type': 'application/xcap-caps+xml' },
            body: "<?xml version='1.0'?><xcap-caps xmlns='urn:ietf:params:xml:ns:xcap-caps'><auids><auid>xcap-caps</auid><auid>resource-lists</auid></auids><namespaces><namespace>urn:ietf:params:xml:ns:xcap-caps</namespace></namespaces></xcap-caps>",
          }
        : { status: 404 };
    const caps = await client.getServerCapabilities();
    assert.deepEqual(caps.auids.values, ['xcap-caps', 'resource-lists']);
    assert.ok(caps.supports('resource-lists'));
    server.handler = () => ({ status: 200, body: '<not-caps/>' });
    await rejectsWith(client.getServerCapabilities(), XCAPContentError, (error) => assert.match(error.message, /xcap-caps of http/));
  });

  it('keeps the connection alive between requests', async () => {
    server.handler = () => ({ status: 200, body: LISTS });
    const before = server.connections();
    for (let i = 0; i < 3; i++) await client.get(client.documentURI('resource-lists'));
    assert.equal(server.connections() - before, 1);
  });

  it('a kept-alive connection the server dropped is retried once on a new one', async () => {
    let drops = 1;
    server.handler = (): Reply => (server.requests.length === 2 && drops-- > 0 ? { status: 0, drop: true } : { status: 200, body: LISTS });
    const before = server.connections();
    await client.get(client.documentURI('resource-lists'));
    assert.equal((await client.get(client.documentURI('resource-lists'))).status, 200);
    assert.equal(server.requests.length, 3);
    assert.equal(server.connections() - before, 2);
    server.handler = (): Reply => ({ status: 0, drop: true });
    await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPTransportError, (error) => assert.equal(error.reason, 'network'));
  });

  it('a response that never ends is a timeout', async () => {
    server.handler = () => ({ status: 200, hang: true });
    await rejectsWith(client.get(client.documentURI('resource-lists'), { timeout: 50 }), XCAPTransportError, (error) => {
      assert.equal(error.reason, 'timeout');
      assert.match(error.message, /no complete response within 50 ms/);
    });
  });

  it('an AbortSignal stops the request', async () => {
    server.handler = () => ({ status: 200, hang: true });
    const controller = new AbortController();
    const pending = client.get(client.documentURI('resource-lists'), { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('user gave up')));
    await rejectsWith(pending, XCAPTransportError, (error) => assert.equal(error.reason, 'aborted'));
    await rejectsWith(client.get(client.documentURI('resource-lists'), { signal: AbortSignal.abort() }), XCAPTransportError, (error) =>
      assert.equal(error.reason, 'aborted'),
    );
  });

  it('bodies above maxResponseSize are refused, declared or streamed', async () => {
    const small = new XCAPClient({ root: server.root, xui: XUI, maxResponseSize: 100 });
    try {
      server.handler = () => ({ status: 200, body: 'x'.repeat(101) });
      await rejectsWith(small.get(small.documentURI('resource-lists')), XCAPTransportError, (error) => assert.equal(error.reason, 'too-large'));
      server.handler = () => ({ status: 200, headers: { 'Transfer-Encoding': 'chunked' }, body: 'y'.repeat(5000) });
      await rejectsWith(small.get(small.documentURI('resource-lists')), XCAPTransportError, (error) => assert.equal(error.reason, 'too-large'));
    } finally {
      small.close();
    }
  });
});

describe('XCAPClient authentication (RFC 7616, RFC 7617)', () => {
  let server: TestServer;
  const realm = new DigestRealm('example.test', { alice: 'alice-secret' });
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.handler = (request): Reply =>
      realm.verify(request) ? { status: 200, headers: { ETag: '"a"' }, body: LISTS } : { status: 401, headers: { 'WWW-Authenticate': realm.challenge() } };
  });

  it('401 with a Digest challenge, then 200; later requests answer the known realm at once', async () => {
    const client = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'alice-secret' } });
    try {
      const response = await client.get(client.documentURI('resource-lists'));
      assert.equal(response.status, 200);
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[0]!.headers.authorization, undefined);
      assert.equal(realm.params(server.requests[1]!)?.['nc'], '00000001');
      await client.put(client.documentURI('resource-lists').withNode('/resource-lists/list[1]'), '<list/>');
      assert.equal(server.requests.length, 3);
      assert.equal(realm.params(server.requests[2]!)?.['nc'], '00000002');
      assert.equal(realm.params(server.requests[2]!)?.['uri'], '/xcap-root/resource-lists/users/sip:alice@example.test/index/~~/resource-lists/list%5B1%5D');
    } finally {
      client.close();
    }
  });

  it('a stale nonce (stale=true) is refreshed without counting as a rejection', async () => {
    const client = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'alice-secret' } });
    try {
      await client.get(client.documentURI('resource-lists'));
      const fresh = new DigestRealm('example.test', { alice: 'alice-secret' });
      server.handler = (request): Reply =>
        fresh.verify(request) ? { status: 200, body: LISTS } : { status: 401, headers: { 'WWW-Authenticate': fresh.challenge(true) } };
      server.requests.length = 0;
      assert.equal((await client.get(client.documentURI('resource-lists'))).status, 200);
      assert.equal(server.requests.length, 2);
      assert.equal(realm.params(server.requests[0]!)?.['nonce'], realm.nonce);
      assert.equal(fresh.params(server.requests[1]!)?.['nonce'], fresh.nonce);
    } finally {
      client.close();
    }
  });

  it('a wrong password is XCAPAuthenticationError after the allowed attempts', async () => {
    const client = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'wrong' } });
    try {
      await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPAuthenticationError, (error) => {
        assert.equal(error.status, 401);
        assert.match(error.reason, /credentials rejected for realm "example\.test"/);
        assert.ok(!error.message.includes('wrong'), 'the password must not appear in messages');
      });
      assert.equal(server.requests.length, 3);
    } finally {
      client.close();
    }
  });

  it('a malformed challenge stops with the reason', async () => {
    server.handler = () => ({ status: 401, headers: { 'WWW-Authenticate': 'Digest realm="x", =' } });
    const client = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'alice-secret' } });
    try {
      await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPAuthenticationError, (error) => assert.match(error.reason, /malformed WWW-Authenticate/));
    } finally {
      client.close();
    }
  });

  it('Basic is refused over plain http unless allowed; then sent and remembered', async () => {
    const expected = `Basic ${Buffer.from('alice:alice-secret').toString('base64')}`;
    server.handler = (request) =>
      request.headers.authorization === expected ? { status: 200, body: LISTS } : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="xcap"' } };
    const strict = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'alice-secret' } });
    const lax = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'alice-secret' }, allowBasicOverHTTP: true });
    try {
      await rejectsWith(strict.get(strict.documentURI('resource-lists')), XCAPAuthenticationError, (error) => assert.match(error.reason, /Basic authentication over plain http/));
      server.requests.length = 0;
      assert.equal((await lax.get(lax.documentURI('resource-lists'))).status, 200);
      assert.equal((await lax.get(lax.documentURI('resource-lists'))).status, 200);
      assert.deepEqual(server.requests.map((r) => r.headers.authorization), [undefined, expected, expected]);
      const wrong = new XCAPClient({ root: server.root, xui: XUI, credentials: { username: 'alice', password: 'x' }, allowBasicOverHTTP: true });
      await rejectsWith(wrong.get(wrong.documentURI('resource-lists')), XCAPAuthenticationError, (error) => assert.match(error.reason, /Basic credentials rejected/));
      wrong.close();
    } finally {
      strict.close();
      lax.close();
    }
  });
});

describe('XCAPClient transport failures', () => {
  it('a refused connection is a network error naming the URI', async () => {
    const server = await startTestServer();
    const root = server.root;
    await server.close();
    const client = new XCAPClient({ root, xui: XUI, timeout: 2000 });
    await rejectsWith(client.get(client.documentURI('resource-lists')), XCAPTransportError, (error) => {
      assert.equal(error.reason, 'network');
      assert.ok(error.message.includes(`${root}/resource-lists/users/`));
    });
    client.close();
  });
});
