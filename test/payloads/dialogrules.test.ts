import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Actions, Conditions, Identity, IdentityOne, Rule } from '../../src/payloads/commonpolicy.js';
import { DialogRules, DialogSubHandling } from '../../src/payloads/dialogrules.js';
import { OtherIdentity } from '../../src/payloads/omapolicy.js';
import { assertSameXML } from './payload-examples.js';

// A dialog-rules document as the XCAP manager stores it in org.openxcap.dialog-rules.
const STORED = `<?xml version="1.0" encoding="UTF-8"?>
<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:dr="http://www.openxcap.org/ns/dialog-rules" xmlns:ocp="urn:oma:xml:xdm:common-policy">
  <cp:rule id="allow_friends">
    <cp:conditions><cp:identity><cp:one id="sip:bob@example.com"/></cp:identity></cp:conditions>
    <cp:actions><dr:sub-handling>allow</dr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="default">
    <cp:conditions><ocp:other-identity/></cp:conditions>
    <cp:actions><dr:sub-handling>polite-block</dr:sub-handling></cp:actions>
  </cp:rule>
</cp:ruleset>`;

describe('dialog-rules (OpenXCAP)', () => {
  it('parses stored dialog rules', () => {
    const rules = DialogRules.parse(STORED);
    assert.ok(rules instanceof DialogRules);
    assert.equal((rules.get('allow_friends')!.actions![0] as DialogSubHandling).value, 'allow');
    assert.ok(rules.get('default')!.conditions![0] instanceof OtherIdentity);
    assert.equal(String(rules.get('default')!.actions![0]), 'polite-block');
    assertSameXML(rules.toXML(), STORED);
    assert.equal(rules.contentType, 'application/auth-policy+xml');
  });

  it('builds rules with the dialog-rules prefix', () => {
    const rules = new DialogRules([new Rule('r', {
      conditions: new Conditions([new Identity([new IdentityOne('sip:carol@example.com')])]),
      actions: new Actions([new DialogSubHandling('block')]),
    })]);
    const xml = rules.toXML();
    assert.ok(xml.includes('<dr:sub-handling>block</dr:sub-handling>'));
    assert.equal((DialogRules.parse(xml)[0]!.actions![0] as DialogSubHandling).value, 'block');
  });

  it('keeps an invalid sub-handling and reports it', () => {
    const rules = DialogRules.parse(STORED.replace('>allow<', '>sure<'));
    assert.equal(rules.invalid.length, 1);
    assert.match(rules.invalid[0]!.error.message, /sub-handling.*not one of/);
    assert.ok(rules.toXML().includes('>sure<'));
  });
});
