import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryNotification, DisplayNotification, IMDN, ProcessingNotification, Subject } from '../../src/payloads/imdn.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// The delivery notification example of RFC 5438, typed in.
const RFC5438_DELIVERY = `<?xml version="1.0" encoding="UTF-8"?>
<imdn xmlns="urn:ietf:params:xml:ns:imdn">
  <message-id>34jk324j</message-id>
  <datetime>2008-04-04T12:16:49-05:00</datetime>
  <recipient-uri>im:bob@example.com</recipient-uri>
  <original-recipient-uri>im:bob@example.com</original-recipient-uri>
  <subject>Project Tomorrow</subject>
  <delivery-notification>
     <status>
        <delivered/>
     </status>
  </delivery-notification>
</imdn>`;

// A display notification in the form of the RFC 5438 examples.
const RFC5438_DISPLAY = `<?xml version="1.0" encoding="UTF-8"?>
<imdn xmlns="urn:ietf:params:xml:ns:imdn">
  <message-id>34jk324j</message-id>
  <datetime>2008-04-04T12:16:49-05:00</datetime>
  <recipient-uri>im:bob@example.com</recipient-uri>
  <original-recipient-uri
     >im:bob@example.com</original-recipient-uri>
  <display-notification>
     <status>
        <displayed/>
     </status>
  </display-notification>
</imdn>`;

describe('IMDN (RFC 5438)', () => {
  it('parses the RFC 5438 delivery and display notifications', () => {
    const delivery = IMDN.parse(RFC5438_DELIVERY);
    assert.equal(delivery.messageId, '34jk324j');
    assert.deepEqual(delivery.datetime, new Date('2008-04-04T17:16:49Z'));
    assert.equal(delivery.recipientUri, 'im:bob@example.com');
    assert.equal(delivery.subject?.value, 'Project Tomorrow');
    assert.ok(delivery.notification instanceof DeliveryNotification);
    assert.equal(delivery.notification.status.value, 'delivered');
    // The instant is kept, the offset is written as UTC (docs/xml-binding.md).
    assertSameXML(delivery.toXML(), RFC5438_DELIVERY.replace('2008-04-04T12:16:49-05:00', '2008-04-04T17:16:49Z'));
    const display = IMDN.parse(RFC5438_DISPLAY);
    assert.ok(display.notification instanceof DisplayNotification);
    assert.equal(display.notification.status.value, 'displayed');
    assert.equal(documentClassFor('message/imdn+xml'), IMDN);
  });

  it('builds a processing notification', () => {
    const imdn = new IMDN('m1', new Date('2024-01-01T00:00:00Z'), new ProcessingNotification('stored'), { subject: new Subject('Hi', 'en') });
    const back = IMDN.parse(imdn.toXML({ pretty: true }));
    assert.ok(back.notification instanceof ProcessingNotification);
    assert.equal(back.notification.status.value, 'stored');
    assert.equal(back.subject?.lang, 'en');
  });

  it('rejects invalid notifications', () => {
    const base = '<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id><datetime>2008-04-04T12:16:49Z</datetime>';
    assert.throws(() => IMDN.parse(`${base}</imdn>`), (error: unknown) => error instanceof ValidationError && /missing required child/.test(error.message));
    assert.throws(() => IMDN.parse(`${base}<display-notification><status><delivered/></status></display-notification></imdn>`), /delivered.*not allowed/);
    assert.throws(() => IMDN.parse(`${base}<delivery-notification><status/></delivery-notification></imdn>`), /exactly one status element, not 0/);
    assert.throws(() => IMDN.parse(`${base}<delivery-notification><status><delivered/><failed/></status></delivery-notification></imdn>`), /not 2/);
    assert.throws(() => IMDN.parse(`${base}<delivery-notification><status><delivered/></status></delivery-notification><display-notification><status><displayed/></status></display-notification></imdn>`), /more than one/);
    assert.throws(() => IMDN.parse('<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>1</message-id><datetime>soon</datetime><delivery-notification><status><delivered/></status></delivery-notification></imdn>'), /datetime/);
    const imdn = new IMDN('m', new Date(), new DeliveryNotification('delivered'));
    imdn.notification.status.values = [];
    assert.throws(() => imdn.toXML(), BuilderError);
  });
});
