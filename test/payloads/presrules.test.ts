import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Actions, Conditions, Identity, IdentityOne, Rule, RuleSet, Transformations } from '../../src/payloads/commonpolicy.js';
import { AnonymousRequest, ExternalList, OtherIdentity } from '../../src/payloads/omapolicy.js';
import {
  Class, OccurrenceID, PresRules, ProvideActivities, ProvideDevices, ProvidePersons, ProvideServices, ProvideUnknownAttribute,
  ProvideUserInput, ServiceURIScheme, SubHandling,
} from '../../src/payloads/presrules.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML, exampleFiles, readExample } from './payload-examples.js';

// RFC 5025 section 6 (Example), typed in from the RFC.
const RFC5025_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules"
 xmlns:pr="urn:ietf:params:xml:ns:pres-rules"
 xmlns:cr="urn:ietf:params:xml:ns:common-policy">
 <cr:rule id="a">
  <cr:conditions>
   <cr:identity>
    <cr:one id="sip:user@example.com"/>
   </cr:identity>
  </cr:conditions>
  <cr:actions>
   <pr:sub-handling>allow</pr:sub-handling>
  </cr:actions>
  <cr:transformations>
   <pr:provide-services>
     <pr:service-uri-scheme>sip</pr:service-uri-scheme>
     <pr:service-uri-scheme>mailto</pr:service-uri-scheme>
   </pr:provide-services>
   <pr:provide-persons>
     <pr:all-persons/>
   </pr:provide-persons>
   <pr:provide-activities>true</pr:provide-activities>
   <pr:provide-user-input>bare</pr:provide-user-input>
   <pr:provide-unknown-attribute
      ns="urn:vendor-specific:foo-namespace"
      name="foo">true</pr:provide-unknown-attribute>
  </cr:transformations>
 </cr:rule>
</cr:ruleset>`;

// An OMA pres-rules document as OMA presence servers store it (OMA-TS-Presence_SIMPLE_XDM, default rules).
const OMA_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:ocp="urn:oma:xml:xdm:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
  <cr:rule id="wp_prs_allow_own"><cr:conditions><cr:identity><cr:one id="sip:alice@example.com"/></cr:identity></cr:conditions>
    <cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions></cr:rule>
  <cr:rule id="wp_prs_grantedcontacts"><cr:conditions><ocp:external-list><ocp:entry anc="http://xcap.example.com/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22oma_grantedcontacts%22%5D"/></ocp:external-list></cr:conditions>
    <cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions></cr:rule>
  <cr:rule id="wp_prs_block_anonymous"><cr:conditions><ocp:anonymous-request/></cr:conditions><cr:actions><pr:sub-handling>block</pr:sub-handling></cr:actions></cr:rule>
  <cr:rule id="wp_prs_unlisted"><cr:conditions><ocp:other-identity/></cr:conditions><cr:actions><pr:sub-handling>confirm</pr:sub-handling></cr:actions></cr:rule>
</cr:ruleset>`;

const SEED_OUTPUT = readExample('pres-rules__sipsimple-doctest__1.xml');

describe('pres-rules (RFC 5025)', () => {
  it('builds the seed example (payloads-api.md section 3)', () => {
    const conditions = new Conditions([new Identity([new IdentityOne('sip:user@example.com')])]);
    const actions = new Actions([new SubHandling('allow')]);
    const transformations = new Transformations();
    const psrv = new ProvideServices({ provides: [new ServiceURIScheme('sip'), new ServiceURIScheme('mailto')] });
    const ppers = new ProvidePersons({ all: true });
    transformations.insertAt(0, [psrv, ppers]);
    transformations.append(new ProvideActivities(true));
    transformations.append(new ProvideUserInput('bare'));
    transformations.append(new ProvideUnknownAttribute('urn:vendor-specific:foo-namespace', 'foo', true));
    const prules = new PresRules([new Rule('a', { conditions, actions, transformations })]);
    assertSameXML(prules.toXML({ pretty: true }), SEED_OUTPUT);
    assert.equal(documentClassFor('application/auth-policy+xml'), PresRules);
  });

  it('parses the RFC 5025 section 6 example into typed objects', () => {
    const rules = PresRules.parse(RFC5025_EXAMPLE);
    assert.ok(rules instanceof PresRules);
    const rule = rules.get('a')!;
    assert.equal((rule.actions![0] as SubHandling).value, 'allow');
    const [services, persons, activities, userInput, unknown] = rule.transformations!;
    assert.ok(services instanceof ProvideServices);
    assert.equal(services.all, false);
    assert.deepEqual(services.map(String), ['sip', 'mailto']);
    assert.ok(persons instanceof ProvidePersons && persons.all && persons.length === 0);
    assert.equal((activities as ProvideActivities).value, true);
    assert.equal((userInput as ProvideUserInput).value, 'bare');
    assert.ok(unknown instanceof ProvideUnknownAttribute);
    assert.equal(unknown.ns, 'urn:vendor-specific:foo-namespace');
    assert.equal(unknown.value, true);
    assertSameXML(rules.toXML(), RFC5025_EXAMPLE);
  });

  it('parses every python-sipsimple pres-rules example', () => {
    for (const file of exampleFiles('pres-rules')) assertSameXML(PresRules.parse(readExample(file)).toXML(), readExample(file));
  });

  it('parses OMA pres-rules with the OMA common policy conditions', () => {
    const rules = PresRules.parse(OMA_EXAMPLE);
    const external = rules.get('wp_prs_grantedcontacts')!.conditions![0] as ExternalList;
    assert.ok(external instanceof ExternalList);
    assert.ok(external[0]!.anc.endsWith('list%5B@name=%22oma_grantedcontacts%22%5D'));
    assert.ok(rules.get('wp_prs_block_anonymous')!.conditions![0] instanceof AnonymousRequest);
    assert.ok(rules.get('wp_prs_unlisted')!.conditions![0] instanceof OtherIdentity);
    assertSameXML(rules.toXML(), OMA_EXAMPLE);
    const built = new PresRules([new Rule('x', { conditions: new Conditions([ExternalList.fromAnchors(['http://x/y'])]) })]);
    assert.ok(built.toXML().includes('<ocp:external-list><ocp:entry anc="http://x/y"/></ocp:external-list>'));
  });

  it('builds device and person selectors', () => {
    const devices = new ProvideDevices({ provides: [new Class('work'), new OccurrenceID('d1')] });
    const back = PresRules.parse(new PresRules([new Rule('d', { transformations: new Transformations([devices]) })]).toXML());
    const parsed = back[0]!.transformations![0] as ProvideDevices;
    assert.ok(parsed instanceof ProvideDevices);
    assert.deepEqual(parsed.map(String), ['work', 'd1']);
    parsed.all = true;
    assert.throws(() => back.toXML(), (error: unknown) => error instanceof BuilderError && /all flag excludes/.test(error.message));
  });

  it('rejects invalid pres-rules naming the element and the reason', () => {
    const wrap = (inner: string): string => `<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><rule id="r">${inner}</rule></ruleset>`;
    // Invalid extension elements are kept as raw elements and reported in `invalid` (docs/xml-binding.md).
    const badAction = PresRules.parse(wrap('<actions><pr:sub-handling>maybe</pr:sub-handling></actions>'));
    assert.equal(badAction.invalid.length, 1);
    assert.equal(badAction.invalid[0]!.element, '{urn:ietf:params:xml:ns:pres-rules}sub-handling');
    assert.match(badAction.invalid[0]!.error.message, /not one of block, confirm, polite-block, allow/);
    assert.ok(badAction.toXML().includes('<pr:sub-handling>maybe</pr:sub-handling>'));
    const badFlag = PresRules.parse(wrap('<transformations><pr:provide-activities>yes</pr:provide-activities></transformations>'));
    assert.match(badFlag.invalid[0]!.error.message, /provide-activities.*boolean/);
    assert.equal(PresRules.parse(wrap('<transformations><pr:provide-unknown-attribute name="a">true</pr:provide-unknown-attribute></transformations>')).invalid[0]!.error.message.includes('missing required attribute ns'), true);
    assert.throws(() => PresRules.parse(wrap('<transformations><pr:provide-persons><pr:all-persons/><pr:class>x</pr:class></pr:provide-persons></transformations>')),
      (error: unknown) => error instanceof ValidationError && error.element === 'provide-persons');
    assert.throws(() => new PresRules([new Rule('r', { actions: new Actions([new SubHandling('maybe' as 'allow')]) })]).toXML(), BuilderError);
    assert.ok(RuleSet.parse(RFC5025_EXAMPLE).invalid.length === 0);
  });
});
