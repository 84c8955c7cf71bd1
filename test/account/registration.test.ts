import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Account } from '../../src/account/index.js';
import { addAccount, answer, challenge, registered, startApplication, startPeer, type Peer, type TestApplication } from './fixture.js';

describe('Account registration', () => {
  let peer: Peer;
  let app: TestApplication;
  let account: Account | undefined;

  before(async () => {
    peer = await startPeer();
  });
  after(async () => {
    await peer.engine.stop();
  });
  afterEach(async () => {
    await app?.stop();
    account = undefined;
  });

  it('activates, registers through the outbound proxy with digest auth and reports the registrar', async () => {
    peer.script('REGISTER', (request, i) => (i === 0 ? challenge(request) : registered(request, 600)));
    app = await startApplication();
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    account = await addAccount(app, peer);
    const { data } = await succeeded;
    assert.equal(account.isActive, true);
    assert.deepEqual(
      app.names(account).filter((name) => name.startsWith('SIPAccount')),
      ['SIPAccountWillActivate', 'SIPAccountWillRegister', 'SIPAccountDidActivate', 'SIPAccountRegistrationGotAnswer', 'SIPAccountRegistrationDidSucceed'],
    );
    assert.equal(data.expires, 600);
    assert.ok(data.registrar.equals(peer.route));
    assert.match(data.contactHeader, new RegExp(`^<sip:${account.contact.username}@127\\.0\\.0\\.1:\\d+>$`));
    assert.equal(data.contactHeaderList.length, 1);
    const sent = peer.received('REGISTER').at(-1)!;
    assert.equal(sent.uri.toString(), 'sip:example.test');
    assert.equal(sent.from.uri.toString(), 'sip:alice@example.test');
    assert.match(sent.getHeader('Route') ?? '', /^<sip:127\.0\.0\.1:\d+;transport=udp;lr>$/);
    assert.match(sent.getHeader('Authorization') ?? '', /username="alice"/);
  });

  it('retries after a failure with back-off, then registers', async () => {
    peer.script('REGISTER', (request, i) => (i === 0 ? answer(request, 403) : registered(request)));
    app = await startApplication();
    const failed = app.next('SIPAccountRegistrationDidFail');
    account = await addAccount(app, peer);
    const { data } = await failed;
    assert.equal(data.code, 403);
    assert.match(data.error, /^403 /);
    // RFC 5626 §4.5 with base 10 s: the first wait is between 5 and 10 s.
    assert.ok(data.timeout >= 5 && data.timeout <= 10, `timeout ${data.timeout}`);
    assert.ok(data.registrar?.equals(peer.route));
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    app.scheduler.advance(data.timeout * 1000);
    await succeeded;
    assert.equal(peer.received('REGISTER').length >= 2, true);
  });

  it('reports an unreachable registrar and keeps retrying', async () => {
    app = await startApplication();
    const failed = app.next('SIPAccountRegistrationDidFail');
    account = await addAccount(app, peer, 'alice@example.test', (a) => a.setSettingFromString('sip.outboundProxy', '127.0.0.1:9;transport=tcp'));
    const { data } = await failed;
    assert.equal(data.code, 0);
    assert.ok(data.timeout > 0);
  });

  it('unregisters and deactivates when disabled, and activates again when enabled', async () => {
    peer.script('REGISTER', (request) => registered(request));
    app = await startApplication();
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    account = await addAccount(app, peer);
    await succeeded;
    const ended = app.next('SIPAccountRegistrationDidEnd', account);
    const deactivated = app.next('SIPAccountDidDeactivate', account);
    account.enabled = false;
    await account.save();
    await ended;
    await deactivated;
    assert.equal(account.isActive, false);
    assert.equal(peer.received('REGISTER').at(-1)!.getHeader('Expires'), '0');
    const again = app.next('SIPAccountRegistrationDidSucceed', account);
    account.enabled = true;
    await account.save();
    await again;
    assert.equal(account.isActive, true);
  });

  it('reports a failed refresh and retries it on the same route while the binding holds', async () => {
    let answering = true;
    peer.script('REGISTER', (request) => (answering ? registered(request, 100) : undefined));
    app = await startApplication();
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    account = await addAccount(app, peer);
    await succeeded;
    answering = false;
    const refreshing = app.next('SIPAccountRegistrationWillRefresh', account);
    const failed = app.next('SIPAccountRegistrationDidFail', account);
    app.scheduler.advance(90_000); // max(0.9 × 100, 100 − 30) s: the refresh, which times out (Timer F)
    await refreshing;
    const { data } = await failed;
    assert.equal(data.code, 408);
    assert.ok(data.timeout > 0);
    assert.ok(account.currentRegistration !== undefined, 'the registration is kept while it holds');
    answering = true;
    const again = app.next('SIPAccountRegistrationDidSucceed', account);
    app.scheduler.advance(data.timeout * 1000);
    await again;
  });

  it('deactivates every account when the application stops, within the bound when the registrar is gone', async () => {
    let answering = true;
    peer.script('REGISTER', (request) => (answering ? registered(request) : undefined));
    app = await startApplication({ shutdownTimeout: 0.5 });
    const succeeded = app.next('SIPAccountRegistrationDidSucceed');
    account = await addAccount(app, peer);
    await succeeded;
    answering = false;
    await app.application.stop();
    assert.equal(account.isActive, false);
    const names = app.names();
    assert.ok(names.indexOf('SIPAccountDidDeactivate') < names.indexOf('SIPApplicationDidEnd'));
  });
});
