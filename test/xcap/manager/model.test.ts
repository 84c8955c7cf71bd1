/**
 * The model objects of the manager: policy validity (middleware spec §34
 * `check_validity`), the JSON forms the journal keeps (round trips), and the
 * summaries `XCAPManagerDidReloadData` carries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeDialoginfoPolicy, decodeIcon, decodePresencePolicy, encodeIcon, encodePolicy } from '../../../src/xcap/manager/codec.js';
import {
  Addressbook, CatchAllCondition, Contact, ContactURI, DialoginfoPolicy, DomainCondition, DomainException, emptyData, Icon,
  PresencePolicy, PresenceRules, UserException,
} from '../../../src/xcap/manager/index.js';

describe('XCAP manager model', () => {
  it('checks a policy against its validity intervals and sphere', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const hour = 3_600_000;
    const policy = new PresencePolicy('p', 'allow', {
      validity: [[new Date(now.getTime() - hour), new Date(now.getTime() + hour)]],
      sphere: 'work',
    });
    assert.equal(policy.checkValidity(now), true);
    assert.equal(policy.checkValidity(now, 'work'), true);
    assert.equal(policy.checkValidity(now, 'home'), false);
    assert.equal(policy.checkValidity(new Date(now.getTime() + 2 * hour)), false);
    assert.equal(new DialoginfoPolicy('d', 'block').checkValidity(now, 'home'), true);
  });

  it('keeps policies and icons intact through their journal form', () => {
    const policy = new PresencePolicy('p', 'allow', {
      name: 'n',
      validity: [[new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')]],
      multiIdentityConditions: [new CatchAllCondition([new DomainException('example.net'), new UserException('sip:x@example.com')]), new DomainCondition('example.org')],
      identities: ['sip:a@example.com'],
    });
    policy.provideDevices = [{ kind: 'class', value: 'phone' }];
    policy.provideMood = false;
    policy.provideUserInput = 'bare';
    const back = decodePresencePolicy(JSON.parse(JSON.stringify(encodePolicy(policy))));
    assert.deepEqual(back, policy);
    const dialog = new DialoginfoPolicy('d', 'polite-block', { identities: ['sip:b@example.com'] });
    assert.deepEqual(decodeDialoginfoPolicy(JSON.parse(JSON.stringify(encodePolicy(dialog)))), dialog);
    const icon = new Icon(Buffer.from([1, 2, 3]), 'image/png', 'me');
    assert.deepEqual(decodeIcon(encodeIcon(icon)), icon);
  });

  it('resolves group members to contacts and takes the default rule from wp_prs_unlisted', () => {
    const data = emptyData();
    data.contacts.push(new Contact('c', 'C', [new ContactURI('u', 'sip:c@example.com')]));
    data.groups.push({ id: 'g', name: 'G', contactIds: ['c', 'gone'], attributes: {} });
    data.presencePolicies.push(new PresencePolicy('wp_prs_unlisted', 'polite-block'));
    const book = Addressbook.fromData(data);
    assert.deepEqual(book.groups[0]!.contacts.map((contact) => contact.id), ['c']);
    assert.equal(PresenceRules.fromData(data).defaultPolicy, 'polite-block');
  });
});
