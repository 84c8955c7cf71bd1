// The xcap-error document of 409 responses (RFC 4825 §11): every condition element,
// the no-parent ancestor, uniqueness-failure alt-values, extensions and bad bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { describeCondition, parseXCAPErrorBody, type XCAPErrorCondition } from '../../src/xcap/index.js';

const NS = 'urn:ietf:params:xml:ns:xcap-error';

function body(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xcap-error xmlns="${NS}">${inner}</xcap-error>`;
}

function condition(inner: string): XCAPErrorCondition {
  const result = parseXCAPErrorBody(body(inner));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.condition;
}

describe('xcap-error conditions (RFC 4825 §11.1)', () => {
  for (const type of [
    'not-well-formed',
    'not-xml-frag',
    'not-xml-att-value',
    'not-utf-8',
    'cannot-insert',
    'cannot-delete',
    'schema-validation-error',
    'constraint-failure',
  ] as const) {
    it(`<${type}> with and without phrase`, () => {
      assert.deepEqual(condition(`<${type}/>`), { type, phrase: undefined });
      assert.deepEqual(condition(`<${type} phrase="Bad &amp; ugly"/>`), { type, phrase: 'Bad & ugly' });
    });
  }

  it('<no-parent> with the closest ancestor (§11.1 example)', () => {
    const parsed = condition(
      '<no-parent><ancestor>http://xcap.example.com/root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/list%5b@name=%22l1%22%5d</ancestor></no-parent>',
    );
    assert.equal(parsed.type, 'no-parent');
    assert.ok(parsed.type === 'no-parent' && parsed.ancestor?.endsWith('list%5b@name=%22l1%22%5d'));
    assert.match(describeCondition(parsed), /^no-parent, closest ancestor http:/);
    assert.deepEqual(condition('<no-parent phrase="x"/>'), { type: 'no-parent', phrase: 'x', ancestor: undefined });
  });

  it('<uniqueness-failure> with fields and alt-value suggestions (§11.1 example)', () => {
    const parsed = condition(
      '<uniqueness-failure>' +
        '<exists field="rls-services/service/@uri"><alt-value>sip:mybuddies@example.com</alt-value><alt-value>sip:buddies2@example.com</alt-value></exists>' +
        '<exists field="rls-services/service/@id"/>' +
        '</uniqueness-failure>',
    );
    assert.deepEqual(parsed, {
      type: 'uniqueness-failure',
      phrase: undefined,
      fields: [
        { field: 'rls-services/service/@uri', altValues: ['sip:mybuddies@example.com', 'sip:buddies2@example.com'] },
        { field: 'rls-services/service/@id', altValues: [] },
      ],
    });
    assert.equal(
      describeCondition(parsed),
      'uniqueness-failure, rls-services/service/@uri not unique (try sip:mybuddies@example.com or sip:buddies2@example.com), rls-services/service/@id not unique',
    );
  });

  it('<extension> keeps its elements', () => {
    const parsed = condition('<extension><my:thing xmlns:my="urn:x">1</my:thing></extension>');
    assert.equal(parsed.type, 'extension');
    assert.ok(parsed.type === 'extension');
    assert.equal(parsed.elements.length, 1);
    assert.equal(parsed.elements[0]!.name, 'thing');
  });

  it('an unknown condition is reported with its name', () => {
    assert.deepEqual(condition('<brand-new phrase="p"/>'), { type: 'unknown', phrase: 'p', element: `{${NS}}brand-new` });
    assert.deepEqual(condition('<o:other xmlns:o="urn:o"/>'), { type: 'unknown', phrase: undefined, element: '{urn:o}other' });
  });

  it('bodies without a condition give a reason, never an exception', () => {
    for (const [text, reason] of [
      ['', 'not XML'],
      ['<xcap-error', 'not XML'],
      ['<html/>', 'not xcap-error'],
      [`<xcap-error xmlns="${NS}"/>`, 'no condition'],
      ['<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'not XML'],
    ] as const) {
      const result = parseXCAPErrorBody(text);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.includes(reason), JSON.stringify(result));
    }
  });
});

describe('xcap-error bodies (property)', () => {
  it('any body gives a condition or a reason, never an exception', () => {
    const unit = fc.constantFrom('<', '>', '/', '"', '=', ' ', 'x', 'xcap-error', `xmlns="${NS}"`, 'no-parent', 'ancestor', 'exists', 'alt-value', 'field', '&amp;', '<!', '?');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        const result = parseXCAPErrorBody(text);
        assert.ok(result.ok ? typeof result.condition.type === 'string' : result.reason.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
