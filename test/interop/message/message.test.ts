// MESSAGE (RFC 3428) from alice to bob through the lab's Kamailio (digest-authenticated,
// relayed to bob's registered contact), and bob's reply; a type bob did not declare gets 415.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials } from '../../../src/core/auth/index.js';
import { Message } from '../../../src/core/primitives/message.js';
import { MessageHandler } from '../../../src/core/primitives/message-handler.js';
import { Registration } from '../../../src/core/primitives/registration.js';
import { startLab, type Lab, type LabUser } from '../../lab/lab.js';
import { startSDKClient, STEP_TIMEOUT_MS, type LabSDKClient } from '../register/sdk-client.js';

interface Party {
  user: LabUser;
  client: LabSDKClient;
  registration: Registration;
  handler: MessageHandler;
  credentials: Credentials;
}

async function startParty(lab: Lab, user: LabUser): Promise<Party> {
  const client = await startSDKClient(lab, 'udp');
  const credentials = new Credentials(user.username, user.password);
  const handler = new MessageHandler(client.engine, ['text/plain']);
  handler.start();
  const registration = new Registration(client.engine, {
    fromHeader: `<${user.aor}>`,
    contactHeaders: [client.contact(user)],
    credentials,
    routes: [client.route],
  });
  const succeeded = registration.once('SIPRegistrationDidSucceed', { timeout: STEP_TIMEOUT_MS });
  await registration.register();
  await succeeded;
  return { user, client, registration, handler, credentials };
}

function send(from: Party, to: Party, contentType: string, body: string): Message {
  return new Message(from.client.engine, {
    fromHeader: `"${from.user.username}" <${from.user.aor}>`,
    toHeader: `<${to.user.aor}>`,
    contentType,
    body,
    credentials: from.credentials,
    routes: [from.client.route],
  });
}

describe('MESSAGE through Kamailio', () => {
  let lab: Lab;
  let alice: Party;
  let bob: Party;
  before(async () => {
    lab = await startLab();
    alice = await startParty(lab, lab.users.alice);
    bob = await startParty(lab, lab.users.bob);
  });
  after(async () => {
    for (const party of [alice, bob]) {
      if (party === undefined) continue;
      await party.registration.end();
      party.handler.stop();
      await party.client.stop();
    }
    await lab?.stop();
  });

  it('alice writes to bob, bob replies', async () => {
    const bobGot = bob.client.engine.once('SIPEngineGotMessage', { timeout: STEP_TIMEOUT_MS });
    const toBob = send(alice, bob, 'text/plain', 'Hello Bob');
    const delivered = toBob.once('SIPMessageDidSucceed', { timeout: STEP_TIMEOUT_MS });
    await toBob.send(STEP_TIMEOUT_MS / 1000);
    assert.equal((await delivered).data.code, 200);
    const incoming = (await bobGot).data;
    assert.equal(incoming.fromHeader.uri.toString(), alice.user.aor);
    assert.equal(incoming.fromHeader.displayName, 'alice');
    assert.equal(incoming.contentType, 'text/plain');
    assert.equal(incoming.body.toString(), 'Hello Bob');

    const aliceGot = alice.client.engine.once('SIPEngineGotMessage', { timeout: STEP_TIMEOUT_MS });
    const reply = send(bob, alice, 'text/plain', 'Hi Alice');
    const replied = reply.once('SIPMessageDidSucceed', { timeout: STEP_TIMEOUT_MS });
    await reply.send(STEP_TIMEOUT_MS / 1000);
    assert.equal((await replied).data.code, 200);
    const answer = (await aliceGot).data;
    assert.equal(answer.fromHeader.uri.toString(), bob.user.aor);
    assert.equal(answer.body.toString(), 'Hi Alice');
  });

  it('a content type bob did not declare comes back as 415 with his Accept', async () => {
    const message = send(alice, bob, 'application/json', '{"hello":"bob"}');
    const failed = message.once('SIPMessageDidFail', { timeout: STEP_TIMEOUT_MS });
    await message.send(STEP_TIMEOUT_MS / 1000);
    const data = (await failed).data;
    assert.equal(data.code, 415);
    assert.deepEqual(data.response?.getHeaders('Accept'), ['text/plain']);
  });
});
