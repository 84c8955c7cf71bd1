// Kamailio's db_sqlite sets no busy timeout, so concurrent writers used to fail with
// "database is locked" (an XCAP PUT answered 500). The lab preloads a wrapper that sets
// one (test/lab/sqlite-busy-timeout.c); this proves concurrent XCAP writes all land.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startLab, type Lab } from '../../lab/lab.js';
import { curl } from '../../lab/curl.js';

const WRITERS = 24;

function resourceLists(index: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="l${index}"><entry uri="sip:friend${index}@example.test"/></list></resource-lists>`;
}

describe('lab: concurrent SQLite writers', () => {
  let lab: Lab;
  before(async () => {
    lab = await startLab();
  });
  after(async () => {
    await lab.stop();
  });

  it(`${WRITERS} XCAP PUTs at once from three users all succeed, and Kamailio logs no locked database`, async () => {
    const users = [lab.users.alice, lab.users.bob, lab.users.carol];
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, index) => {
        const user = users[index % users.length]!;
        return curl({
          url: `${lab.xcapRoot}/resource-lists/users/sip:${user.username}@${lab.domain}/stress${index}.xml`,
          method: 'PUT',
          auth: user,
          headers: { 'Content-Type': 'application/resource-lists+xml' },
          body: resourceLists(index),
        });
      }),
    );
    assert.deepEqual(
      responses.map((response) => response.status).filter((status) => status >= 300),
      [],
    );
    assert.doesNotMatch(readFileSync(lab.logFile, 'utf8'), /database is locked/);
  });
});
