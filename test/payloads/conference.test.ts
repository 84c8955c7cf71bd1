import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AvailableMedia, AvailableMediaEntry, ConferenceDescription, ConferenceInfo, ConferenceState, ConfURIs, Endpoint, Media,
  Sidebar, SidebarsByVal, URIEntry, User, Users,
} from '../../src/payloads/conference.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// RFC 4575 section 6 (Examples), typed in from the RFC.
const RFC4575_EXAMPLE = `<conference-info
 xmlns="urn:ietf:params:xml:ns:conference-info"
 entity="sips:conf233@example.com"
 state="full" version="1">
   <!--
     CONFERENCE INFO
   -->
  <conference-description>
   <subject>Agenda: This month's goals</subject>
    <service-uris>
     <entry>
      <uri>http://sharepoint/salesgroup/</uri>
      <purpose>web-page</purpose>
     </entry>
    </service-uris>
   </conference-description>
   <!--
      CONFERENCE STATE
   -->
  <conference-state>
   <user-count>33</user-count>
  </conference-state>
   <!--
     USERS
   -->
  <users>
   <user entity="sip:bob@example.com" state="full">
    <display-text>Bob Hoskins</display-text>
    <!--
      ENDPOINTS
    -->
    <endpoint entity="sip:bob@pc33.example.com">
     <display-text>Bob's Laptop</display-text>
     <status>disconnected</status>
     <disconnection-method>departed</disconnection-method>
     <disconnection-info>
      <when>2005-03-04T20:00:00Z</when>
      <reason>bad voice quality</reason>
      <by>sip:mike@example.com</by>
     </disconnection-info>
     <!--
       MEDIA
     -->
     <media id="1">
      <display-text>main audio</display-text>
      <type>audio</type>
      <label>34567</label>
      <src-id>432424</src-id>
      <status>sendrecv</status>
     </media>
    </endpoint>
   </user>
    <!--
      USER
    -->
   <user entity="sip:alice@example.com" state="full">
    <display-text>Alice</display-text>
    <!--
      ENDPOINTS
    -->
    <endpoint entity="sip:4kfk4j392jsu@example.com;grid=433kj4j3u">
     <status>connected</status>
     <joining-method>dialed-out</joining-method>
     <joining-info>
      <when>2005-03-04T20:00:00Z</when>
      <by>sip:mike@example.com</by>
     </joining-info>
     <!--
       MEDIA
     -->
     <media id="1">
      <display-text>main audio</display-text>
      <type>audio</type>
      <label>34567</label>
      <src-id>534232</src-id>
      <status>sendrecv</status>
     </media>
    </endpoint>
   </user>
  </users>
</conference-info>`;

describe('conference-info (RFC 4575)', () => {
  it('parses the RFC 4575 section 6 example', () => {
    const info = ConferenceInfo.parse(RFC4575_EXAMPLE);
    assert.equal(info.entity, 'sips:conf233@example.com');
    assert.equal(info.state, 'full');
    assert.equal(info.version, 1);
    assert.equal(info.conferenceDescription!.subject, "Agenda: This month's goals");
    assert.equal(info.conferenceDescription!.serviceUris![0]!.purpose, 'web-page');
    assert.equal(info.conferenceState!.userCount, 33);
    const bob = info.users!.get('sip:bob@example.com') as User;
    assert.equal(bob.displayText, 'Bob Hoskins');
    const laptop = bob[0] as Endpoint;
    assert.equal(laptop.status, 'disconnected');
    assert.equal(laptop.disconnectionMethod, 'departed');
    assert.equal(laptop.disconnectionInfo!.reason, 'bad voice quality');
    assert.deepEqual(laptop.disconnectionInfo!.when, new Date('2005-03-04T20:00:00Z'));
    assert.equal((laptop[0] as Media).srcId, '432424');
    const alice = info.users!.get('sip:alice@example.com') as User;
    const phone = alice.get('sip:4kfk4j392jsu@example.com;grid=433kj4j3u') as Endpoint;
    assert.equal(phone.joiningMethod, 'dialed-out');
    assert.deepEqual(phone.map((m) => (m as Media).srcId), ['534232']);
    assertSameXML(info.toXML(), RFC4575_EXAMPLE);
    assert.equal(documentClassFor('application/conference-info+xml'), ConferenceInfo);
    assert.equal(info.contentType, 'application/conference-info+xml');
  });

  it('builds a conference with media, keywords, URIs and a sidebar', () => {
    const info = new ConferenceInfo('sip:conf@example.com', {
      state: 'full', version: 3,
      conferenceDescription: new ConferenceDescription({
        displayText: 'Weekly', keywords: ['sales', 'weekly'], maximumUserCount: 50,
        confUris: new ConfURIs([new URIEntry('sip:conf@example.com', { purpose: 'participation' })]),
        availableMedia: new AvailableMedia([new AvailableMediaEntry('11', 'audio', { status: 'sendrecv' })]),
      }),
      conferenceState: new ConferenceState({ active: true, locked: false }),
      users: new Users([new User('sip:a@example.com', [new Endpoint('sip:a@192.0.2.1', [new Media('m1', { type: 'audio' })], { status: 'connected' })])]),
      sidebarsByVal: new SidebarsByVal([new Sidebar('sip:side@example.com', { state: 'full' })]),
    });
    const back = ConferenceInfo.parse(info.toXML({ pretty: true }));
    assert.deepEqual(back.conferenceDescription!.keywords, ['sales', 'weekly']);
    assert.equal(back.conferenceDescription!.availableMedia!.get('11')?.type, 'audio');
    assert.equal(back.conferenceState!.locked, false);
    assert.equal(((back.users![0] as User)[0] as Endpoint).status, 'connected');
    assert.equal((back.sidebarsByVal![0] as Sidebar).entity, 'sip:side@example.com');
    assertSameXML(back.toXML(), info.toXML());
  });

  it('rejects invalid documents naming the element and the reason', () => {
    const wrap = (inner: string): string => `<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:c@x">${inner}</conference-info>`;
    assert.throws(() => ConferenceInfo.parse('<conference-info xmlns="urn:ietf:params:xml:ns:conference-info"/>'),
      (error: unknown) => error instanceof ValidationError && /missing required attribute entity/.test(error.message));
    assert.throws(() => ConferenceInfo.parse(wrap('<users state="sometimes"/>')), /users.*state/);
    assert.throws(() => ConferenceInfo.parse(wrap('<users><user><endpoint><status>asleep</status></endpoint></user></users>')), /endpoint status/);
    assert.throws(() => ConferenceInfo.parse(wrap('<conference-state><user-count>many</user-count></conference-state>')), /user-count/);
    assert.throws(() => ConferenceInfo.parse(wrap('<conference-description><service-uris><entry/></service-uris></conference-description>')), /missing required child <uri>/);
    assert.throws(() => new ConferenceInfo('sip:c@x', { conferenceDescription: new ConferenceDescription({ keywords: ['two words'] }) }).toXML(), BuilderError);
  });
});
