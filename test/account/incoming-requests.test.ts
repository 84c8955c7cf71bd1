import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../src/account/index.js';
import { Request } from '../../src/core/index.js';
import { Route } from '../../src/lookup/index.js';
import { addAccount, registered, startApplication, startPeer, type Peer, type TestApplication } from './fixture.js';

describe('requests routed to accounts across a restart of the application', () => {
  let peer: Peer;
  let app: TestApplication;
  before(async () => {
    peer = await startPeer();
    peer.script('REGISTER', (request) => registered(request));
    app = await startApplication();
  });
  after(async () => {
    await app.stop();
    await peer.engine.stop();
  });

  /** Sends an unsolicited NOTIFY (no To tag) to the account's contact; resolves with the status. */
  async function notify(account: Account): Promise<number> {
    const endpoint = app.application.engine.localEndpoint('udp');
    const request = new Request(peer.engine, {
      method: 'NOTIFY',
      requestUri: account.contact.get('udp').toString(),
      fromHeader: '<sip:voicemail@example.test>',
      toHeader: `<${account.uri.toString()}>`,
      routes: [new Route(endpoint.host, endpoint.port, 'udp')],
      extraHeaders: [['Event', 'message-summary'], ['Subscription-State', 'active']],
      contentType: 'application/simple-message-summary',
      body: 'Messages-Waiting: no\r\n',
    });
    await request.send(5);
    return request.response?.status ?? 0;
  }

  it('keeps routing unsolicited NOTIFYs to the account after the application restarts', async () => {
    const activatedFirst = app.next('SIPAccountDidActivate');
    const first = await addAccount(app, peer);
    await activatedFirst;
    const got = app.next('SIPAccountGotNotify', first);
    assert.equal(await notify(first), 200);
    await got;
    // A subscription makes the Engine's event router, which answers every NOTIFY it sees.
    await first.subscribeMessageSummary().then((s) => s.end(1)).catch(() => undefined);
    await app.application.stop();
    const activated = app.next('SIPAccountDidActivate');
    await app.application.start(app.storage);
    const account = (await activated).sender as Account;
    assert.equal(account.id.toString(), 'alice@example.test');
    const again = app.next('SIPAccountGotNotify', account);
    assert.equal(await notify(account), 200);
    assert.equal((await again).data.event, 'message-summary');
  });
});
