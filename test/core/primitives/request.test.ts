import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials, DigestAuthenticator } from '../../../src/core/auth/index.js';
import { Request } from '../../../src/core/primitives/request.js';
import { Route } from '../../../src/lookup/index.js';
import { answer, challenge, startPair, type Pair } from './scripted-peer.js';

describe('Request', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const make = (extra: Partial<ConstructorParameters<typeof Request>[1]> = {}) =>
    new Request(pair.client, {
      method: 'INFO',
      requestUri: `sip:bob@${pair.peerHost}`,
      fromHeader: '"Alice" <sip:alice@example.test>',
      toHeader: '<sip:bob@example.test>',
      routes: [pair.route],
      ...extra,
    });

  it('sends extra headers and body and reports the 2xx', async () => {
    pair.script('INFO', (request) => answer(request, 200));
    const request = make({ extraHeaders: [['X-Test', 'yes']], contentType: 'text/plain', body: 'hello', routeSet: ['<sip:proxy.example.test;lr>'] });
    const succeeded = request.once('SIPRequestDidSucceed');
    const ended = request.once('SIPRequestDidEnd');
    await request.send();
    assert.equal((await succeeded).data.code, 200);
    await ended;
    assert.equal(request.state, 'terminated');
    const got = pair.received('INFO').at(-1)!;
    assert.equal(got.getHeader('X-Test'), 'yes');
    assert.equal(got.body.toString(), 'hello');
    assert.equal(got.contentType?.toString(), 'text/plain');
    assert.equal(got.route[0]?.uri.toString(), 'sip:proxy.example.test;lr');
    assert.ok(got.from.tag);
    assert.equal(got.from.displayName, 'Alice');
  });

  for (const status of [401, 407] as const) {
    it(`answers a ${status} challenge with credentials and CSeq plus one`, async () => {
      pair.script('INFO', (request, index) => (index % 2 === 0 ? challenge(request, status, `nonce${status}`) : answer(request, 200)));
      const before = pair.received('INFO').length;
      const request = make({ credentials: new Credentials('alice', 'secret') });
      const succeeded = request.once('SIPRequestDidSucceed');
      await request.send();
      assert.equal((await succeeded).data.code, 200);
      const [first, second] = pair.received('INFO').slice(before);
      assert.ok(first && second);
      assert.equal(second.cseq.seq, first.cseq.seq + 1);
      assert.equal(second.callId, first.callId);
      const header = status === 401 ? 'Authorization' : 'Proxy-Authorization';
      assert.match(second.getHeader(header) ?? '', /username="alice".*nonce="nonce/);
      assert.notEqual(second.via[0]!.branch, first.via[0]!.branch);
    });
  }

  it('fails after a bounded number of attempts with a wrong password', async () => {
    pair.script('INFO', (request) => challenge(request, 401, `n${Math.random()}`));
    const before = pair.received('INFO').length;
    const request = make({ credentials: new DigestAuthenticator(new Credentials('alice', 'wrong'), { maxAttempts: 2 }) });
    const failed = request.once('SIPRequestDidFail');
    await request.send();
    const data = (await failed).data;
    assert.equal(data.code, 401);
    assert.equal(data.kind, 'authentication');
    assert.match(data.reason, /rejected/);
    assert.equal(pair.received('INFO').length - before, 3);
  });

  it('reports a final non-2xx without credentials as failure', async () => {
    pair.script('INFO', (request) => answer(request, 486));
    const request = make();
    const failed = request.once('SIPRequestDidFail');
    await request.send();
    assert.deepEqual([(await failed).data.code, (await failed).data.kind], [486, 'response']);
  });

  it('fails over to the next route on 503', async () => {
    const second = await startPair();
    try {
      pair.script('INFO', (request) => answer(request, 503));
      second.script('INFO', (request) => answer(request, 202));
      const request = make({ routes: [pair.route, second.route] });
      const succeeded = request.once('SIPRequestDidSucceed');
      await request.send();
      assert.equal((await succeeded).data.code, 202);
      assert.equal(second.received('INFO').length, 1);
    } finally {
      await second.stop();
    }
  });

  it('fails over after a timeout and reports 408 when every route timed out', async () => {
    const second = await startPair();
    try {
      pair.script('INFO', () => undefined);
      second.script('INFO', () => undefined);
      const request = make({ routes: [pair.route, second.route] });
      const failed = request.once('SIPRequestDidFail');
      await request.send();
      const data = (await failed).data;
      assert.equal(data.code, 408);
      assert.equal(data.kind, 'timeout');
      assert.equal(second.received('INFO').length > 0, true);
    } finally {
      await second.stop();
    }
  });

  it('reports a transport failure with code 0', async () => {
    const request = make({ routes: [new Route('127.0.0.1', 9, 'tcp')] });
    const failed = request.once('SIPRequestDidFail');
    await request.send();
    const data = (await failed).data;
    assert.equal(data.code, 0);
    assert.equal(data.kind, 'transport');
  });

  it('expires: WillExpire then DidEnd; end() stops it early', async () => {
    pair.script('INFO', (request) => answer(request, 200, [['Expires', '1']]));
    const request = make({ expireWarningTime: 1 });
    const willExpire = request.once('SIPRequestWillExpire');
    await request.send();
    assert.equal(request.state, 'expiring');
    assert.equal((await willExpire).data.expires, 1);
    const ended = request.once('SIPRequestDidEnd');
    request.end();
    await ended;
    assert.equal(request.state, 'terminated');
    await assert.rejects(request.send(), /sent once/);
  });

  it('send(timeout) fails with 408 when no final response comes in time', async () => {
    pair.script('INFO', () => undefined);
    const request = make();
    const failed = request.once('SIPRequestDidFail');
    await request.send(0.1);
    const data = (await failed).data;
    assert.deepEqual([data.code, data.kind], [408, 'timeout']);
    assert.match(data.reason, /within 0.1 s/);
  });

  it('end() while waiting stops the request without a failure', async () => {
    pair.script('INFO', () => undefined);
    const request = make();
    let failures = 0;
    request.on('SIPRequestDidFail', () => failures++);
    const ended = request.once('SIPRequestDidEnd');
    const sending = request.send();
    request.end();
    await ended;
    await sending;
    assert.equal(failures, 0);
    assert.equal(request.state, 'terminated');
  });
});
