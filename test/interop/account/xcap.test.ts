// Alice's account with XCAP on, through SIPApplication against the lab's Kamailio (xcap_server
// and presence with xcap-diff): the account's XCAPManager reaches insync; a contact added through
// account.xcapManager is on the server (read back with curl); a change made by another device
// reaches the account's manager through its xcap-diff subscription; a changed xcap.xcapRoot
// restarts the manager, and operations queued meanwhile land once the root answers again;
// disabling the account stops the manager.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Account } from '../../../src/account/index.js';
import { Contact, ContactURI, XCAPManager } from '../../../src/xcap/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { eventually, serverContactIds, settled, startDevice } from '../xcap-manager/lab-manager.js';
import { startLabApplication, STEP_MS, type LabApplication } from './lab-application.js';

/** A root where nothing answers (connections to port 1 of loopback are refused). */
const DEAD_ROOT = 'http://127.0.0.1:1/xcap-root';

describe('an account\'s XCAP manager on the lab', { timeout: 180_000 }, () => {
  let lab: Lab;
  let alice: LabApplication;
  let manager: XCAPManager;

  before(async () => {
    lab = await startLab();
    alice = await startLabApplication(lab, lab.users.alice, (account) => {
      account.xcap.enabled = true;
      account.setSettingFromString('xcap.xcapRoot', lab.xcapRoot);
    });
    manager = await managerOf(alice.account);
  });
  after(async () => {
    await alice?.stop();
    await lab?.stop();
  });

  /** The account's manager, once it exists. */
  async function managerOf(account: Account): Promise<XCAPManager> {
    if (account.xcapManager !== undefined) return account.xcapManager;
    return (await alice.next('SIPAccountDidDiscoverXCAPSupport')).data.xcapManager;
  }

  /** The next state change of the manager into `state`. */
  function reaches(state: XCAPManager['state']): Promise<unknown> {
    return alice.center.waitFor({ name: 'XCAPManagerDidChangeState', sender: manager }, { timeout: STEP_MS, predicate: (n) => n.data.state === state });
  }

  it('starts the manager with the account; it reaches insync with the lab', async () => {
    assert.ok(manager instanceof XCAPManager);
    assert.equal(alice.account.xcapRoot, lab.xcapRoot);
    await settled(manager);
    assert.equal(manager.state, 'insync');
  });

  it('puts a contact added through account.xcapManager on the server', async () => {
    const bob = new Contact('bob', 'Bob', [new ContactURI('bob-1', lab.users.bob.aor)]);
    await manager.addContact(bob);
    await settled(manager);
    assert.deepEqual(await serverContactIds(lab, lab.users.alice), ['bob']);
  });

  it('learns of a change made by another device through the account\'s xcap-diff subscription', async () => {
    // The other device does not subscribe, and the account's manager would only poll every
    // 2 minutes: seeing the change within the step means the account's NOTIFY arrived.
    const device = await startDevice(lab, lab.users.alice, { xcapDiff: false });
    try {
      await settled(device.manager);
      await device.manager.addContact(new Contact('dave', 'Dave', [new ContactURI('dave-1', 'sip:dave@example.test')]));
      await settled(device.manager);
      const ids = await eventually(manager, (contacts) => contacts.includes('dave'), STEP_MS);
      assert.deepEqual([...ids].sort(), ['bob', 'dave']);
    } finally {
      await device.stop();
    }
  });

  it('restarts the manager when xcap.xcapRoot changes; operations made meanwhile land once the root answers', async () => {
    const initializing = reaches('initializing');
    alice.account.setSettingFromString('xcap.xcapRoot', DEAD_ROOT);
    await alice.account.save();
    await initializing;
    assert.equal(alice.account.xcapManager, manager);
    assert.equal(alice.account.xcapRoot, DEAD_ROOT);

    await manager.addContact(new Contact('carol', 'Carol', [new ContactURI('carol-1', 'sip:carol@example.test')]));
    assert.equal(manager.pendingOperations.length, 1);
    assert.equal(manager.state, 'initializing');

    const discovered = alice.next('SIPAccountDidDiscoverXCAPSupport');
    alice.account.setSettingFromString('xcap.xcapRoot', lab.xcapRoot);
    await alice.account.save();
    assert.equal((await discovered).data.xcapRoot, lab.xcapRoot);
    await settled(manager);
    assert.deepEqual((await serverContactIds(lab, lab.users.alice)).sort(), ['bob', 'carol', 'dave']);
  });

  it('stops the manager when the account is disabled', async () => {
    const ended = alice.center.waitFor({ name: 'XCAPManagerDidEnd', sender: manager }, { timeout: STEP_MS });
    const deactivated = alice.next('SIPAccountDidDeactivate');
    alice.account.enabled = false;
    await alice.account.save();
    await Promise.all([ended, deactivated]);
    assert.equal(manager.state, 'stopped');
  });
});
