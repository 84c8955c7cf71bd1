/**
 * Two managers for the same account, as two devices, on the lab: a change made on
 * one reaches the other through xcap-diff (the lab PUBLISHes an xcap-diff document
 * after each change, docs/lab.md); with that subscription failing, through polling;
 * and edits made at the same time on both survive (412, fetch, re-apply).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Contact, ContactURI } from '../../../src/xcap/manager/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { NotificationCenter } from '../../../src/notification/index.js';
import { eventually, reloadWhere, serverContactIds, xcapDiffFor, settled, startDevice, type Device } from './lab-manager.js';

describe('XCAPManager on two devices', { timeout: 180_000 }, () => {
  let lab: Lab;
  const devices: Device[] = [];

  before(async () => {
    lab = await startLab();
  });
  afterEach(async () => {
    for (const device of devices.splice(0)) await device.stop();
  });
  after(async () => {
    await lab?.stop();
  });

  async function device(options: Parameters<typeof startDevice>[2] = {}): Promise<Device> {
    const started = await startDevice(lab, lab.users.alice, options);
    devices.push(started);
    await settled(started.manager);
    return started;
  }

  it('a change on one device appears on the other through xcap-diff', async () => {
    const phone = await device({ pollInterval: 3_600_000 });
    const laptop = await device({ pollInterval: 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const contact = Contact.create('Via xcap-diff', [ContactURI.create('sip:diff@example.test')]);
    const seen = reloadWhere(laptop.manager, (ids) => ids.includes(contact.id));
    await phone.manager.addContact(contact);
    await seen;
    const removed = reloadWhere(phone.manager, (ids) => !ids.includes(contact.id));
    await laptop.manager.removeContact(contact);
    await removed;
  });

  it('with the xcap-diff subscription failing, a change arrives by polling', async () => {
    const phone = await device({ xcapDiff: false });
    const center = new NotificationCenter();
    const failed = center.waitFor({ name: 'SIPSubscriptionDidFail' }, { timeout: 20_000 });
    const laptop = await device({ failingSubscription: true, pollInterval: 500, center });
    assert.equal((await failed).data.code, 407);
    const contact = Contact.create('Via polling', [ContactURI.create('sip:poll@example.test')]);
    const seen = reloadWhere(laptop.manager, (ids) => ids.includes(contact.id));
    await phone.manager.addContact(contact);
    await seen;
  });

  it('a settings change that brings a new xcap-diff subscription takes effect without a restart', async () => {
    const phone = await device({ xcapDiff: false });
    const laptop = await device({ xcapDiff: false, pollInterval: 3_600_000 });
    const { engine, factory } = await xcapDiffFor(lab, lab.users.alice, laptop.center);
    try {
      const subscribed = laptop.center.waitFor({ name: 'SIPSubscriptionChangedState' }, { timeout: 15_000, predicate: (n) => n.data.state === 'active' });
      await laptop.manager.reconfigure({ xcapDiff: factory });
      await subscribed;
      const contact = Contact.create('After the settings change');
      const seen = reloadWhere(laptop.manager, (ids) => ids.includes(contact.id));
      await phone.manager.addContact(contact);
      await seen;
      await laptop.manager.reconfigure({ xcapDiff: null });
    } finally {
      await engine.stop();
    }
  });

  it('edits made at the same time on both devices both survive', async () => {
    const phone = await device();
    const laptop = await device();
    const fromPhone = Array.from({ length: 3 }, (_, i) => Contact.create(`Phone ${i}`, [ContactURI.create(`sip:phone${i}@example.test`)]));
    const fromLaptop = Array.from({ length: 3 }, (_, i) => Contact.create(`Laptop ${i}`, [ContactURI.create(`sip:laptop${i}@example.test`)]));
    let refetches = 0;
    for (const { manager } of [phone, laptop]) {
      manager.on('XCAPManagerDidChangeState', ({ data }) => {
        if (data.prevState === 'updating' && data.state === 'fetching') refetches += 1;
      });
    }
    await Promise.all([
      ...fromPhone.map((contact) => phone.manager.addContact(contact)),
      ...fromLaptop.map((contact) => laptop.manager.addContact(contact)),
    ]);
    await Promise.all([settled(phone.manager), settled(laptop.manager)]);
    const expected = [...fromPhone, ...fromLaptop].map((contact) => contact.id);
    const onServer = await serverContactIds(lab, lab.users.alice);
    for (const id of expected) assert.equal(onServer.filter((item) => item === id).length, 1, `${id} on the server once`);
    assert.ok(refetches >= 1, 'the two updates raced: one device had to fetch and re-apply');
    const all = (ids: string[]): boolean => expected.every((id) => ids.includes(id));
    await Promise.all([eventually(phone.manager, all), eventually(laptop.manager, all)]);
  });
});
