import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DirectoryEntry, Folder, XCAPDirectory } from '../../src/payloads/directory.js';
import { ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// An XCAP directory document in the form OMA XDM Core gives.
const DIRECTORY = `<?xml version="1.0" encoding="UTF-8"?>
<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory">
  <folder auid="resource-lists">
    <entry uri="http://xcap.example.com/resource-lists/users/sip:joe@example.com/index" etag="ab3f" last-modified="2006-03-10T10:00:00Z" size="2048"/>
    <entry uri="http://xcap.example.com/resource-lists/users/sip:joe@example.com/a%20b" etag="c9"/>
  </folder>
  <folder auid="org.openmobilealliance.pres-rules">
    <error-code>403</error-code>
  </folder>
</xcap-directory>`;

describe('OMA xcap-directory', () => {
  it('parses folders, entries and error codes', () => {
    const directory = XCAPDirectory.parse(DIRECTORY);
    const lists = directory.get('resource-lists')!;
    assert.equal(lists.length, 2);
    assert.equal(lists[0]!.etag, 'ab3f');
    assert.deepEqual(lists[0]!.lastModified, new Date('2006-03-10T10:00:00Z'));
    assert.equal(lists[0]!.size, 2048);
    assert.equal(lists.get('http://xcap.example.com/resource-lists/users/sip:joe@example.com/a%20b')?.etag, 'c9');
    assert.equal(directory.get('org.openmobilealliance.pres-rules')!.errorCode, '403');
    assertSameXML(directory.toXML(), DIRECTORY);
    assert.equal(documentClassFor('application/vnd.oma.xcap-directory+xml'), XCAPDirectory);
  });

  it('builds a directory', () => {
    const directory = new XCAPDirectory([new Folder('rls-services', [new DirectoryEntry('http://x/rls-services/users/sip:a@b/index', '1', { size: 10 })])]);
    assert.equal(XCAPDirectory.parse(directory.toXML()).get('rls-services')![0]!.size, 10);
  });

  it('rejects invalid directories', () => {
    assert.throws(() => XCAPDirectory.parse('<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory"><folder/></xcap-directory>'),
      (error: unknown) => error instanceof ValidationError && /missing required attribute auid/.test(error.message));
    assert.throws(() => XCAPDirectory.parse('<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory"><folder auid="a"><entry uri="u" etag="e" size="big"/></folder></xcap-directory>'), /size/);
  });
});
