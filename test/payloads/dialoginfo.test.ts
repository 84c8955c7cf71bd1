import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Dialog, DialogInfo, DialogState, Local, ParticipantIdentity, ParticipantTarget, Remote, Replaces, RouteSet, TargetParam,
} from '../../src/payloads/dialoginfo.js';
import { BuilderError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

// RFC 4235 section 4.1.1: an early dialog in a partial notification, typed in from the RFC.
const RFC4235_EARLY = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
             version="0" state="partial"
             entity="sip:alice@example.com">
  <dialog id="as7d900as8" call-id="a84b4c76e66710"
          local-tag="1928301774" direction="initiator">
    <state>early</state>
  </dialog>
</dialog-info>`;

// In the form of RFC 4235's examples: a confirmed dialog with both participants, and a terminated one.
const RFC4235_CONFIRMED = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
             version="1" state="full"
             entity="sip:alice@example.com">
   <dialog id="as7d900as8" call-id="a84b4c76e66710"
           local-tag="1928301774" remote-tag="456887766"
           direction="initiator">
     <state>confirmed</state>
     <duration>274</duration>
     <local>
       <identity display="Alice">sip:alice@example.com</identity>
       <target uri="sip:alice@pc33.example.com">
         <param pname="+sip.rendering" pval="yes"/>
       </target>
     </local>
     <remote>
       <identity display="Bob">sip:bob@example.org</identity>
       <target uri="sip:bobster@phone21.example.org"/>
     </remote>
   </dialog>
   <dialog id="zxcvbnm3" call-id="93809824" local-tag="4" direction="recipient">
     <state event="remote-bye" code="200">terminated</state>
     <replaces call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="456887766"/>
     <referred-by display="Carol">sip:carol@example.com</referred-by>
     <route-set><hop>sip:proxy.example.com;lr</hop></route-set>
   </dialog>
</dialog-info>`;

describe('dialog-info (RFC 4235)', () => {
  it('parses the RFC 4235 early dialog example', () => {
    const info = DialogInfo.parse(RFC4235_EARLY);
    assert.equal(info.entity, 'sip:alice@example.com');
    assert.equal(info.version, 0);
    assert.equal(info.state, 'partial');
    const dialog = info.get('as7d900as8') as Dialog;
    assert.equal(dialog.callId, 'a84b4c76e66710');
    assert.equal(dialog.direction, 'initiator');
    assert.equal(dialog.state.value, 'early');
    assertSameXML(info.toXML(), RFC4235_EARLY);
    assert.equal(documentClassFor('application/dialog-info+xml'), DialogInfo);
  });

  it('parses participants, targets, replaces, referred-by and route sets', () => {
    const info = DialogInfo.parse(RFC4235_CONFIRMED);
    const [confirmed, terminated] = info.dialogs;
    assert.equal(confirmed!.duration, 274);
    assert.equal(String(confirmed!.local!.identity), '"Alice" <sip:alice@example.com>');
    assert.equal(confirmed!.local!.target!.get('+sip.rendering')?.value, 'yes');
    assert.equal(confirmed!.remote!.target!.uri, 'sip:bobster@phone21.example.org');
    assert.equal(terminated!.state.event, 'remote-bye');
    assert.equal(terminated!.state.code, 200);
    assert.equal(terminated!.replaces!.remoteTag, '456887766');
    assert.equal(terminated!.referredBy!.display, 'Carol');
    assert.deepEqual(terminated!.routeSet!.hops, ['sip:proxy.example.com;lr']);
    assertSameXML(info.toXML(), RFC4235_CONFIRMED);
  });

  it('builds a partial notification', () => {
    const dialog = new Dialog('d1', new DialogState('confirmed'), {
      callId: 'c@h', localTag: 'l', remoteTag: 'r', direction: 'recipient', duration: 5,
      replaces: new Replaces('x', 'y', 'z'), routeSet: new RouteSet(['sip:p1;lr']),
      local: new Local({ identity: new ParticipantIdentity('sip:me@example.com'), cseq: 3 }),
      remote: new Remote({ target: new ParticipantTarget('sip:you@192.0.2.1', [new TargetParam('isfocus', 'true')]) }),
    });
    const info = new DialogInfo('sip:me@example.com', 4, 'partial', [dialog]);
    const back = DialogInfo.parse(info.toXML({ pretty: true }));
    assert.equal(back.state, 'partial');
    const parsed = back[0] as Dialog;
    assert.equal(parsed.local!.cseq, 3);
    assert.equal(parsed.remote!.target![0]!.name, 'isfocus');
    assertSameXML(back.toXML(), info.toXML());
  });

  it('rejects invalid documents naming the element and the reason', () => {
    const wrap = (dialog: string): string => `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:a@b">${dialog}</dialog-info>`;
    assert.throws(() => DialogInfo.parse(wrap('<dialog id="1"/>')), (error: unknown) => error instanceof ValidationError && /dialog.*missing required child <state>/.test(error.message));
    assert.throws(() => DialogInfo.parse(wrap('<dialog id="1"><state>ringing</state></dialog>')), /not one of trying, proceeding, early, confirmed, terminated/);
    assert.throws(() => DialogInfo.parse(wrap('<dialog id="1"><state code="0">terminated</state></dialog>')), /code/);
    assert.throws(() => DialogInfo.parse(wrap('<dialog id="1"><state>early</state><duration>-4</duration></dialog>')), /duration/);
    assert.throws(() => DialogInfo.parse('<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="sometimes" entity="sip:a@b"/>'), /state/);
    assert.throws(() => DialogInfo.parse('<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full"/>'), /missing required attribute entity/);
    assert.throws(() => new DialogInfo('sip:a@b', -1).toXML(), BuilderError);
  });
});
