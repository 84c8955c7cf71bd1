// Every application loaded together (as `sipsimple/payloads` loads them): dispatch by MIME type,
// and every python-sipsimple example parses through the registry and writes back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as payloads from '../../src/payloads/index.js';
import { assertSameXML, readExample } from './payload-examples.js';

const CONTENT_TYPES: Record<string, string> = {
  pidf: 'application/pidf+xml',
  'common-policy': 'application/auth-policy+xml',
  'pres-rules': 'application/auth-policy+xml',
  'resource-lists': 'application/resource-lists+xml',
  'rls-services': 'application/rls-services+xml',
  watcherinfo: 'application/watcherinfo+xml',
};

describe('payload registry with every application loaded', () => {
  it('dispatches every python-sipsimple example by its MIME type and writes it back', () => {
    const index = readFileSync(new URL('../../../shared/testdata/payload-examples/index.tsv', import.meta.url), 'utf8');
    const rows = index.trim().split('\n').slice(1).map((line) => line.split('\t'));
    assert.ok(rows.length >= 8);
    for (const [file, app] of rows) {
      const type = CONTENT_TYPES[app!];
      assert.ok(type !== undefined, `no MIME type known for ${app}`);
      const documentClass = payloads.documentClassFor(type) as unknown as { parse(text: string): { toXML(): string; invalid: unknown[] } };
      assert.ok(documentClass !== undefined, type);
      const text = readExample(file!);
      const document = documentClass.parse(text);
      assert.deepEqual(document.invalid, [], file);
      assertSameXML(document.toXML(), text);
    }
  });

  it('maps each of this part\'s MIME types to its document class', () => {
    const expected: Array<[string, unknown]> = [
      ['application/resource-lists+xml', payloads.ResourceLists],
      ['application/rls-services+xml', payloads.RLSServices],
      ['application/auth-policy+xml', payloads.PresRules],
      ['application/xcap-diff+xml', payloads.XCAPDiff],
      ['application/xcap-caps+xml', payloads.XCAPCapabilities],
      ['application/rlmi+xml', payloads.RLMIList],
      ['application/dialog-info+xml', payloads.DialogInfo],
      ['application/im-iscomposing+xml', payloads.IsComposing],
      ['application/vnd.oma.pres-content+xml', payloads.PresenceContent],
      ['application/vnd.oma.xcap-directory+xml', payloads.XCAPDirectory],
      ['message/imdn+xml', payloads.IMDN],
      ['application/conference-info+xml', payloads.ConferenceInfo],
    ];
    for (const [type, documentClass] of expected) assert.equal(payloads.documentClassFor(type), documentClass, type);
  });

  it('keeps clashing names reachable flat, aliased and through the namespace objects', () => {
    assert.equal(payloads.ResourceListsDisplayName, payloads.resourcelists.DisplayName);
    assert.equal(payloads.CommonPolicySphere, payloads.commonpolicy.Sphere);
    assert.equal(payloads.AddressbookContact, payloads.addressbook.Contact);
    assert.equal(payloads.XCAPDiffAttribute, payloads.xcapdiff.Attribute);
    assert.equal(payloads.PresRulesClass, payloads.presrules.Class);
    assert.equal(payloads.PresContentDescription, payloads.prescontent.Description);
    assert.equal(payloads.PresRulesDeviceID, payloads.presrules.DeviceID);
  });

  it('builds the seed examples the same with every namespace registered', () => {
    const rl = new payloads.ResourceLists([new payloads.List([new payloads.Entry('sip:bill@example.com', 'Bill Doe'), new payloads.EntryRef('some/ref')])]);
    assertSameXML(rl.toXML({ pretty: true }), readExample('resource-lists__sipsimple-doctest__1.xml'));
  });
});
