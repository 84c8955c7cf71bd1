/**
 * The XCAP server stopped while operations are queued (Kamailio's process group
 * ended, as test/lab/lib.sh does): the operations wait in the journal, the manager
 * retries with growing delays, and they land once `lab.restart()` brings it back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { Contact, ContactURI } from '../../../src/xcap/manager/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { serverContactIds, settled, startDevice, type Device } from './lab-manager.js';

const labScripts = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lab');

/** Ends the lab's Kamailio (only the process group this test's lab started), keeping its folder for `restart()`. */
async function stopKamailio(lab: Lab): Promise<void> {
  await promisify(execFile)('bash', ['-c', 'source "$0/lib.sh" && lab_stop_kamailio "$1"', labScripts, lab.dir]);
}

describe('XCAPManager with the server down', { timeout: 180_000 }, () => {
  let lab: Lab;
  let device: Device;

  before(async () => {
    lab = await startLab();
    device = await startDevice(lab, lab.users.alice, { xcapDiff: false });
    await settled(device.manager);
  });
  after(async () => {
    await device?.stop();
    await lab?.stop();
  });

  it('queues operations while the server is down, retries with back-off, and lands them when it returns', async () => {
    await stopKamailio(lab);
    const contacts = [Contact.create('While down 1', [ContactURI.create('sip:down1@example.test')]), Contact.create('While down 2')];
    for (const contact of contacts) await device.manager.addContact(contact);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(device.manager.pendingOperations.length, 2, 'the operations wait in the journal');
    assert.notEqual(device.manager.state, 'insync');
    assert.ok(device.manager.consecutiveFailures >= 2, `failed ${device.manager.consecutiveFailures} times in a row`);
    await lab.restart();
    await settled(device.manager, 30_000);
    const onServer = await serverContactIds(lab, lab.users.alice);
    for (const contact of contacts) assert.equal(onServer.filter((id) => id === contact.id).length, 1);
  });
});
