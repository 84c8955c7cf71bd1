// describeFailure: what `sipsimple xcap` prints when the XCAP server keeps failing:
// phase, document, the HTTP status with the xcap-error condition, and the server's
// plain-text reason made safe for the terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure } from '../../src/cli/xcap-access.js';
import { XCAPConflictError, XCAPForbiddenError, XCAPTransportError } from '../../src/xcap/errors.js';
import type { XCAPManagerFailureData } from '../../src/xcap/index.js';

const URI = 'http://127.0.0.1:1/xcap-root/resource-lists/users/sip:alice@example.com/index';

function failure(error: Error, phase: XCAPManagerFailureData['phase'] = 'update', document: string | undefined = 'resource-lists'): XCAPManagerFailureData {
  return { timestamp: new Date(), error, phase, document, failures: 3, retryDelay: 4000 };
}

test('a 403 with a plain-text body is printed with the server\'s words, control characters escaped', () => {
  const error = new XCAPForbiddenError({ method: 'PUT', uri: URI, status: 403, statusText: 'Forbidden', contentType: 'text/plain; charset=utf-8', body: Buffer.from('quota \u001b[31mexceeded\n') });
  assert.equal(describeFailure(failure(error)), `update of resource-lists: XCAP PUT ${URI}: 403 Forbidden (server says: "quota \\u001b[31mexceeded")`);
});

test('a 409 names its xcap-error condition; its XML body is not quoted', () => {
  const error = new XCAPConflictError(
    { method: 'PUT', uri: URI, status: 409, statusText: 'Conflict', contentType: 'application/xcap-error+xml', body: Buffer.from('<xcap-error/>') },
    { type: 'schema-validation-error', phrase: undefined },
  );
  const text = describeFailure(failure(error));
  assert.match(text, /^update of resource-lists: XCAP PUT \S+: 409 Conflict \(.*schema-validation-error.*\)$/);
  assert.doesNotMatch(text, /server says/);
});

test('no response at all names the phase and the document', () => {
  const error = new XCAPTransportError('connection refused', 'network', URI);
  assert.equal(describeFailure(failure(error, 'initialize', 'xcap-caps')), 'initialize of xcap-caps: connection refused');
  assert.equal(describeFailure({ ...failure(error, 'fetch'), document: undefined }), 'fetch of the documents: connection refused');
});
