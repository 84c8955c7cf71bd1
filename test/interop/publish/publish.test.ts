// PUBLISH (RFC 3903) to the lab's presence server: a PIDF document published, refreshed,
// modified and removed with SIP-ETag / SIP-If-Match; a message-summary (RFC 3842) document
// with CRLF line ends. (Kamailio 5.6 answers an unknown SIP-If-Match with 500, not 412, when
// the presentity lives in the database: the 412 branch is covered by the unit tests.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials } from '../../../src/core/auth/index.js';
import { Publication } from '../../../src/core/primitives/publication.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { startSDKClient, STEP_TIMEOUT_MS, type LabSDKClient } from '../register/sdk-client.js';
import { messageSummaryBody, messageSummaryPublication } from './message-summary.js';

function pidf(entity: string, basic: 'open' | 'closed', note: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${entity}">` +
    `<tuple id="sdk"><status><basic>${basic}</basic></status><note>${note}</note></tuple></presence>`
  );
}

describe('PUBLISH to Kamailio', () => {
  let lab: Lab;
  let client: LabSDKClient;
  before(async () => {
    lab = await startLab();
    client = await startSDKClient(lab, 'udp');
  });
  after(async () => {
    await client?.stop();
    await lab?.stop();
  });

  it('publishes a PIDF document, refreshes, modifies and removes it', async () => {
    const alice = lab.users.alice;
    const publication = new Publication(client.engine, {
      fromHeader: `<${alice.aor}>`,
      event: 'presence',
      contentType: 'application/pidf+xml',
      credentials: new Credentials(alice.username, alice.password),
      routes: [client.route],
      duration: 300,
    });
    const etags: string[] = [];
    publication.on('SIPPublicationDidSucceed', (n) => etags.push(n.data.etag));
    let failure: string | undefined;
    publication.on('SIPPublicationDidFail', (n) => (failure = `${n.data.code} ${n.data.reason}`));

    await publication.publish(pidf(alice.aor, 'open', 'available'));
    assert.equal(failure, undefined, lab.logTail());
    assert.equal(etags.length, 1);
    assert.ok(publication.expiresReceived > 0 && publication.expiresReceived <= 300);

    await publication.publish();
    assert.equal(etags.length, 2, 'refreshed');
    await publication.publish(pidf(alice.aor, 'closed', 'away'));
    assert.equal(etags.length, 3, 'modified');
    assert.equal(failure, undefined);
    assert.equal(new Set(etags).size, 3, `each 2xx brings a new entity tag: ${etags.join(', ')}`);

    const ended = publication.once('SIPPublicationDidEnd', { timeout: STEP_TIMEOUT_MS });
    let notEnded: string | undefined;
    publication.on('SIPPublicationDidNotEnd', (n) => (notEnded = `${n.data.code} ${n.data.reason}`));
    await publication.end();
    assert.equal((await ended).data.expired, false);
    assert.equal(notEnded, undefined);
  });

  it('publishes a message-summary document (CRLF line ends)', async () => {
    const bob = lab.users.bob;
    const publication = messageSummaryPublication(client.engine, bob, client.route);
    const succeeded = publication.once('SIPPublicationDidSucceed', { timeout: STEP_TIMEOUT_MS });
    const body = messageSummaryBody(bob, 2, 8);
    assert.match(body, /^Messages-Waiting: yes\r\nMessage-Account: sip:bob@example.test\r\nVoice-Message: 2\/8 \(0\/0\)\r\n$/);
    await publication.publish(body);
    const data = (await succeeded).data;
    assert.equal(data.code, 200);
    assert.ok(data.etag.length > 0);
    await publication.end();
  });
});
