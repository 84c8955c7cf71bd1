import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PresenceContent } from '../../src/payloads/prescontent.js';
import { BuilderError, ParserError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// A status icon document as OMA Presence SIMPLE Content XDM stores it (a 1x1 PNG).
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const ICON = `<?xml version="1.0" encoding="UTF-8"?>
<content xmlns="urn:oma:xml:prs:pres-content">
  <mime-type>image/png</mime-type>
  <encoding>base64</encoding>
  <description xml:lang="en">My icon</description>
  <data>${PNG.toString('base64')}</data>
</content>`;

describe('OMA pres-content', () => {
  it('parses a status icon and decodes its data', () => {
    const content = PresenceContent.parse(ICON);
    assert.equal(content.mimeType, 'image/png');
    assert.equal(content.encoding, 'base64');
    assert.equal(content.descriptions[0]!.lang, 'en');
    assert.deepEqual(content.bytes, PNG);
    assertSameXML(content.toXML(), ICON);
    assert.equal(documentClassFor('application/vnd.oma.pres-content+xml'), PresenceContent);
  });

  it('builds a status icon from bytes', () => {
    const content = PresenceContent.fromBytes(PNG, 'image/png', 'icon');
    const back = PresenceContent.parse(content.toXML());
    assert.deepEqual(back.bytes, PNG);
    assert.equal(String(back.descriptions[0]), 'icon');
  });

  it('reports invalid content', () => {
    assert.throws(() => PresenceContent.parse('<content xmlns="urn:oma:xml:prs:pres-content"><mime-type>image/png</mime-type></content>'),
      (error: unknown) => error instanceof ValidationError && /missing required child <data>/.test(error.message));
    assert.throws(() => PresenceContent.parse('<content xmlns="urn:oma:xml:prs:pres-content"><encoding>base64</encoding><data>!!!</data></content>').bytes, (error: unknown) => error instanceof ParserError && /not valid base64/.test(error.message));
    assert.throws(() => new PresenceContent(undefined as unknown as string).toXML(), BuilderError);
  });
});
