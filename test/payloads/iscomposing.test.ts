import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IsComposing } from '../../src/payloads/iscomposing.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// An active and an idle indication in the form of RFC 3994's examples (schema order: state, lastactive, contenttype, refresh).
const RFC3994_ACTIVE = `<?xml version="1.0" encoding="UTF-8"?>
<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:ietf:params:xml:ns:im-composing iscomposing.xsd">
  <state>active</state>
  <contenttype>text/plain</contenttype>
  <refresh>90</refresh>
</isComposing>`;

const RFC3994_IDLE = `<?xml version="1.0" encoding="UTF-8"?>
<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:ietf:params:xml:ns:im-composing iscomposing.xsd">
  <state>idle</state>
  <lastactive>2003-01-27T10:43:00Z</lastactive>
  <contenttype>audio</contenttype>
</isComposing>`;

describe('isComposing (RFC 3994)', () => {
  it('parses the RFC 3994 examples and writes them back', () => {
    const active = IsComposing.parse(RFC3994_ACTIVE);
    assert.equal(active.state, 'active');
    assert.equal(active.composingContentType, 'text/plain');
    assert.equal(active.refresh, 90);
    assert.equal(active.lastActive, undefined);
    assert.equal(active.contentType, 'application/im-iscomposing+xml');
    assertSameXML(active.toXML(), RFC3994_ACTIVE);
    const idle = IsComposing.parse(RFC3994_IDLE);
    assert.equal(idle.state, 'idle');
    assert.deepEqual(idle.lastActive, new Date('2003-01-27T10:43:00Z'));
    assertSameXML(idle.toXML(), RFC3994_IDLE);
    assert.equal(documentClassFor('application/im-iscomposing+xml'), IsComposing);
  });

  it('builds the indication a chat stream sends', () => {
    const xml = new IsComposing('active', { contentType: 'text', refresh: 60 }).toXML();
    assert.equal(xml, "<?xml version='1.0' encoding='UTF-8'?><isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"><state>active</state><contenttype>text</contenttype><refresh>60</refresh></isComposing>");
  });

  it('rejects invalid indications', () => {
    assert.throws(() => IsComposing.parse('<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"/>'),
      (error: unknown) => error instanceof ValidationError && /missing required child <state>/.test(error.message));
    assert.throws(() => IsComposing.parse('<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>typing</state></isComposing>'), /not one of idle, active/);
    assert.throws(() => IsComposing.parse('<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>active</state><refresh>0</refresh></isComposing>'), /refresh/);
    assert.throws(() => new IsComposing('active', { refresh: 1.5 }).toXML(), BuilderError);
  });
});
