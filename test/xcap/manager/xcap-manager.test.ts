/**
 * XCAPManager against the in-test XCAP server: states and notifications, every
 * operation read back from the server's documents, transactions, the cache (304),
 * the journal across restarts, 412 with re-application, back-off while the server
 * is down, polling, and servers lacking the optional applications.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { PIDF } from '../../../src/payloads/pidf.js';
import { ResourceLists } from '../../../src/payloads/resourcelists.js';
import { Contact as ContactElement } from '../../../src/payloads/addressbook.js';
import { RLSServices } from '../../../src/payloads/rlsservices.js';
import { PresRules } from '../../../src/payloads/presrules.js';
import { DialogRules } from '../../../src/payloads/dialogrules.js';
import { PresenceContent } from '../../../src/payloads/prescontent.js';
import { Identity, IdentityMany, IdentityOne } from '../../../src/payloads/commonpolicy.js';
import { ParserError } from '../../../src/errors.js';
import { MemoryXCAPStorage } from '../../../src/storage/index.js';
import {
  CatchAllCondition, Contact, ContactURI, DialoginfoPolicy, DomainCondition, DomainException, EventHandling, Group, Icon,
  OfflineStatus, Policy, backOffDelay, parseXCAPDiffChanges, PresencePolicy, UserException, XCAPManagerError, XCAPManagerStorageError, type XCAPManager,
  type XCAPManagerReloadData,
} from '../../../src/xcap/manager/index.js';
import { AOR, createManager, settled, synced } from './fixture.js';
import { XCAPTestServer } from './xcap-test-server.js';

const OMA = 'org.openmobilealliance.pres-rules';

function resourceLists(server: XCAPTestServer): ResourceLists {
  return ResourceLists.parse(server.body('resource-lists', AOR)!) as ResourceLists;
}

function addressbookContacts(server: XCAPTestServer): ContactElement[] {
  return [...(resourceLists(server).get('sipsimple_addressbook') ?? [])].filter((item): item is ContactElement => item instanceof ContactElement);
}

function presRules(server: XCAPTestServer, auid = OMA): PresRules {
  return PresRules.parse(server.body(auid, AOR)!) as PresRules;
}

function identitiesOf(rules: PresRules | DialogRules, id: string): string[] {
  const rule = rules.get(id);
  const identity = rule?.conditions?.find((item): item is Identity => item instanceof Identity);
  return identity?.filter((item): item is IdentityOne => item instanceof IdentityOne).map((item) => item.id) ?? [];
}

describe('XCAPManager', () => {
  let server: XCAPTestServer;
  const managers: XCAPManager[] = [];

  before(async () => {
    server = new XCAPTestServer();
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.documents.clear();
    server.requests.length = 0;
    server.down = false;
    server.beforeRequest = undefined;
    server.serveCapabilities = true;
    server.auids = ['xcap-caps', 'resource-lists', 'rls-services', OMA, 'pres-rules', 'org.openxcap.dialog-rules', 'org.openmobilealliance.pres-content', 'pidf-manipulation'];
  });
  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.stop();
  });

  async function started(options: Parameters<typeof createManager>[1] = {}) {
    const created = await createManager(server, options);
    managers.push(created.manager);
    await created.manager.start();
    await settled(created.manager);
    return created;
  }

  it('goes through the states and posts its notifications on start and stop', async () => {
    const { manager, center } = await createManager(server);
    const names: string[] = [];
    const states: string[] = [];
    center.addObserver((notification) => {
      names.push(notification.name);
      if (notification.name === 'XCAPManagerDidChangeState') states.push((notification.data as { state: string }).state);
    }, { sender: manager });
    const caps = manager.once('XCAPManagerDidDiscoverServerCapabilities');
    await manager.start();
    await settled(manager);
    const capabilities = (await caps).data;
    assert.ok(capabilities.auids.includes('resource-lists'));
    assert.equal(capabilities.contactlistSupported, true);
    assert.equal(capabilities.statusIconSupported, true);
    await manager.stop();
    assert.deepEqual(states, ['initializing', 'fetching', 'updating', 'insync', 'stopping', 'stopped']);
    assert.deepEqual(
      names.filter((name) => name !== 'XCAPManagerDidChangeState'),
      ['XCAPManagerWillStart', 'XCAPManagerDidStart', 'XCAPManagerDidDiscoverServerCapabilities', 'XCAPManagerDidReloadData', 'XCAPManagerWillEnd', 'XCAPManagerDidEnd'],
    );
    assert.ok(server.body('resource-lists', AOR)?.includes('sipsimple_addressbook'));
    assert.ok(server.body('rls-services', AOR)?.includes('sip:alice+presence@example.com'));
  });

  it('refuses start() before load() and a status icon of another type', async () => {
    const { XCAPManager } = await import('../../../src/xcap/manager/index.js');
    const { XCAPClient } = await import('../../../src/xcap/client.js');
    const manager = new XCAPManager({ aor: AOR, client: new XCAPClient({ root: server.root, xui: AOR }), storage: new MemoryXCAPStorage() });
    await assert.rejects(manager.start(), XCAPManagerError);
    await manager.load();
    await assert.rejects(manager.setStatusIcon(new Icon(Buffer.from('x'), 'image/bmp')), /image\/bmp/);
  });

  it('adds, updates and removes contacts, contact URIs, groups and members', async () => {
    const { manager } = await started();
    const bob = new Contact('bob', 'Bob', [new ContactURI('b1', 'sip:bob@example.com')], new EventHandling('allow', true));
    const carol = new Contact('carol', 'Carol', [new ContactURI('c1', 'sip:carol@example.com')]);
    const friends = new Group('friends', 'Friends');
    await synced(manager, async () => {
      await manager.addContact(bob);
      await manager.addContact(carol);
      await manager.addGroup(friends);
      await manager.addGroupMember(friends, bob);
    });
    let contacts = addressbookContacts(server);
    assert.deepEqual(contacts.map((contact) => contact.id), ['bob', 'carol']);
    assert.deepEqual(identitiesOf(presRules(server), 'wp_prs_grantedcontacts'), ['sip:bob@example.com']);
    const buddies = resourceLists(server).get('oma_buddylist')!;
    assert.deepEqual(buddies.list('friends')?.entryElements.map((entry) => entry.uri), ['sip:bob@example.com']);
    const rls = RLSServices.parse(server.body('rls-services', AOR)!) as RLSServices;
    assert.match(server.body('rls-services', AOR)!, /sip:bob@example.com/);
    assert.equal(rls.get('sip:alice+presence@example.com')?.packages?.[0], 'presence');

    const work = new ContactURI('b2', 'sip:bob@work.example.com', 'work');
    await synced(manager, async () => {
      await manager.updateContact(bob, { name: 'Robert', attributes: { note: 'old friend' }, presence: new EventHandling('block', false) });
      await manager.addContactURI(bob, work);
      await manager.updateContactURI(bob, work, { uri: 'sip:robert@work.example.com' });
      await manager.updateGroup(friends, { name: 'Best friends' });
    });
    contacts = addressbookContacts(server);
    const robert = contacts.find((contact) => contact.id === 'bob')!;
    assert.equal(robert.name, 'Robert');
    assert.equal(robert.attributes?.toRecord().note, 'old friend');
    assert.deepEqual(robert.uris.map((uri) => uri.uri), ['sip:bob@example.com', 'sip:robert@work.example.com']);
    assert.deepEqual(identitiesOf(presRules(server), 'wp_prs_blockedcontacts'), ['sip:bob@example.com', 'sip:robert@work.example.com']);
    assert.equal(presRules(server).get('wp_prs_grantedcontacts'), undefined);
    assert.equal(resourceLists(server).get('oma_buddylist')!.list('friends')?.displayName?.value, 'Best friends');

    await synced(manager, async () => {
      await manager.removeContactURI(bob, work);
      await manager.removeGroupMember(friends, bob);
      await manager.removeContact(carol);
    });
    contacts = addressbookContacts(server);
    assert.deepEqual(contacts.map((contact) => contact.id), ['bob']);
    assert.deepEqual(contacts[0]!.uris.map((uri) => uri.id), ['b1']);
    assert.deepEqual(manager.addressbook.groups[0]!.contacts, []);
    await synced(manager, () => manager.removeGroup(friends));
    assert.deepEqual(manager.addressbook.groups, []);
  });

  it('keeps per-URI policies, presence policies with domain and catch-all conditions, and dialog policies', async () => {
    const { manager } = await started();
    const spammer = new Policy('p1', 'Spammer', 'sip:spam@example.net', new EventHandling('block'), new EventHandling('block'));
    const domain = new PresencePolicy('colleagues', 'allow', { multiIdentityConditions: [new DomainCondition('work.example.com', [new UserException('sip:boss@work.example.com')])] });
    const everyone = new PresencePolicy('everyone', 'polite-block', { multiIdentityConditions: [new CatchAllCondition([new DomainException('example.com')])] });
    const dialog = new DialoginfoPolicy('d1', 'confirm', { identities: ['sip:bob@example.com'] });
    let reload: XCAPManagerReloadData | undefined;
    manager.on('XCAPManagerDidReloadData', (notification) => {
      reload = notification.data;
    });
    await synced(manager, async () => {
      await manager.addPolicy(spammer);
      await manager.addPresencePolicy(domain);
      await manager.addPresencePolicy(everyone);
      await manager.addDialoginfoPolicy(dialog);
    });
    const rules = presRules(server);
    assert.deepEqual(identitiesOf(rules, 'wp_prs_blockedcontacts'), ['sip:spam@example.net']);
    const many = rules.get('colleagues')!.conditions!.find((item): item is Identity => item instanceof Identity)![0] as IdentityMany;
    assert.equal(many.domain, 'work.example.com');
    assert.equal(many.matches('sip:boss@work.example.com'), false);
    assert.equal(many.matches('sip:eve@work.example.com'), true);
    assert.match(server.body(OMA, AOR)!, /polite-block/);
    const dialogRules = DialogRules.parse(server.body('org.openxcap.dialog-rules', AOR)!) as DialogRules;
    assert.deepEqual(identitiesOf(dialogRules, 'd1'), ['sip:bob@example.com']);
    assert.deepEqual(identitiesOf(dialogRules, 'sipsimple_dialog_block'), ['sip:spam@example.net']);
    assert.deepEqual(reload!.presenceRules.policies.map((policy) => policy.id), ['colleagues', 'everyone']);
    assert.equal(reload!.presenceRules.policies[1]!.multiIdentityConditions![0]!.kind, 'catch-all');
    assert.deepEqual(reload!.addressbook.policies.map((policy) => policy.uri), ['sip:spam@example.net']);

    await synced(manager, async () => {
      await manager.updatePolicy(spammer, { presence: new EventHandling('allow') });
      await manager.updatePresencePolicy(domain, { action: 'block' });
      await manager.removePresencePolicy(everyone);
      await manager.updateDialoginfoPolicy(dialog, { action: 'allow' });
    });
    assert.deepEqual(identitiesOf(presRules(server), 'wp_prs_grantedcontacts'), ['sip:spam@example.net']);
    assert.equal(reload!.presenceRules.policies.map((policy) => `${policy.id}:${policy.action}`).join(), 'colleagues:block');
    assert.equal(reload!.dialogRules.policies[0]!.action, 'allow');
    await synced(manager, async () => {
      await manager.removePolicy(spammer);
      await manager.removeDialoginfoPolicy(dialog);
    });
    assert.equal(presRules(server).get('wp_prs_grantedcontacts'), undefined);
    assert.deepEqual(reload!.dialogRules.policies, []);
  });

  it('ignores contacts added to the OMA reserved rules and keeps the standard rules from removal', async () => {
    const { manager } = await started();
    const own = new PresencePolicy('wp_prs_allow_own', 'allow', { identities: ['sip:eve@example.com'] });
    const unlisted = new PresencePolicy('wp_prs_unlisted', 'confirm');
    await synced(manager, async () => {
      await manager.addPresencePolicy(own);
      await manager.addPresencePolicy(unlisted);
      await manager.addPresencePolicy(new PresencePolicy('wp_prs_grantedcontacts', 'block', { identities: ['sip:eve@example.com'] }));
    });
    assert.deepEqual(identitiesOf(presRules(server), 'wp_prs_allow_own'), []);
    assert.equal(presRules(server).get('wp_prs_grantedcontacts'), undefined);
    await synced(manager, () => manager.removePresencePolicy(unlisted));
    assert.notEqual(presRules(server).get('wp_prs_unlisted'), undefined);
    const reload = manager.once('XCAPManagerDidReloadData');
    await manager.updateContact(new Contact('nobody', 'x'), { name: 'y' });
    assert.equal((await reload).data.presenceRules.defaultPolicy, 'confirm');
  });

  it('sets and clears the status icon and the offline status', async () => {
    const { manager } = await started();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const pidf = PIDF.parse('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><note>away</note></presence>') as PIDF;
    let reload: XCAPManagerReloadData | undefined;
    manager.on('XCAPManagerDidReloadData', (notification) => {
      reload = notification.data;
    });
    await synced(manager, async () => {
      await manager.setStatusIcon(new Icon(png, 'image/png', 'me'));
      await manager.setOfflineStatus(new OfflineStatus(pidf));
    });
    const content = PresenceContent.parse(server.body('org.openmobilealliance.pres-content', AOR, 'oma_status-icon/index')!) as PresenceContent;
    assert.deepEqual(content.bytes, png);
    assert.equal(content.mimeType, 'image/png');
    assert.match(server.body('pidf-manipulation', AOR)!, /away/);
    assert.deepEqual(reload!.statusIcon?.data, png);
    assert.match(reload!.statusIcon!.location!, /org\.openmobilealliance\.pres-content\/users\/.*oma_status-icon\/index$/);
    assert.match(reload!.offlineStatus!.pidf.toXML(), /away/);
    await synced(manager, async () => {
      await manager.setStatusIcon(null);
      await manager.setOfflineStatus(null);
    });
    assert.equal(server.body('org.openmobilealliance.pres-content', AOR, 'oma_status-icon/index'), undefined);
    assert.equal(server.body('pidf-manipulation', AOR), undefined);
    assert.equal(reload!.statusIcon, undefined);
    assert.equal(reload!.offlineStatus, undefined);
  });

  it('batches a transaction into one update, in both forms', async () => {
    const { manager } = await started();
    const puts = server.count('PUT', '/xcap-root/resource-lists/');
    await synced(manager, async () => {
      manager.startTransaction();
      await manager.addContact(Contact.create('A', [ContactURI.create('sip:a@example.com')]));
      await manager.addContact(Contact.create('B', [ContactURI.create('sip:b@example.com')]));
      assert.equal(manager.pendingOperations.length, 0, 'queued, not journaled, until commit');
      await manager.commitTransaction();
    });
    assert.equal(server.count('PUT', '/xcap-root/resource-lists/'), puts + 1);
    await synced(manager, () =>
      manager.transaction(async () => {
        const group = Group.create('G');
        await manager.addGroup(group);
        await manager.addContact(Contact.create('C'));
        await manager.updateGroup(group, { name: 'H' });
      }),
    );
    assert.equal(server.count('PUT', '/xcap-root/resource-lists/'), puts + 2);
    assert.deepEqual(manager.addressbook.groups.map((group) => group.name), ['H']);
    assert.equal(addressbookContacts(server).length, 3);
    await manager.commitTransaction();
  });

  it('downloads nothing unchanged after a restart: conditional GETs get 304', async () => {
    const first = await started();
    await synced(first.manager, () => first.manager.addContact(Contact.create('A')));
    await first.manager.stop();
    managers.length = 0;
    server.requests.length = 0;
    const second = await createManager(server, { storage: first.storage });
    managers.push(second.manager);
    await second.manager.start();
    await settled(second.manager);
    const gets = server.requests.filter((request) => request.method === 'GET' && !request.path.includes('xcap-caps'));
    assert.ok(gets.length >= 3);
    for (const request of gets.filter((item) => !item.path.includes('pres-content') && !item.path.includes('pidf-manipulation'))) {
      assert.equal(request.status, 304, `${request.path} answered ${request.status}`);
      assert.ok(request.ifNoneMatch);
    }
    assert.equal(server.count('PUT'), 0);
  });

  it('keeps operations in the journal across a restart and applies them when the server answers', async () => {
    server.down = true;
    const first = await createManager(server);
    await first.manager.start();
    const contact = Contact.create('Queued', [ContactURI.create('sip:queued@example.com')]);
    await first.manager.addContact(contact);
    assert.equal(first.manager.pendingOperations.length, 1);
    await first.manager.stop();
    server.down = false;
    const second = await createManager(server, { storage: first.storage });
    managers.push(second.manager);
    assert.equal(second.manager.pendingOperations.length, 1);
    await second.manager.start();
    await settled(second.manager);
    assert.deepEqual(addressbookContacts(server).map((item) => item.id), [contact.id]);
  });

  it('retries with back-off while the server is down and lands the queued operations when it returns', async () => {
    const { manager } = await started();
    server.down = true;
    const failuresBefore = server.requests.filter((request) => request.status === 503).length;
    const contacts = [Contact.create('One'), Contact.create('Two')];
    for (const contact of contacts) await manager.addContact(contact);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const failed = server.requests.filter((request) => request.status === 503).length - failuresBefore;
    assert.ok(failed >= 2, `retried ${failed} times`);
    assert.ok(manager.consecutiveFailures >= 2);
    assert.equal(manager.pendingOperations.length, 2);
    server.down = false;
    await settled(manager);
    assert.deepEqual(addressbookContacts(server).map((item) => item.id), contacts.map((contact) => contact.id));
  });

  it('doubles the retry delay per failure up to the maximum', () => {
    const retry = { initial: 100, max: 1000 };
    assert.deepEqual([1, 2, 3, 4, 5, 40].map((failures) => backOffDelay(retry, failures)), [100, 200, 400, 800, 1000, 1000]);
  });

  it('re-applies the journal on top of a remote change after a 412', async () => {
    const { manager } = await started();
    const remote = Contact.create('Remote');
    let raced = false;
    server.beforeRequest = (method, path) => {
      if (raced || method !== 'PUT' || !path.includes('/resource-lists/')) return;
      raced = true;
      const lists = resourceLists(server);
      lists.get('sipsimple_addressbook')!.push(new ContactElement(remote.id, remote.name));
      server.setDocument('resource-lists', AOR, lists.toXML());
    };
    const local = Contact.create('Local');
    await synced(manager, () => manager.addContact(local));
    assert.ok(server.requests.some((request) => request.method === 'PUT' && request.status === 412));
    assert.deepEqual(addressbookContacts(server).map((item) => item.id).sort(), [local.id, remote.id].sort());
  });

  it('reports its own update when a fetch asked for during the update finds nothing new', async () => {
    const { manager } = await started();
    server.beforeRequest = (method, path) => {
      if (method === 'PUT' && path.includes('/resource-lists/')) manager.refresh();
    };
    const contact = Contact.create('Reported');
    const reload = manager.once('XCAPManagerDidReloadData', { timeout: 3000 });
    await manager.addContact(contact);
    assert.deepEqual((await reload).data.addressbook.contacts.map((item) => item.id), [contact.id]);
  });

  it('polls when there is no xcap-diff subscription and picks up remote changes', async () => {
    const { manager } = await started({ pollInterval: 30 });
    const lists = resourceLists(server);
    lists.get('sipsimple_addressbook')!.push(new ContactElement('elsewhere', 'Added elsewhere'));
    const reload = manager.once('XCAPManagerDidReloadData', { timeout: 3000 });
    server.setDocument('resource-lists', AOR, lists.toXML());
    assert.deepEqual((await reload).data.addressbook.contacts.map((contact) => contact.id), ['elsewhere']);
  });

  it('works with a server lacking the optional applications, and uses IETF pres-rules without the OMA ones', async () => {
    server.auids = ['xcap-caps', 'resource-lists', 'rls-services', 'pres-rules'];
    const caps = await createManager(server);
    managers.push(caps.manager);
    const discovered = caps.manager.once('XCAPManagerDidDiscoverServerCapabilities');
    await caps.manager.start();
    const { data } = await discovered;
    assert.deepEqual([data.contactlistSupported, data.presencePoliciesSupported, data.dialoginfoPoliciesSupported, data.statusIconSupported, data.offlineStatusSupported], [true, true, false, false, false]);
    const manager = caps.manager;
    await settled(manager);
    await synced(manager, async () => {
      await manager.addContact(new Contact('x', 'X', [new ContactURI('x1', 'sip:x@example.com')], new EventHandling('allow')));
      await manager.setStatusIcon(new Icon(Buffer.from('gif'), 'image/gif'));
      await manager.addDialoginfoPolicy(DialoginfoPolicy.create('block', { identities: ['sip:y@example.com'] }));
    });
    assert.deepEqual(identitiesOf(presRules(server, 'pres-rules'), 'wp_prs_grantedcontacts'), ['sip:x@example.com']);
    assert.equal(server.body(OMA, AOR), undefined);
    assert.equal(server.count('PUT', '/xcap-root/org.openmobilealliance.pres-content/'), 0);
    assert.equal(server.count('PUT', '/xcap-root/org.openxcap.dialog-rules/'), 0);
  });

  it('keeps what other clients wrote in the documents', async () => {
    server.setDocument('resource-lists', AOR, '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="other"><entry uri="sip:z@example.com"/></list></resource-lists>');
    server.setDocument(OMA, AOR, '<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:ocp="urn:oma:xml:xdm:common-policy" xmlns="urn:ietf:params:xml:ns:pres-rules"><cr:rule id="theirs"><cr:conditions><ocp:external-list><ocp:entry anc="http://x/list"/></ocp:external-list></cr:conditions><cr:actions><sub-handling>allow</sub-handling></cr:actions></cr:rule></cr:ruleset>');
    const { manager } = await started();
    await synced(manager, () => manager.addContact(new Contact('q', 'Q', [new ContactURI('q1', 'sip:q@example.com')], new EventHandling('allow'))));
    assert.deepEqual(resourceLists(server).get('other')?.entryElements.map((entry) => entry.uri), ['sip:z@example.com']);
    assert.match(server.body(OMA, AOR)!, /external-list/);
    assert.deepEqual(identitiesOf(presRules(server), 'wp_prs_grantedcontacts'), ['sip:q@example.com']);
  });

  it('never overwrites a document that does not parse, nor those derived from it, and keeps the journal', async () => {
    const broken = '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="x"><entry/></list></resource-lists>';
    server.setDocument('resource-lists', AOR, broken);
    const { manager } = await createManager(server, { pollInterval: 50 });
    managers.push(manager);
    const reloaded = manager.once('XCAPManagerDidReloadData', { timeout: 5000 });
    await manager.start();
    await manager.addContact(Contact.create('Waits'));
    await reloaded;
    assert.equal(server.body('resource-lists', AOR), broken);
    assert.equal(server.body('rls-services', AOR), undefined);
    assert.equal(server.body(OMA, AOR), undefined);
    assert.equal(manager.pendingOperations.length, 1);
    const fixed = manager.once('XCAPManagerDidReloadData', { timeout: 5000 });
    server.setDocument('resource-lists', AOR, '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>');
    await manager.addContact(Contact.create('Second'));
    await fixed;
    await settled(manager);
    assert.equal(addressbookContacts(server).length, 2);
  });

  it('assumes every application when the server has no xcap-caps', async () => {
    server.serveCapabilities = false;
    const { manager } = await createManager(server);
    managers.push(manager);
    const discovered = manager.once('XCAPManagerDidDiscoverServerCapabilities');
    await manager.start();
    assert.equal((await discovered).data.offlineStatusSupported, true);
    await settled(manager);
  });

  it('goes back to initializing with a new client (settings changed) and rediscovers the server', async () => {
    const { manager } = await started();
    const { XCAPClient } = await import('../../../src/xcap/client.js');
    const states: string[] = [];
    manager.on('XCAPManagerDidChangeState', ({ data }) => states.push(data.state));
    const discovered = manager.once('XCAPManagerDidDiscoverServerCapabilities', { timeout: 5000 });
    await manager.reconfigure({ client: new XCAPClient({ root: server.root, xui: AOR }) });
    await discovered;
    await settled(manager);
    assert.deepEqual(states.slice(0, 2), ['initializing', 'fetching']);
  });

  it('reads the documents an xcap-diff NOTIFY names, and refuses a body that is not xcap-diff', () => {
    const changes = parseXCAPDiffChanges(
      '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="http://127.0.0.1:15064/xcap-root"><document sel="resource-lists/users/sip:alice@example.test/index" new-etag="b" previous-etag="a"/></xcap-diff>',
    );
    assert.deepEqual(changes, [{ selector: 'resource-lists/users/sip:alice@example.test/index', auid: 'resource-lists', newEtag: 'b', previousEtag: 'a' }]);
    assert.throws(() => parseXCAPDiffChanges('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>'), ParserError);
  });

  it('reports a corrupt journal in storage with a typed error', async () => {
    const storage = new MemoryXCAPStorage();
    await storage.save('journal', '[{"id":"1","operation":{"type":"drop-table"}}]');
    await assert.rejects(createManager(server, { storage }), XCAPManagerStorageError);
    await storage.save('journal', '{oops');
    await assert.rejects(createManager(server, { storage }), XCAPManagerStorageError);
  });
});
