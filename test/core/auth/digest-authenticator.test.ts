import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthValue, parseMessage, SIPResponse } from '../../../src/core/message/index.js';
import { Credentials, DigestAuthenticator, type AuthenticationOutcome } from '../../../src/core/auth/index.js';

const challenge = (text: string) => parseAuthValue(text, 'WWW-Authenticate');
const www = (status: number, ...values: string[]) => ({ status, wwwAuthenticate: values.map(challenge) });
const proxy = (...values: string[]) => ({ status: 407, proxyAuthenticate: values.map(challenge) });

function fixedCnonces(...values: string[]) {
  let i = 0;
  return () => values[i++] ?? `cnonce-${i}`;
}

function retryHeaders(outcome: AuthenticationOutcome) {
  assert.equal(outcome.action, 'retry', outcome.action === 'give-up' ? outcome.reason : '');
  return outcome.action === 'retry' ? outcome.headers : [];
}

test('RFC 2617 §3.5 end to end: the challenge gives exactly the example Authorization header', () => {
  const authenticator = new DigestAuthenticator(new Credentials('Mufasa', 'Circle Of Life'), { cnonce: fixedCnonces('0a4f113b') });
  const session = authenticator.createSession({ method: 'GET', uri: '/dir/index.html' });
  assert.deepEqual(session.headers, []);
  const headers = retryHeaders(
    session.handleChallenge(
      www(
        401,
        'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      ),
    ),
  );
  assert.equal(headers.length, 1);
  assert.equal(headers[0]!.name, 'Authorization');
  assert.equal(
    headers[0]!.value,
    'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001',
  );
});

const rfc7616Challenges = [
  'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
];

test('RFC 7616 §3.9.1: of the MD5 and SHA-256 challenges the SHA-256 one is answered, as in the example', () => {
  const authenticator = new DigestAuthenticator(new Credentials('Mufasa', 'Circle of Life'), {
    cnonce: fixedCnonces('f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'),
  });
  const session = authenticator.createSession({ method: 'GET', uri: '/dir/index.html' });
  const [header] = retryHeaders(session.handleChallenge(www(401, ...rfc7616Challenges)));
  assert.equal(header!.credentials.params['algorithm'], 'SHA-256');
  assert.equal(header!.credentials.params['response'], '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  assert.equal(header!.credentials.params['opaque'], 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS');
});

test('RFC 7616 §3.9.1: the MD5 example when only MD5 is offered', () => {
  const authenticator = new DigestAuthenticator(new Credentials('Mufasa', 'Circle of Life'), {
    cnonce: fixedCnonces('f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'),
  });
  const [header] = retryHeaders(
    authenticator.createSession({ method: 'GET', uri: '/dir/index.html' }).handleChallenge(www(401, rfc7616Challenges[0]!)),
  );
  assert.equal(header!.credentials.params['response'], '8ca523f5e9506fed4657c9700eebdbec');
});

test('the strongest supported algorithm wins: SHA-512-256 > SHA-256 > MD5; unknown ones are ignored', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const [header] = retryHeaders(
    session.handleChallenge(
      www(
        401,
        'Digest realm="example.test", nonce="1", algorithm=MD5, qop="auth"',
        'Digest realm="example.test", nonce="2", algorithm=SHA-512-256, qop="auth"',
        'Digest realm="example.test", nonce="3", algorithm=SHA3-512, qop="auth"',
        'Digest realm="example.test", nonce="4", algorithm=SHA-256, qop="auth"',
      ),
    ),
  );
  assert.equal(header!.credentials.params['algorithm'], 'SHA-512-256');
  assert.equal(header!.credentials.params['nonce'], '2');
});

test('nonce counts increment per nonce across requests to the same realm, and restart with a new nonce', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const first = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const nc = (headers: { credentials: { params: Record<string, string> } }[]) => headers.map((h) => h.credentials.params['nc']);
  assert.deepEqual(nc(retryHeaders(first.handleChallenge(www(401, 'Digest realm="example.test", nonce="n1", qop="auth"')))), ['00000001']);
  // The next requests answer at once with the cached challenge.
  assert.deepEqual(nc(authenticator.authorize({ method: 'REGISTER', uri: 'sip:example.test' })), ['00000002']);
  const third = authenticator.createSession({ method: 'MESSAGE', uri: 'sip:bob@example.test' });
  assert.deepEqual(nc(third.headers), ['00000003']);
  assert.equal(third.headers[0]!.credentials.params['uri'], 'sip:bob@example.test');
  // The server moves to a new nonce: counting starts again.
  assert.deepEqual(nc(retryHeaders(third.handleChallenge(www(401, 'Digest realm="example.test", nonce="n2", qop="auth", stale=true')))), ['00000001']);
  assert.deepEqual(nc(authenticator.authorize({ method: 'REGISTER', uri: 'sip:example.test' })), ['00000002']);
});

test('each request gets a fresh cnonce (non -sess)', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const [a] = retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n", qop="auth"')));
  const [b] = authenticator.authorize({ method: 'REGISTER', uri: 'sip:example.test' });
  assert.notEqual(a!.credentials.params['cnonce'], b!.credentials.params['cnonce']);
  assert.match(a!.credentials.params['cnonce']!, /^[A-Za-z0-9_-]{22}$/);
});

test('stale=true retries with the new nonce without counting as a failure', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'), { maxAttempts: 1 });
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n1", qop="auth"')));
  const outcome = session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n2", qop="auth", stale=TRUE'));
  const [header] = retryHeaders(outcome);
  assert.equal(outcome.action === 'retry' && outcome.stale, true);
  assert.equal(header!.credentials.params['nonce'], 'n2');
  assert.equal(session.attempts, 1);
});

test('stale retries are bounded too', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'), { maxStaleRetries: 2 });
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n0", qop="auth"')));
  retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n1", qop="auth", stale=true')));
  retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n2", qop="auth", stale=true')));
  const outcome = session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n3", qop="auth", stale=true'));
  assert.equal(outcome.action, 'give-up');
});

test('a wrong password gives up after maxAttempts and forgets the realm', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'wrong'), { maxAttempts: 3 });
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  let outcome: AuthenticationOutcome | undefined;
  let retries = 0;
  for (let i = 0; i < 10; i++) {
    outcome = session.handleChallenge(www(401, `Digest realm="example.test", nonce="n${i}", qop="auth"`));
    if (outcome.action === 'give-up') break;
    retries++;
  }
  assert.equal(retries, 3);
  assert.equal(outcome?.action, 'give-up');
  assert.match(outcome?.action === 'give-up' ? outcome.reason : '', /credentials rejected for realm "example.test" after 3 attempts/);
  assert.deepEqual(authenticator.authorize({ method: 'REGISTER', uri: 'sip:example.test' }), []);
});

test('proxy (407) and server (401) challenges add up: both headers go on the re-send, one credential per realm', () => {
  const authenticator = new DigestAuthenticator([
    new Credentials('alice-proxy', 'p1', 'proxy.test'),
    new Credentials('alice', 's1', 'example.test'),
  ]);
  const session = authenticator.createSession({ method: 'INVITE', uri: 'sip:bob@example.test', body: 'v=0\r\n' });
  const first = retryHeaders(session.handleChallenge(proxy('Digest realm="proxy.test", nonce="p", qop="auth"')));
  assert.deepEqual(first.map((h) => [h.name, h.credentials.params['username']]), [['Proxy-Authorization', 'alice-proxy']]);
  const second = retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="s", qop="auth-int"')));
  assert.deepEqual(
    second.map((h) => [h.name, h.credentials.params['username'], h.credentials.params['qop'], h.credentials.params['nc']]),
    [
      ['Proxy-Authorization', 'alice-proxy', 'auth', '00000002'],
      ['Authorization', 'alice', 'auth-int', '00000001'],
    ],
  );
  assert.equal(session.attempts, 2, 'a new realm is not a rejection');
});

test('a realm without matching credentials cannot be answered', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret', 'example.test'));
  const outcome = authenticator
    .createSession({ method: 'REGISTER', uri: 'sip:other.test' })
    .handleChallenge(www(401, 'Digest realm="other.test", nonce="n"'));
  assert.deepEqual(outcome, { action: 'give-up', reason: 'no credentials for realm "other.test"' });
});

test('unusable challenges give up with the reason: Basic, unknown algorithm, no nonce, unsupported qop, not a 401', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const outcome = session.handleChallenge(
    www(
      401,
      'Basic realm="example.test"',
      'Digest realm="example.test", nonce="n", algorithm=SHA-1',
      'Digest realm="example.test"',
      'Digest realm="example.test", nonce="n", qop="auth-conf"',
    ),
  );
  assert.equal(outcome.action, 'give-up');
  const reason = outcome.action === 'give-up' ? outcome.reason : '';
  for (const part of ['scheme Basic is not Digest', 'unsupported Digest algorithm SHA-1', 'without nonce', 'unsupported qop "auth-conf"']) {
    assert.ok(reason.includes(part), `${part} missing from: ${reason}`);
  }
  assert.equal(session.handleChallenge({ status: 403 }).action, 'give-up');
  assert.equal(session.handleChallenge({ status: 401 }).action, 'give-up');
});

test('-sess keeps one cnonce and H(A1) per nonce; nc still increments', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'), { cnonce: fixedCnonces('c1', 'c2', 'c3') });
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const [a] = retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n", qop="auth", algorithm=SHA-256-sess')));
  const [b] = authenticator.authorize({ method: 'REGISTER', uri: 'sip:example.test' });
  assert.equal(a!.credentials.params['algorithm'], 'SHA-256-sess');
  assert.equal(a!.credentials.params['cnonce'], 'c1');
  assert.equal(b!.credentials.params['cnonce'], 'c1');
  assert.equal(b!.credentials.params['nc'], '00000002');
  assert.notEqual(a!.credentials.params['response'], b!.credentials.params['response']);
});

test('userhash (RFC 7616 §3.4.4) is sent only when enabled and offered', () => {
  const offered = 'Digest realm="api@example.org", nonce="n", qop="auth", algorithm=SHA-512-256, userhash=true';
  const on = new DigestAuthenticator(new Credentials('Jäsøn Doe', 'pw'), { userhash: true });
  const [hashed] = retryHeaders(on.createSession({ method: 'GET', uri: '/doe.json' }).handleChallenge(www(401, offered)));
  assert.match(hashed!.credentials.params['username']!, /^[0-9a-f]{64}$/);
  assert.match(hashed!.value, /userhash=true$/);
  const off = new DigestAuthenticator(new Credentials('Jäsøn Doe', 'pw'));
  const [plain] = retryHeaders(off.createSession({ method: 'GET', uri: '/doe.json' }).handleChallenge(www(401, offered)));
  assert.equal(plain!.credentials.params['username'], 'Jäsøn Doe');
});

test('without qop (RFC 2069) no cnonce, nc or qop is sent', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const [header] = retryHeaders(
    authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' }).handleChallenge(www(401, 'Digest realm="example.test", nonce="n"')),
  );
  assert.deepEqual(Object.keys(header!.credentials.params), ['username', 'realm', 'nonce', 'uri', 'response', 'algorithm']);
});

test('works on a parsed SIP 401 and 407 from the message layer', () => {
  const response = parseMessage(
    'SIP/2.0 407 Proxy Authentication Required\r\n' +
      'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n' +
      'From: <sip:alice@example.test>;tag=1\r\nTo: <sip:bob@example.test>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n' +
      'Proxy-Authenticate: Digest realm="example.test", nonce="abc", qop="auth", algorithm=MD5, ' +
      'Digest realm="example.test", nonce="def", qop="auth", algorithm=SHA-256\r\n' +
      'Content-Length: 0\r\n\r\n',
  );
  assert.ok(response instanceof SIPResponse);
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'secret'));
  const [header] = retryHeaders(authenticator.createSession({ method: 'INVITE', uri: 'sip:bob@example.test' }).handleChallenge(response));
  assert.equal(header!.name, 'Proxy-Authorization');
  assert.equal(header!.credentials.params['nonce'], 'def');
});

test('the password never appears in the produced headers', () => {
  const authenticator = new DigestAuthenticator(new Credentials('alice', 'pa55word-xyz'));
  const session = authenticator.createSession({ method: 'REGISTER', uri: 'sip:example.test' });
  const headers = retryHeaders(session.handleChallenge(www(401, 'Digest realm="example.test", nonce="n", qop="auth"')));
  assert.ok(!JSON.stringify(headers).includes('pa55word-xyz'));
});

test('a malformed challenge header from the network gives up with a reason instead of throwing', () => {
  const response = parseMessage(
    'SIP/2.0 401 Unauthorized\r\n' +
      'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n' +
      'From: <sip:alice@example.test>;tag=1\r\nTo: <sip:alice@example.test>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n' +
      'WWW-Authenticate: Digest realm="example.test, nonce=\r\n' +
      'Content-Length: 0\r\n\r\n',
  );
  const outcome = new DigestAuthenticator(new Credentials('alice', 'secret'))
    .createSession({ method: 'REGISTER', uri: 'sip:example.test' })
    .handleChallenge(response as SIPResponse);
  assert.equal(outcome.action, 'give-up');
  assert.match(outcome.action === 'give-up' ? outcome.reason : '', /malformed challenge/);
});
