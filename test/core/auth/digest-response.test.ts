import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  digestAlgorithm,
  digestResponse,
  digestUserhash,
  formatCredentials,
  formatNonceCount,
  supportedDigestAlgorithms,
} from '../../../src/core/auth/index.js';

const md5 = digestAlgorithm('MD5')!;
const sha256 = digestAlgorithm('sha-256')!;

test('RFC 2617 §3.5: the Mufasa example response', () => {
  const response = digestResponse({
    algorithm: md5,
    username: 'Mufasa',
    password: 'Circle Of Life',
    realm: 'testrealm@host.com',
    nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
  });
  assert.equal(response, '6629fae49393a05397450978507c4ef1');
});

const rfc7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  method: 'GET',
  uri: '/dir/index.html',
  qop: 'auth' as const,
  nc: '00000001',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};

test('RFC 7616 §3.9.1: the MD5 example response', () => {
  assert.equal(digestResponse({ ...rfc7616, algorithm: md5 }), '8ca523f5e9506fed4657c9700eebdbec');
});

test('RFC 7616 §3.9.1: the SHA-256 example response', () => {
  assert.equal(
    digestResponse({ ...rfc7616, algorithm: sha256 }),
    '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  );
});

const h = (hash: string, text: string | Buffer) => createHash(hash).update(text).digest('hex');

test('RFC 7616 §3.4.3: auth-int hashes the body into A2', () => {
  const body = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n';
  const ha1 = h('sha256', 'alice:example.test:secret');
  const ha2 = h('sha256', `INVITE:sip:bob@example.test:${h('sha256', body)}`);
  const expected = h('sha256', `${ha1}:abc:00000002:xyz:auth-int:${ha2}`);
  const input = {
    algorithm: sha256,
    username: 'alice',
    password: 'secret',
    realm: 'example.test',
    nonce: 'abc',
    method: 'INVITE',
    uri: 'sip:bob@example.test',
    qop: 'auth-int' as const,
    nc: '00000002',
    cnonce: 'xyz',
  };
  assert.equal(digestResponse({ ...input, body }), expected);
  assert.equal(digestResponse({ ...input, body: Buffer.from(body) }), expected);
  // No body hashes as the empty string.
  const emptyHa2 = h('sha256', `INVITE:sip:bob@example.test:${h('sha256', '')}`);
  assert.equal(digestResponse(input), h('sha256', `${ha1}:abc:00000002:xyz:auth-int:${emptyHa2}`));
});

test('RFC 7616 §3.4.2: -sess algorithms put nonce and cnonce into A1', () => {
  const ha1 = h('md5', `${h('md5', 'alice:example.test:secret')}:abc:xyz`);
  const ha2 = h('md5', 'REGISTER:sip:example.test');
  assert.equal(
    digestResponse({
      algorithm: digestAlgorithm('MD5-sess')!,
      username: 'alice',
      password: 'secret',
      realm: 'example.test',
      nonce: 'abc',
      method: 'REGISTER',
      uri: 'sip:example.test',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'xyz',
    }),
    h('md5', `${ha1}:abc:00000001:xyz:auth:${ha2}`),
  );
});

test('RFC 8760 / RFC 7616: SHA-512-256 and its -sess variant use the truncated SHA-512', () => {
  const algorithm = digestAlgorithm('SHA-512-256-sess')!;
  assert.equal(algorithm.hash, 'sha512-256');
  assert.equal(algorithm.session, true);
  const ha1 = h('sha512-256', `${h('sha512-256', 'alice:example.test:secret')}:n:c`);
  const ha2 = h('sha512-256', 'MESSAGE:sip:bob@example.test');
  assert.equal(
    digestResponse({
      algorithm,
      username: 'alice',
      password: 'secret',
      realm: 'example.test',
      nonce: 'n',
      method: 'MESSAGE',
      uri: 'sip:bob@example.test',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'c',
    }),
    h('sha512-256', `${ha1}:n:00000001:c:auth:${ha2}`),
  );
});

test('RFC 2069 compatibility: without qop the response is H(HA1:nonce:HA2)', () => {
  const ha1 = h('md5', 'alice:example.test:secret');
  const ha2 = h('md5', 'REGISTER:sip:example.test');
  assert.equal(
    digestResponse({
      algorithm: md5,
      username: 'alice',
      password: 'secret',
      realm: 'example.test',
      nonce: 'abc',
      method: 'REGISTER',
      uri: 'sip:example.test',
    }),
    h('md5', `${ha1}:abc:${ha2}`),
  );
});

test('RFC 7616 §3.4.4: userhash is H(username:realm)', () => {
  const algorithm = digestAlgorithm('SHA-512-256')!;
  assert.equal(digestUserhash(algorithm, 'Jäsøn Doe', 'api@example.org'), h('sha512-256', 'Jäsøn Doe:api@example.org'));
});

test('algorithm names: case-insensitive, MD5 when absent, unknown ones unsupported, strongest first', () => {
  assert.equal(digestAlgorithm(undefined)?.name, 'MD5');
  assert.equal(digestAlgorithm('sha-512-256')?.name, 'SHA-512-256');
  assert.equal(digestAlgorithm('SHA-1'), undefined);
  assert.deepEqual(supportedDigestAlgorithms().slice(0, 2), ['SHA-512-256', 'SHA-512-256-sess']);
});

test('nonce counts are eight hex digits', () => {
  assert.equal(formatNonceCount(1), '00000001');
  assert.equal(formatNonceCount(255), '000000ff');
});

test('RFC 7616 §3.4: formatCredentials quotes username, realm, nonce, uri, response, cnonce, opaque but not algorithm, qop, nc', () => {
  const value = formatCredentials({
    scheme: 'Digest',
    params: {
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      uri: '/dir/index.html',
      algorithm: 'SHA-256',
      nonce: '7ypf',
      nc: '00000001',
      cnonce: 'f2',
      qop: 'auth',
      response: 'abc',
      opaque: 'FQhe',
      userhash: 'true',
    },
  });
  assert.equal(
    value,
    'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf", nc=00000001, cnonce="f2", qop=auth, response="abc", opaque="FQhe", userhash=true',
  );
  assert.match(formatCredentials({ scheme: 'Digest', params: { username: 'a"b\\c' } }), /username="a\\"b\\\\c"/);
});
