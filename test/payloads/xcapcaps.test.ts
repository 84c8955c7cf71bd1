import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XCAPCapabilities } from '../../src/payloads/xcapcaps.js';
import { ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// In the form of the xcap-caps document of RFC 4825 section 12.
const RFC4825_CAPS = `<?xml version="1.0" encoding="UTF-8"?>
<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps">
  <auids>
    <auid>xcap-caps</auid>
    <auid>resource-lists</auid>
    <auid>rls-services</auid>
    <auid>org.openmobilealliance.pres-rules</auid>
  </auids>
  <extensions/>
  <namespaces>
    <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
    <namespace>urn:ietf:params:xml:ns:xcap-error</namespace>
    <namespace>urn:ietf:params:xml:ns:resource-lists</namespace>
    <namespace>urn:ietf:params:xml:ns:rls-services</namespace>
  </namespaces>
</xcap-caps>`;

describe('xcap-caps (RFC 4825 section 12)', () => {
  it('parses a server capabilities document', () => {
    const caps = XCAPCapabilities.parse(RFC4825_CAPS);
    assert.deepEqual(caps.auids.values, ['xcap-caps', 'resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules']);
    assert.ok(caps.supports('rls-services'));
    assert.ok(!caps.supports('pidf-manipulation'));
    assert.deepEqual(caps.extensions?.values, []);
    assert.equal(caps.namespaces.values[1], 'urn:ietf:params:xml:ns:xcap-error');
    assertSameXML(caps.toXML(), RFC4825_CAPS);
    assert.equal(documentClassFor('application/xcap-caps+xml'), XCAPCapabilities);
  });

  it('accepts comments, whitespace and schema-location attributes as servers send them', () => {
    const caps = XCAPCapabilities.parse(`<?xml version="1.0" encoding="UTF-8"?>
<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="urn:ietf:params:xml:ns:xcap-caps xcap-caps.xsd">
  <auids>
    <auid>xcap-caps</auid>
    <auid>org.openmobilealliance.xcap-directory</auid>
  </auids>
  <extensions>
    <!-- No extensions defined -->
  </extensions>
  <namespaces>
    <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
  </namespaces>
</xcap-caps>`);
    assert.ok(caps.supports('org.openmobilealliance.xcap-directory'));
    assert.deepEqual(caps.extensions?.values, []);
    assert.equal(caps.otherAttributes?.[0]?.name, 'schemaLocation');
  });

  it('builds one and reads it back', () => {
    const caps = new XCAPCapabilities({ auids: ['resource-lists'], namespaces: ['urn:ietf:params:xml:ns:resource-lists'] });
    const back = XCAPCapabilities.parse(caps.toXML({ pretty: true }));
    assert.deepEqual(back.auids.values, ['resource-lists']);
    assert.equal(back.extensions, undefined);
  });

  it('rejects documents without the required parts', () => {
    assert.throws(() => XCAPCapabilities.parse('<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"><auids/></xcap-caps>'),
      (error: unknown) => error instanceof ValidationError && /missing required child <namespaces>/.test(error.message));
    assert.throws(() => XCAPCapabilities.parse('<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"><auids><auid><b/></auid></auids><namespaces/></xcap-caps>'),
      /auid.*text only/);
  });
});
