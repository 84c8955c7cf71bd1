/**
 * The full life cycle of every operation against the lab's Kamailio xcap_server,
 * each step checked by reading the documents back with plain HTTP (curl). The lab
 * has no dialog-rules and no pres-content: those operations are journaled and
 * dropped from the documents, and the manager stays in sync.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Contact as ContactElement } from '../../../src/payloads/addressbook.js';
import { Identity, IdentityMany, IdentityOne } from '../../../src/payloads/commonpolicy.js';
import { PresRules } from '../../../src/payloads/presrules.js';
import { ResourceLists } from '../../../src/payloads/resourcelists.js';
import { RLSServices } from '../../../src/payloads/rlsservices.js';
import { PIDF } from '../../../src/payloads/pidf.js';
import {
  CatchAllCondition, Contact, ContactURI, DialoginfoPolicy, DomainCondition, EventHandling, Group, Icon, OfflineStatus, Policy,
  PresencePolicy, UserException,
} from '../../../src/xcap/manager/index.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { readDocument, settled, startDevice, type Device } from './lab-manager.js';

const OMA = 'org.openmobilealliance.pres-rules';

describe('XCAPManager life cycle on the lab', { timeout: 180_000 }, () => {
  let lab: Lab;
  let device: Device;

  before(async () => {
    lab = await startLab();
    device = await startDevice(lab, lab.users.alice);
    await settled(device.manager);
  });
  after(async () => {
    await device?.stop();
    await lab?.stop();
  });

  async function lists(): Promise<ResourceLists> {
    return ResourceLists.parse((await readDocument(lab, lab.users.alice, 'resource-lists'))!) as ResourceLists;
  }
  async function contacts(): Promise<ContactElement[]> {
    return [...((await lists()).get('sipsimple_addressbook') ?? [])].filter((item): item is ContactElement => item instanceof ContactElement);
  }
  async function rules(): Promise<PresRules> {
    return PresRules.parse((await readDocument(lab, lab.users.alice, OMA))!) as PresRules;
  }
  function ones(ruleSet: PresRules, id: string): string[] {
    const identity = ruleSet.get(id)?.conditions?.find((item): item is Identity => item instanceof Identity);
    return identity?.filter((item): item is IdentityOne => item instanceof IdentityOne).map((item) => item.id) ?? [];
  }
  async function apply(action: () => Promise<void>): Promise<void> {
    await action();
    await settled(device.manager);
  }

  const bob = new Contact('bob', 'Bob', [new ContactURI('bob-1', 'sip:bob@example.test')], new EventHandling('allow', true));
  const carol = new Contact('carol', 'Carol', [new ContactURI('carol-1', 'sip:carol@example.test')]);
  const friends = new Group('friends', 'Friends');

  it('discovers the lab server capabilities and writes the initial documents', async () => {
    const body = await readDocument(lab, lab.users.alice, 'resource-lists');
    assert.ok(body?.includes('sipsimple_addressbook'));
    assert.ok((await readDocument(lab, lab.users.alice, 'rls-services'))?.includes('sip:alice+presence@example.test'));
    assert.notEqual(await readDocument(lab, lab.users.alice, OMA), undefined);
  });

  it('contacts: add, update, remove', async () => {
    await apply(async () => {
      await device.manager.addContact(bob);
      await device.manager.addContact(carol);
    });
    assert.deepEqual((await contacts()).map((item) => item.id), ['bob', 'carol']);
    assert.deepEqual(ones(await rules(), 'wp_prs_grantedcontacts'), ['sip:bob@example.test']);
    const rls = RLSServices.parse((await readDocument(lab, lab.users.alice, 'rls-services'))!) as RLSServices;
    assert.match(JSON.stringify([...(rls.get('sip:alice+presence@example.test')?.list as Iterable<{ uri: string }>)].map((entry) => entry.uri)), /sip:bob@example.test/);
    await apply(() => device.manager.updateContact(carol, { name: 'Caroline', dialog: new EventHandling('block', false), attributes: { team: 'blue' } }));
    const caroline = (await contacts()).find((item) => item.id === 'carol')!;
    assert.equal(caroline.name, 'Caroline');
    assert.equal(caroline.dialog.policy, 'block');
    assert.deepEqual(caroline.attributes?.toRecord(), { team: 'blue' });
    await apply(() => device.manager.removeContact(carol));
    assert.deepEqual((await contacts()).map((item) => item.id), ['bob']);
  });

  it('contact URIs: add, update, remove', async () => {
    const work = new ContactURI('bob-2', 'sip:bob.work@example.test', 'work');
    await apply(() => device.manager.addContactURI(bob, work));
    assert.deepEqual((await contacts())[0]!.uris.map((uri) => uri.uri), ['sip:bob@example.test', 'sip:bob.work@example.test']);
    assert.deepEqual(ones(await rules(), 'wp_prs_grantedcontacts'), ['sip:bob@example.test', 'sip:bob.work@example.test']);
    await apply(() => device.manager.updateContactURI(bob, work, { uri: 'sip:robert@example.test' }));
    assert.equal((await contacts())[0]!.uris[1]!.uri, 'sip:robert@example.test');
    await apply(() => device.manager.removeContactURI(bob, work));
    assert.deepEqual((await contacts())[0]!.uris.map((uri) => uri.id), ['bob-1']);
  });

  it('groups and members: add, update, remove', async () => {
    await apply(async () => {
      await device.manager.addGroup(friends);
      await device.manager.addGroupMember(friends, bob);
    });
    assert.deepEqual((await lists()).get('oma_buddylist')?.list('friends')?.entryElements.map((entry) => entry.uri), ['sip:bob@example.test']);
    await apply(() => device.manager.updateGroup(friends, { name: 'Close friends' }));
    assert.equal((await lists()).get('oma_buddylist')?.list('friends')?.displayName?.value, 'Close friends');
    await apply(() => device.manager.removeGroupMember(friends, bob));
    assert.deepEqual((await lists()).get('oma_buddylist')?.list('friends')?.entryElements, []);
    await apply(() => device.manager.removeGroup(friends));
    assert.equal((await lists()).get('oma_buddylist')?.list('friends'), undefined);
  });

  it('per-URI policies and presence policies: add, update, remove', async () => {
    const spam = new Policy('spam', 'Spam', 'sip:spam@example.test', new EventHandling('block'));
    const domain = new PresencePolicy('work', 'allow', { multiIdentityConditions: [new DomainCondition('work.example.test', [new UserException('sip:boss@work.example.test')])] });
    const everyone = new PresencePolicy('rest', 'confirm', { multiIdentityConditions: [new CatchAllCondition()] });
    await apply(async () => {
      await device.manager.addPolicy(spam);
      await device.manager.addPresencePolicy(domain);
      await device.manager.addPresencePolicy(everyone);
    });
    let ruleSet = await rules();
    assert.deepEqual(ones(ruleSet, 'wp_prs_blockedcontacts'), ['sip:spam@example.test']);
    const many = ruleSet.get('work')!.conditions!.find((item): item is Identity => item instanceof Identity)![0] as IdentityMany;
    assert.equal(many.domain, 'work.example.test');
    assert.ok(ruleSet.get('rest'));
    await apply(async () => {
      await device.manager.updatePolicy(spam, { presence: new EventHandling('allow') });
      await device.manager.updatePresencePolicy(domain, { action: 'polite-block' });
    });
    ruleSet = await rules();
    assert.deepEqual(ones(ruleSet, 'wp_prs_grantedcontacts'), ['sip:bob@example.test', 'sip:spam@example.test']);
    assert.match(await readDocument(lab, lab.users.alice, OMA) ?? '', /polite-block/);
    await apply(async () => {
      await device.manager.removePolicy(spam);
      await device.manager.removePresencePolicy(domain);
      await device.manager.removePresencePolicy(everyone);
    });
    ruleSet = await rules();
    assert.deepEqual([...ruleSet].map((rule) => rule.id), ['wp_prs_grantedcontacts']);
  });

  it('offline status: set and clear (pidf-manipulation)', async () => {
    const pidf = PIDF.parse(`<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${lab.users.alice.aor}"><note>gone fishing</note></presence>`) as PIDF;
    await apply(() => device.manager.setOfflineStatus(new OfflineStatus(pidf)));
    assert.match((await readDocument(lab, lab.users.alice, 'pidf-manipulation'))!, /gone fishing/);
    await apply(() => device.manager.setOfflineStatus(null));
    assert.equal(await readDocument(lab, lab.users.alice, 'pidf-manipulation'), undefined);
  });

  it('dialog policies and the status icon, which this server lacks: journaled, left out, still in sync', async () => {
    await apply(async () => {
      await device.manager.addDialoginfoPolicy(DialoginfoPolicy.create('allow', { identities: ['sip:bob@example.test'] }));
      await device.manager.setStatusIcon(new Icon(Buffer.from('GIF89a'), 'image/gif'));
    });
    assert.equal(device.manager.pendingOperations.length, 0);
    assert.equal(device.manager.state, 'insync');
  });
});
