// Proves the lab's XCAP server and presence server with real tools only (curl, SIPp):
// xcap-caps, pres-rules PUT/GET with digest auth, PUBLISH of PIDF, SUBSCRIBE answered
// with active or pending NOTIFYs as the pres-rules say, presence.winfo and xcap-diff.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab, type LabUser } from '../../lab/lab.js';
import { runSipp, type SippResult } from '../../helpers/sipp.js';
import { curl } from '../../lab/curl.js';
import { presRules } from '../../lab/xcap-documents.js';

function subscribe(lab: Lab, watcher: LabUser, target: LabUser, event: string, accept: string): Promise<SippResult> {
  return runSipp({
    scenario: 'subscribe.xml',
    host: '127.0.0.1',
    port: lab.ports.sip,
    transport: 'u1',
    service: target.username,
    auth: { username: watcher.username, password: watcher.password },
    keys: { domain: lab.domain, watcher: watcher.username, event, accept },
  });
}

describe('lab presence and XCAP', { timeout: 120_000 }, () => {
  let lab: Lab;
  let presRulesUrl: string;

  before(async () => {
    lab = await startLab();
    presRulesUrl = `${lab.xcapRoot}/pres-rules/users/${lab.users.alice.aor}/index`;
  });

  after(async () => {
    await lab?.stop();
  });

  it('serves xcap-caps from the configuration', async () => {
    const response = await curl({ url: `${lab.xcapRoot}/xcap-caps/global/index` });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/xcap-caps+xml');
    assert.match(response.body, /<auid>pres-rules<\/auid>/);
    assert.match(response.body, /<auid>rls-services<\/auid>/);
  });

  it('stores alice\'s pres-rules with PUT and returns them with GET, with digest auth', async () => {
    const document = presRules(lab.users.bob.aor);
    const put = await curl({
      url: presRulesUrl,
      method: 'PUT',
      auth: lab.users.alice,
      headers: { 'Content-Type': 'application/auth-policy+xml' },
      body: document,
    });
    assert.ok(put.status === 200 || put.status === 201, `PUT answered ${put.status}: ${put.body}`);
    const etag = put.headers.get('etag');
    assert.ok(etag, 'the PUT answer carries an ETag');
    const get = await curl({ url: presRulesUrl, auth: lab.users.alice });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('etag'), etag);
    assert.equal(get.body, document);
  });

  it('refuses a wrong password (401) and another user\'s document (403)', async () => {
    const wrong = await curl({ url: presRulesUrl, auth: { username: 'alice', password: 'wrong' } });
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Digest realm="example\.test"/);
    const other = await curl({ url: presRulesUrl, auth: lab.users.bob });
    assert.equal(other.status, 403);
  });

  it('accepts alice\'s PUBLISH of a PIDF document with a SIP-ETag', async () => {
    const result = await runSipp({
      scenario: 'publish.xml',
      host: '127.0.0.1',
      port: lab.ports.sip,
      transport: 'u1',
      service: 'alice',
      auth: lab.users.alice,
      keys: { domain: lab.domain },
    });
    assert.equal(result.code, 0, `${result.errors}\n${lab.logTail()}`);
    assert.match(result.log, /etag \s*\S+/);
  });

  it('lets bob, allowed by the pres-rules, see alice\'s document in an active NOTIFY', async () => {
    const result = await subscribe(lab, lab.users.bob, lab.users.alice, 'presence', 'application/pidf+xml');
    assert.equal(result.code, 0, result.errors);
    assert.match(result.log, /notify state\s+active;expires=\d+/);
    assert.match(result.log, /<note>lab sipp<\/note>/);
    assert.match(result.log, /final state\s+terminated/);
  });

  it('keeps carol, not in the pres-rules, pending with no document', async () => {
    const result = await subscribe(lab, lab.users.carol, lab.users.alice, 'presence', 'application/pidf+xml');
    assert.equal(result.code, 0, result.errors);
    assert.match(result.log, /notify state\s+pending;expires=\d+/);
    assert.doesNotMatch(result.log, /<note>/);
  });

  it('tells alice about her watchers with presence.winfo', async () => {
    const result = await subscribe(lab, lab.users.alice, lab.users.alice, 'presence.winfo', 'application/watcherinfo+xml');
    assert.equal(result.code, 0, result.errors);
    assert.match(result.log, /notify state\s+active/);
    assert.match(result.log, /<watcherinfo[^>]*urn:ietf:params:xml:ns:watcherinfo/);
    assert.match(result.log, /sip:carol@example\.test/);
  });

  it('sends alice an xcap-diff NOTIFY about her pres-rules document', async () => {
    const result = await subscribe(lab, lab.users.alice, lab.users.alice, 'xcap-diff', 'application/xcap-diff+xml');
    assert.equal(result.code, 0, result.errors);
    assert.match(result.log, /<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"/);
    assert.match(result.log, /sel="pres-rules\/users\/sip:alice@example\.test\/index" new-etag="[^"]+"/);
  });
});
