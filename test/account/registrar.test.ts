import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccountRegistrar, ContactURIFactory, type RegistrarAccount } from '../../src/account/index.js';
import { Credentials, DigestAuthenticator, Engine } from '../../src/core/index.js';
import type { Route } from '../../src/lookup/index.js';
import { NotificationCenter, type Notification } from '../../src/notification/index.js';
import { ManualScheduler } from '../core/transaction/manual-scheduler.js';
import { answer, registered, startPeer, WAIT_MS, type Peer } from './fixture.js';

describe('AccountRegistrar', () => {
  let first: Peer;
  let second: Peer;
  let engine: Engine;
  const center = new NotificationCenter();

  before(async () => {
    [first, second] = await Promise.all([startPeer(), startPeer()]);
    engine = new Engine({ notificationCenter: center });
    await engine.start({ ipv4Address: '127.0.0.1', transports: ['udp'], timers: { t1: 20, t2: 80, t4: 100 } });
  });
  after(async () => {
    await Promise.all([first.engine.stop(), second.engine.stop(), engine.stop()]);
  });

  function account(routes: () => Route[]): RegistrarAccount & { log: Notification[] } {
    const contact = new ContactURIFactory('abcdefgh');
    contact.engine = engine;
    const log: Notification[] = [];
    const owner = {
      notificationCenter: center,
      contact,
      log,
      fromHeader: () => '<sip:alice@example.test>',
      authenticator: () => new DigestAuthenticator(new Credentials('alice', 'secret')),
      registrarRoutes: async () => routes(),
      registrarURI: () => 'sip:example.test',
      usesOutboundProxy: () => false,
      registerInterval: () => 600,
    };
    center.addObserver((n) => log.push(n), { sender: owner });
    return owner;
  }

  it('fails over to the next route after a 503 and reports the route that registered', async () => {
    first.script('REGISTER', (request) => answer(request, 503));
    second.script('REGISTER', (request) => registered(request, 300));
    const owner = account(() => [first.route, second.route]);
    const scheduler = new ManualScheduler();
    const registrar = new AccountRegistrar(owner, engine, { scheduler, random: () => 0 });
    const succeeded = center.waitFor({ name: 'SIPAccountRegistrationDidSucceed', sender: owner }, { timeout: WAIT_MS });
    registrar.start();
    const { data } = await succeeded;
    assert.ok(data.registrar.equals(second.route));
    assert.equal(data.contactHeader, `<sip:abcdefgh@127.0.0.1:${engine.localEndpoint('udp').port}>`);
    assert.equal(first.received('REGISTER').length, 1);
    const answers = owner.log.filter((n) => n.name === 'SIPAccountRegistrationGotAnswer').map((n) => (n.data as { code: number }).code);
    assert.deepEqual(answers, [503, 200]);
    assert.equal(owner.log.some((n) => n.name === 'SIPAccountRegistrationDidFail'), false);
    // The refresh is announced when it is due: max(0.9 × 300, 300 − 30) = 270 s.
    const refreshing = center.waitFor({ name: 'SIPAccountRegistrationWillRefresh', sender: owner }, { timeout: WAIT_MS });
    const refreshed = center.waitFor({ name: 'SIPAccountRegistrationDidSucceed', sender: owner }, { timeout: WAIT_MS });
    scheduler.advance(270_000);
    await refreshing;
    await refreshed;
    assert.equal(second.received('REGISTER').length, 2);
    const ended = center.waitFor({ name: 'SIPAccountRegistrationDidEnd', sender: owner }, { timeout: WAIT_MS });
    await registrar.stop(WAIT_MS);
    await ended;
    assert.equal(second.received('REGISTER').at(-1)!.getHeader('Expires'), '0');
  });

  it('reports the last route when every route fails and starts over with a new lookup', async () => {
    first.script('REGISTER', (request) => answer(request, 503, [['Retry-After', '40']]));
    second.script('REGISTER', (request) => answer(request, 503, [['Retry-After', '40']]));
    let lookups = 0;
    const owner = account(() => {
      lookups += 1;
      return [first.route, second.route];
    });
    const scheduler = new ManualScheduler();
    const registrar = new AccountRegistrar(owner, engine, { scheduler, random: () => 0, retryPolicy: { baseTime: 10, maxTime: 100 } });
    const failed = center.waitFor({ name: 'SIPAccountRegistrationDidFail', sender: owner }, { timeout: WAIT_MS });
    registrar.start();
    const { data } = await failed;
    assert.equal(data.code, 503);
    assert.ok(data.registrar?.equals(second.route));
    assert.equal(data.retryAfter, 40);
    assert.equal(data.timeout, 40, 'Retry-After is a floor of the back-off');
    const again = center.waitFor({ name: 'SIPAccountRegistrationDidFail', sender: owner }, { timeout: WAIT_MS });
    scheduler.advance(40_000);
    await again;
    assert.equal(lookups, 2);
    await registrar.stop(WAIT_MS);
  });
});
