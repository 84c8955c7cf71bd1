import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { Credentials, DigestAuthenticator } from '../../../src/core/auth/index.js';
import type { SIPRequest } from '../../../src/core/message/index.js';
import { Registration, type RegistrationEngine, type RegistrationOptions } from '../../../src/core/primitives/registration.js';
import { refreshDelay } from '../../../src/core/primitives/refresh-policy.js';
import type { Flow } from '../../../src/core/transport/index.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';
import { answer, challenge, startPair, type Pair } from './scripted-peer.js';

/** The transport manager seen by the registration: records keep-alives and lets the test close flows. */
class FlowSpy extends EventEmitter {
  readonly started: Array<{ flow: Flow; intervalMs: number }> = [];
  readonly stopped: Flow[] = [];
  startKeepAlive(flow: Flow, intervalMs: number): boolean {
    this.started.push({ flow, intervalMs });
    return true;
  }
  stopKeepAlive(flow: Flow): void {
    this.stopped.push(flow);
  }
}

/** A 200 to a REGISTER listing its contacts with `expires` and another UA's binding. */
function registered(request: SIPRequest, expires: number[], extra: Array<[string, string]> = []) {
  const headers: Array<[string, string]> = request.contact.map((contact, i) => ['Contact', `<${contact.uri.toString()}>;expires=${expires[i] ?? expires[0]}`]);
  headers.push(['Contact', '<sip:alice@198.51.100.7:5060>;expires=3000']);
  return answer(request, 200, [...headers, ...extra]);
}

describe('Registration', () => {
  let pair: Pair;
  let flows: FlowSpy;
  let engine: RegistrationEngine;
  before(async () => {
    pair = await startPair();
    flows = new FlowSpy();
    engine = { sendRequest: pair.client.sendRequest.bind(pair.client), notificationCenter: pair.center, transportManager: flows };
  });
  after(async () => {
    await pair.stop();
  });

  const make = (scheduler: ManualScheduler, extra: Partial<RegistrationOptions> = {}) =>
    new Registration(engine, {
      fromHeader: '<sip:alice@example.test>',
      contactHeaders: ['<sip:alice@127.0.0.1:5070>', '<sip:alice@127.0.0.1:5071;transport=tcp>'],
      credentials: new Credentials('alice', 'secret'),
      routes: [pair.route],
      duration: 600,
      scheduler,
      now: () => scheduler.now,
      random: () => 0,
      ...extra,
    });

  it('registers several contacts through a 401, reads what was granted, Path and Service-Route', async () => {
    pair.script('REGISTER', (request, i) =>
      i === 0
        ? challenge(request, 401)
        : registered(request, [300, 120], [
            ['Service-Route', '<sip:orig@scscf.example.test;lr>'],
            ['Path', '<sip:edge.example.test;lr>'],
          ]),
    );
    const scheduler = new ManualScheduler();
    const registration = make(scheduler);
    const succeeded = registration.once('SIPRegistrationDidSucceed');
    await registration.register();
    const data = (await succeeded).data;
    assert.equal(registration.state, 'registered');
    assert.equal(data.expires, 120);
    assert.deepEqual(data.granted.map((g) => g.expires), [300, 120]);
    assert.equal(data.contactHeaderList.length, 3);
    assert.deepEqual(registration.serviceRoute, ['<sip:orig@scscf.example.test;lr>']);
    assert.deepEqual(data.path, ['<sip:edge.example.test;lr>']);
    const sent = pair.received('REGISTER').at(-1)!;
    assert.equal(sent.uri.toString(), 'sip:example.test');
    assert.equal(sent.getHeader('Expires'), '600');
    assert.deepEqual(sent.supported, ['path']);
    assert.equal(sent.contact.length, 2);
    assert.match(sent.getHeader('Authorization') ?? '', /username="alice"/);
    assert.equal(sent.to.tag, undefined);
    assert.ok(registration.isRegistered);
    await registration.end();
  });

  it('refreshes at max(0.9 x expires, expires - 30 s), same Call-ID, CSeq plus one', async () => {
    pair.script('REGISTER', (request) => registered(request, [100]));
    const scheduler = new ManualScheduler();
    const registration = make(scheduler, { contactHeaders: ['<sip:alice@127.0.0.1:5070>'] });
    await registration.register();
    const first = pair.received('REGISTER').at(-1)!;
    const count = pair.received('REGISTER').length;
    assert.equal(refreshDelay(100), 90);
    assert.equal(refreshDelay(3600), 3570);
    scheduler.advance(89_999);
    assert.equal(pair.received('REGISTER').length, count);
    const refreshed = registration.once('SIPRegistrationDidSucceed');
    scheduler.advance(1);
    await refreshed;
    const second = pair.received('REGISTER').at(-1)!;
    assert.equal(second.callId, first.callId);
    assert.equal(second.cseq.seq, first.cseq.seq + 1);
    await registration.end();
  });

  it('answers 423 with the Min-Expires of the registrar', async () => {
    pair.script('REGISTER', (request, i) => (i === 0 ? answer(request, 423, [['Min-Expires', '1800']]) : registered(request, [1800])));
    const scheduler = new ManualScheduler();
    const registration = make(scheduler, { contactHeaders: ['<sip:alice@127.0.0.1:5070>'] });
    const succeeded = registration.once('SIPRegistrationDidSucceed');
    await registration.register();
    assert.equal((await succeeded).data.expires, 1800);
    assert.equal(pair.received('REGISTER').at(-1)!.getHeader('Expires'), '1800');
    await registration.end();
  });

  it('backs off exponentially with jitter, honours Retry-After, and recovers', async () => {
    pair.script('REGISTER', (request, i) => {
      if (i === 0) return answer(request, 500);
      if (i === 1) return answer(request, 503, [['Retry-After', '200']]);
      if (i === 2) return answer(request, 480);
      return registered(request, [600]);
    });
    const scheduler = new ManualScheduler();
    const registration = make(scheduler, { contactHeaders: ['<sip:alice@127.0.0.1:5070>'] });
    const delays: Array<number | undefined> = [];
    registration.on('SIPRegistrationDidFail', (n) => delays.push(n.data.retryIn));
    await registration.register();
    assert.equal(registration.state, 'waiting-retry');
    const count = pair.received('REGISTER').length;
    scheduler.advance(14_999);
    assert.equal(pair.received('REGISTER').length, count, 'no retry before the back-off');
    let failed = registration.once('SIPRegistrationDidFail');
    scheduler.advance(1);
    await failed;
    failed = registration.once('SIPRegistrationDidFail');
    scheduler.advance(200_000);
    await failed;
    const succeeded = registration.once('SIPRegistrationDidSucceed');
    scheduler.advance(60_000);
    await succeeded;
    assert.deepEqual(delays, [15, 200, 60]);
    assert.equal(registration.state, 'registered');
    await registration.end();
  });

  it('a wrong password fails after a bounded number of attempts and is not retried', async () => {
    pair.script('REGISTER', (request) => challenge(request, 401, `n${Math.random()}`));
    const scheduler = new ManualScheduler();
    const count = pair.received('REGISTER').length;
    const registration = make(scheduler, { credentials: new DigestAuthenticator(new Credentials('alice', 'wrong'), { maxAttempts: 2 }) });
    const failed = registration.once('SIPRegistrationDidFail');
    await registration.register();
    const data = (await failed).data;
    assert.equal(data.code, 401);
    assert.equal(data.retryIn, undefined);
    assert.match(data.reason, /rejected/);
    assert.equal(registration.state, 'failed');
    assert.equal(pair.received('REGISTER').length - count, 3);
    assert.equal(scheduler.pending, 0);
    const ended = registration.once('SIPRegistrationDidEnd');
    await registration.end();
    assert.equal((await ended).data.expired, false);
  });

  it('a timeout is retried after the back-off and warns that the binding will expire', async () => {
    pair.script('REGISTER', (request) => registered(request, [100]));
    const scheduler = new ManualScheduler();
    const registration = make(scheduler, { contactHeaders: ['<sip:alice@127.0.0.1:5070>'] });
    await registration.register();
    pair.script('REGISTER', () => undefined);
    const failed = registration.once('SIPRegistrationDidFail');
    const willExpire = registration.once('SIPRegistrationWillExpire');
    scheduler.advance(90_000);
    const data = (await failed).data;
    assert.deepEqual([data.code, data.kind, data.retryIn], [408, 'timeout', 15]);
    assert.equal((await willExpire).data.expires, 10);
    pair.script('REGISTER', (request) => registered(request, [100]));
    await registration.end();
  });

  it('unregisters our contacts only, with Expires 0', async () => {
    pair.script('REGISTER', (request) => registered(request, [600]));
    const scheduler = new ManualScheduler();
    const registration = make(scheduler);
    await registration.register();
    const willEnd = registration.once('SIPRegistrationWillEnd');
    const ended = registration.once('SIPRegistrationDidEnd');
    await registration.end();
    await willEnd;
    assert.equal((await ended).data.expired, false);
    const last = pair.received('REGISTER').at(-1)!;
    assert.equal(last.getHeader('Expires'), '0');
    assert.deepEqual(last.contact.map((c) => c.uri.toString()), ['sip:alice@127.0.0.1:5070', 'sip:alice@127.0.0.1:5071;transport=tcp']);
    assert.equal(registration.state, 'ended');
    assert.equal(scheduler.pending, 0);
  });

  it('reports an un-REGISTER the registrar refused', async () => {
    pair.script('REGISTER', (request, i) => (i === 0 ? registered(request, [600]) : answer(request, 500)));
    const scheduler = new ManualScheduler();
    const registration = make(scheduler, { contactHeaders: ['<sip:alice@127.0.0.1:5070>'] });
    await registration.register();
    const notEnded = registration.once('SIPRegistrationDidNotEnd');
    await registration.end();
    assert.equal((await notEnded).data.code, 500);
  });
});

describe('Registration over an RFC 5626 flow', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair('tcp');
  });
  after(async () => {
    await pair.stop();
  });

  it('sends +sip.instance and reg-id, keeps the flow alive, and re-registers when it closes', async () => {
    const flows = new FlowSpy();
    const engine: RegistrationEngine = { sendRequest: pair.client.sendRequest.bind(pair.client), notificationCenter: pair.center, transportManager: flows };
    pair.script('REGISTER', (request) => registered(request, [600]));
    const scheduler = new ManualScheduler();
    const registration = new Registration(engine, {
      fromHeader: '<sip:alice@example.test>',
      contactHeaders: ['<sip:alice@127.0.0.1:5071;transport=tcp>'],
      routes: [pair.route],
      instanceId: 'urn:uuid:00000000-0000-1000-8000-000a95a0e128',
      regId: 1,
      keepAliveInterval: 25,
      scheduler,
      now: () => scheduler.now,
    });
    await registration.register();
    const sent = pair.received('REGISTER').at(-1)!;
    assert.equal(sent.contact[0]!.params.get('+sip.instance'), '"<urn:uuid:00000000-0000-1000-8000-000a95a0e128>"');
    assert.equal(sent.contact[0]!.params.get('reg-id'), '1');
    assert.deepEqual(sent.supported, ['path', 'outbound']);
    assert.equal(flows.started.length, 1);
    assert.equal(flows.started[0]!.intervalMs, 25_000);
    assert.equal(flows.started[0]!.flow.protocol, 'tcp');
    const count = pair.received('REGISTER').length;
    const again = registration.once('SIPRegistrationDidSucceed');
    flows.emit('flow-closed', registration.flow);
    await again;
    assert.equal(pair.received('REGISTER').length, count + 1);
    await registration.end();
    assert.ok(flows.stopped.length >= 1);
    assert.equal(flows.listenerCount('flow-closed'), 0);
  });
});

describe('Registration with a stopped Engine', () => {
  it('fails at once, without retries that would keep the process alive', async () => {
    const pair = await startPair();
    await pair.stop();
    const engine: RegistrationEngine = {
      sendRequest: pair.client.sendRequest.bind(pair.client),
      notificationCenter: pair.center,
      transportManager: new FlowSpy(),
    };
    const scheduler = new ManualScheduler();
    const registration = new Registration(engine, {
      fromHeader: '<sip:alice@example.test>',
      contactHeaders: ['<sip:alice@127.0.0.1:5070>'],
      routes: [pair.route],
      scheduler,
    });
    const failed = registration.once('SIPRegistrationDidFail');
    await registration.register();
    const data = (await failed).data;
    assert.deepEqual([data.code, data.kind, data.retryIn], [0, 'engine-stopped', undefined]);
    assert.equal(registration.state, 'failed');
    assert.equal(scheduler.pending, 0);
  });
});
