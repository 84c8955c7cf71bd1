import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Actions, Conditions, Identity, IdentityExcept, IdentityMany, IdentityOne, Rule, RuleSet, Sphere, Transformations,
  Validity, ValidityFrom, ValidityUntil, domainOf,
} from '../../src/payloads/commonpolicy.js';
import { BuilderError, ValidationError } from '../../src/xml/index.js';
import { assertSameXML, exampleFiles, readExample } from './payload-examples.js';

// In the form of the example of RFC 4745 section 12 (first rule: sphere, identity with one/many, validity).
const RFC4745_EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<ruleset xmlns="urn:ietf:params:xml:ns:common-policy">
    <rule id="f3g44r1">
        <conditions>
            <sphere value="work"/>
            <identity>
                <one id="sip:alice@example.com"/>
                <one id="tel:+1-212-555-1234" />
                <many domain="example.com"/>
            </identity>
            <validity>
                <from>2003-12-24T17:00:00+01:00</from>
                <until>2003-12-24T19:00:00+01:00</until>
            </validity>
        </conditions>
        <actions/>
        <transformations/>
    </rule>
</ruleset>`;

// payloads-api.md section 2.
const SEED_OUTPUT = `<?xml version='1.0' encoding='UTF-8'?>
<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy">
  <cp:rule id="f3g44r1">
    <cp:conditions>
      <cp:identity>
        <cp:one id="sip:alice@example.com"/>
        <cp:one id="mailto:bob@example.net"/>
        <cp:one id="tel:+1-212-555-1234"/>
      </cp:identity>
    </cp:conditions>
    <cp:actions/>
    <cp:transformations/>
  </cp:rule>
</cp:ruleset>
`;

const wrap = (conditions: string): string =>
  `<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"><rule id="r"><conditions>${conditions}</conditions></rule></ruleset>`;

describe('common policy (RFC 4745)', () => {
  it('follows the seed example (payloads-api.md section 2)', () => {
    const alice = new IdentityOne('sip:alice@example.com');
    const carol = new IdentityOne('tel:+1-212-555-1234');
    const bob = new IdentityOne('mailto:bob@example.net');
    assert.equal(String(carol), 'tel:+1-212-555-1234');
    const id = new Identity([alice, bob]);
    assert.equal(String(id), "Identity([IdentityOne('sip:alice@example.com'), IdentityOne('mailto:bob@example.net')])");
    id.insertAt(1, [carol]);
    assert.equal(String(id), "Identity([IdentityOne('sip:alice@example.com'), IdentityOne('tel:+1-212-555-1234'), IdentityOne('mailto:bob@example.net')])");
    const ruleset = new RuleSet();
    ruleset.append(new Rule('f3g44r1', { conditions: new Conditions([id]), actions: new Actions(), transformations: new Transformations() }));
    const xml = ruleset.toXML({ pretty: true });
    // The seed's XML lists bob before carol although the list order is alice, carol, bob (AMBIGUOUS in the spec);
    // an identity is a set (RFC 4745 section 7.1), and the output keeps the list order. With the seed's order the
    // output is the seed's text exactly.
    const ids = (text: string): string[] => [...(RuleSet.parse(text)[0]!.conditions![0] as Identity)].map((one) => (one as IdentityOne).id);
    assert.deepEqual(ids(xml), ['sip:alice@example.com', 'tel:+1-212-555-1234', 'mailto:bob@example.net']);
    assert.deepEqual(new Set(ids(xml)), new Set(ids(SEED_OUTPUT)));
    id.splice(0, id.length, alice, bob, carol);
    assert.equal(ruleset.toXML({ pretty: true }), SEED_OUTPUT);
  });

  it('parses the python-sipsimple common-policy example', () => {
    for (const file of exampleFiles('common-policy')) {
      const text = readExample(file);
      const ruleset = RuleSet.parse(text);
      assert.equal(ruleset.get('f3g44r1')?.id, 'f3g44r1');
      assertSameXML(ruleset.toXML(), text);
    }
  });

  it('parses the RFC 4745 example, validity included (python-sipsimple crashes on it)', () => {
    const ruleset = RuleSet.parse(RFC4745_EXAMPLE);
    const conditions = ruleset[0]!.conditions!;
    assert.equal((conditions[0] as Sphere).value, 'work');
    const identity = conditions[1] as Identity;
    assert.equal(identity.get('tel:+1-212-555-1234')?.toString(), 'tel:+1-212-555-1234');
    assert.equal((identity[2] as IdentityMany).domain, 'example.com');
    const validity = conditions[2] as Validity;
    assert.deepEqual(validity.periods, [[new Date('2003-12-24T16:00:00Z'), new Date('2003-12-24T18:00:00Z')]]);
    assert.equal(validity.contains(new Date('2003-12-24T17:30:00Z')), true);
    assert.equal(validity.contains(new Date('2003-12-24T18:00:00Z')), false);
    assertSameXML(RuleSet.parse(ruleset.toXML()).toXML(), ruleset.toXML());
    assert.equal(ruleset.contentType, 'application/auth-policy+xml');
  });

  it('matches identities against one, many and except (RFC 4745 section 7.1)', () => {
    const identity = new Identity([
      new IdentityOne('tel:+1-212-555-1234'),
      new IdentityMany('example.com', [new IdentityExcept({ id: 'sip:spam@example.com' }), new IdentityExcept({ domain: 'bad.example.com' })]),
    ]);
    assert.equal(identity.matches('tel:+1-212-555-1234'), true);
    assert.equal(identity.matches('sip:alice@example.com'), true);
    assert.equal(identity.matches('sip:alice@EXAMPLE.com;transport=tcp'), true);
    assert.equal(identity.matches('sip:spam@example.com'), false);
    assert.equal(identity.matches('sip:alice@example.org'), false);
    assert.equal(new Identity([new IdentityMany()]).matches('sip:anyone@anywhere.example'), true);
    assert.equal(new Identity([new IdentityMany(undefined, [new IdentityExcept({ domain: 'bad.example.com' })])]).matches('sip:x@bad.example.com'), false);
    assert.equal(domainOf('sip:alice@example.com:5060'), 'example.com');
    assert.equal(domainOf('tel:+123'), undefined);
  });

  it('builds validity periods and many/except', () => {
    const validity = new Validity([[new Date('2024-01-01T00:00:00Z'), new Date('2024-02-01T00:00:00Z')]]);
    validity.addPeriod(new Date('2024-03-01T00:00:00Z'), new Date('2024-04-01T00:00:00Z'));
    const many = new IdentityMany('example.com', [new IdentityExcept({ id: 'sip:spam@example.com' }), new IdentityExcept({ domain: 'bad.example.com' })]);
    const ruleset = new RuleSet([new Rule('r1', { conditions: new Conditions([new Identity([many]), validity]) })]);
    const back = RuleSet.parse(ruleset.toXML());
    assert.equal((back[0]!.conditions![1] as Validity).periods.length, 2);
    const parsedMany = (back[0]!.conditions![0] as Identity)[0] as IdentityMany;
    assert.equal((parsedMany[1] as IdentityExcept).domain, 'bad.example.com');
  });

  it('rejects broken validity sequences, naming the element and the rule', () => {
    for (const bad of [
      '<validity><from>2003-12-24T17:00:00Z</from></validity>',
      '<validity><until>2003-12-24T17:00:00Z</until><from>2003-12-24T17:00:00Z</from></validity>',
      '<validity/>',
    ]) {
      assert.throws(() => RuleSet.parse(wrap(bad)), (error: unknown) => error instanceof ValidationError && error.element === 'validity' && /rule 'r'/.test(error.message));
    }
    assert.throws(() => RuleSet.parse(wrap('<validity><from>yesterday</from><until>2003-12-24T17:00:00Z</until></validity>')),
      (error: unknown) => error instanceof ValidationError && /from.*dateTime/.test(error.message));
    assert.throws(() => RuleSet.parse(wrap('<identity><many><except/></many></identity>')),
      (error: unknown) => error instanceof ValidationError && /exactly one of id and domain/.test(error.message));
    const broken = new Validity();
    broken.push(new ValidityUntil(new Date()));
    assert.throws(() => new RuleSet([new Rule('x', { conditions: new Conditions([broken]) })]).toXML(), BuilderError);
    assert.ok(new Validity([[new Date(0), new Date(1)]])[0] instanceof ValidityFrom);
  });

  it('rejects other invalid documents', () => {
    assert.throws(() => RuleSet.parse('<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"><rule/></ruleset>'), /missing required attribute id/);
    assert.throws(() => RuleSet.parse(wrap('<one id="sip:a@b"/>')), /one.*not allowed in <conditions>/);
    assert.throws(() => RuleSet.parse(wrap('<sphere/>')), /missing required attribute value/);
    assert.throws(() => RuleSet.parse('<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"><rule id="a"><actions/><actions/></rule></ruleset>'), /more than one/);
  });

  it('keeps unknown conditions, actions and transformations', () => {
    const text = '<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:x="urn:x"><rule id="a"><conditions><x:c/></conditions><actions><x:a>1</x:a></actions><transformations><x:t/></transformations></rule></ruleset>';
    assertSameXML(RuleSet.parse(text).toXML(), text);
  });
});
