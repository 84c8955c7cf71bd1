// The other subscribe commands against the lab: subscribe-mwi prints the message summary
// published for alice (RFC 3842, published as docs/lab.md says: CRLF line ends, her own
// address); subscribe-rls prints the resources of the list in her rls-services document
// (RFC 4662), with bob's published note; subscribe-xcap-diff prints the change of a
// document PUT while it runs (RFC 5875).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../lab/lab.js';
import { putDocument, rlsServices } from '../../lab/xcap-documents.js';
import { Publication } from '../../../src/core/primitives/publication.js';
import { pidf, startClient, type LabClient } from '../presence/lab-client.js';
import { messageSummaryBody, messageSummaryPublication } from '../publish/message-summary.js';
import { cliUser, type CLIUser } from './cli-lab.js';

const STEP_MS = 15_000;

describe('sipsimple subscribe-mwi, subscribe-rls and subscribe-xcap-diff against the lab', { timeout: 150_000 }, () => {
  let lab: Lab;
  let alice: CLIUser;
  let publisher: LabClient;

  before(async () => {
    lab = await startLab();
    alice = await cliUser(lab, lab.users.alice);
    publisher = await startClient(lab, lab.users.bob);
  });

  after(async () => {
    await publisher?.stop();
    await alice?.remove();
    await lab?.stop();
  });

  it('subscribe-mwi prints the published summary', async () => {
    const mailbox = await startClient(lab, lab.users.alice);
    const publication = messageSummaryPublication(mailbox.engine, lab.users.alice, mailbox.route);
    try {
      const succeeded = publication.once('SIPPublicationDidSucceed', { timeout: STEP_MS });
      await publication.publish(messageSummaryBody(lab.users.alice, 3, 5));
      await succeeded;
      const result = await alice.run(['subscribe-mwi', '--count', '1', '--duration', '15']);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /^subscribed to message-summary of sip:alice@example\.test$/m);
      assert.match(result.stdout, /^messages waiting: yes, account sip:alice@example\.test; voice-message 3 new, 5 old/m);
    } finally {
      await publication.end();
      await mailbox.stop();
    }
  });

  it('subscribe-rls prints the resources of the list', async () => {
    const list = `sip:alice-friends@${lab.domain}`;
    await putDocument(lab, lab.users.alice, 'rls-services', 'application/rls-services+xml', rlsServices(list, [lab.users.bob.aor, lab.users.carol.aor]));
    // A Publication, not a bare PUBLISH Request: it is ended below, so no expiry timer outlives the test.
    const presence = new Publication(publisher.engine, {
      fromHeader: `<${lab.users.bob.aor}>`,
      event: 'presence',
      contentType: 'application/pidf+xml',
      credentials: publisher.authenticator,
      routes: [publisher.route],
      duration: 600,
    });
    const succeeded = presence.once('SIPPublicationDidSucceed', { timeout: STEP_MS });
    await presence.publish(pidf(lab.users.bob.aor, 'bob via the list'));
    await succeeded;
    const result = await alice.run(['subscribe-rls', list, '--count', '1', '--duration', '15']);
    await presence.end();
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^list sip:alice-friends@example\.test \(version \d+, full state\): 2 resources$/m);
    assert.match(result.stdout, /^ {2}sip:bob@example\.test: \w+/m);
    assert.match(result.stdout, /^ {2}sip:carol@example\.test: \w+/m);
  });

  it('subscribe-xcap-diff prints a change after an XCAP PUT', async () => {
    const watching = alice.start(['subscribe-xcap-diff', '--duration', '30'], 40_000);
    await watching.waitForLine(/^subscribed to xcap-diff of sip:alice@example\.test$/);
    await putDocument(lab, lab.users.alice, 'resource-lists', 'application/resource-lists+xml', [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="work"/></resource-lists>',
      '',
    ].join('\n'));
    await watching.waitForLine(/^(created|changed) resource-lists\/users\/sip:alice@example\.test\/index: etag \S+ -> \S+$/);
    watching.child.kill('SIGINT');
    const result = await watching.result;
    assert.equal(result.code, 0, result.stderr);
  });
});
