import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PIDF } from '../../src/payloads/pidf.js';
import { Instance, Name, RLMIList, Resource } from '../../src/payloads/rlmi.js';
import { RLSNotify, joinMultipart, parseMediaType, splitMultipart } from '../../src/payloads/rlsnotify/index.js';
import { ParserError, ValidationError, documentClassFor } from '../../src/xml/index.js';
import { assertSameXML } from './payload-examples.js';

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

// RFC 4662 section 6 (Example): the RLMI root part of the first NOTIFY, typed in from the RFC.
const RFC4662_RLMI = `<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="urn:ietf:params:xml:ns:rlmi"
      uri="sip:adam-friends@pres.vancouver.example.com"
      version="1" fullState="true">
  <name xml:lang="en">Buddy List at COM</name>
  <name xml:lang="de">Liste der Freunde an COM</name>
  <resource uri="sip:bob@vancouver.example.com">
    <name>Bob Smith</name>
    <instance id="juwigmtboe" state="active"
              cid="bUZBsM@pres.vancouver.example.com"/>
  </resource>
  <resource uri="sip:dave@vancouver.example.com">
    <name>Dave Jones</name>
    <instance id="hqzsuxtfyq" state="active"
              cid="ZvSvkz@pres.vancouver.example.com"/>
  </resource>
  <resource uri="sip:ed@dallas.example.net">
    <name>Ed at NET</name>
  </resource>
  <resource uri="sip:adam-friends@stockholm.example.org">
    <name xml:lang="en">My Friends at ORG</name>
    <name xml:lang="de">Meine Freunde an ORG</name>
  </resource>
</list>`;

// RFC 4662 section 6 (Example): the whole multipart/related body of that NOTIFY.
const RFC4662_CONTENT_TYPE = 'multipart/related;type="application/rlmi+xml";\r\n    start="<nXYxAE@pres.vancouver.example.com>";\r\n    boundary="50UBfW7LSCVLtggUPe5z"';
const RFC4662_BODY = crlf(`--50UBfW7LSCVLtggUPe5z
Content-Transfer-Encoding: binary
Content-ID: <nXYxAE@pres.vancouver.example.com>
Content-Type: application/rlmi+xml;charset="UTF-8"

${RFC4662_RLMI}

--50UBfW7LSCVLtggUPe5z
Content-Transfer-Encoding: binary
Content-ID: <bUZBsM@pres.vancouver.example.com>
Content-Type: application/pidf+xml;charset="UTF-8"

<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    entity="sip:bob@vancouver.example.com">
  <tuple id="sg89ae">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="1.0">sip:bob@vancouver.example.com</contact>
  </tuple>
</presence>

--50UBfW7LSCVLtggUPe5z
Content-Transfer-Encoding: binary
Content-ID: <ZvSvkz@pres.vancouver.example.com>
Content-Type: application/pidf+xml;charset="UTF-8"

<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    entity="sip:dave@vancouver.example.com">
  <tuple id="slie74">
    <status>
      <basic>closed</basic>
    </status>
  </tuple>
</presence>

--50UBfW7LSCVLtggUPe5z--
`);

describe('RLMI (RFC 4662 section 5)', () => {
  it('parses the RFC 4662 section 6 RLMI document', () => {
    const list = RLMIList.parse(RFC4662_RLMI);
    assert.equal(list.uri, 'sip:adam-friends@pres.vancouver.example.com');
    assert.equal(list.version, 1);
    assert.equal(list.fullState, true);
    assert.deepEqual(list.names.map((n) => [n.lang, n.value]), [['en', 'Buddy List at COM'], ['de', 'Liste der Freunde an COM']]);
    assert.equal(list.length, 4);
    const bob = list.get('sip:bob@vancouver.example.com')!;
    assert.equal(bob.names[0]!.value, 'Bob Smith');
    assert.equal(bob[0]!.state, 'active');
    assert.equal(bob[0]!.cid, 'bUZBsM@pres.vancouver.example.com');
    assert.equal(list.get('sip:ed@dallas.example.net')!.length, 0);
    assertSameXML(list.toXML(), RFC4662_RLMI);
    assert.equal(documentClassFor('application/rlmi+xml'), RLMIList);
  });

  it('builds a partial notification with a terminated instance', () => {
    const list = new RLMIList('sip:list@example.com', 7, false, [
      new Resource('sip:a@example.com', [new Instance('x1', 'terminated', { reason: 'rejected' })], [new Name('A', 'en')]),
    ]);
    const back = RLMIList.parse(list.toXML({ pretty: true }));
    assert.equal(back.fullState, false);
    assert.equal(back.version, 7);
    assert.equal(back[0]![0]!.reason, 'rejected');
  });

  it('rejects invalid RLMI naming the element and the reason', () => {
    assert.throws(() => RLMIList.parse('<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="1"/>'), /missing required attribute fullState/);
    assert.throws(() => RLMIList.parse('<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="-1" fullState="true"/>'),
      (error: unknown) => error instanceof ValidationError && /version/.test(error.message));
    assert.throws(() => RLMIList.parse('<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="1" fullState="true"><resource uri="sip:a@x"><instance id="1" state="sleeping"/></resource></list>'),
      /instance.*not one of active, pending, terminated/);
  });
});

describe('RLS NOTIFY multipart/related body (RFC 4662 section 5)', () => {
  it('splits the RFC 4662 section 6 body and parses each part by its type', () => {
    const notify = RLSNotify.parse(RFC4662_BODY, RFC4662_CONTENT_TYPE);
    assert.equal(notify.list.uri, 'sip:adam-friends@pres.vancouver.example.com');
    assert.equal(notify.parts.length, 2);
    assert.deepEqual(notify.invalid, []);
    const [bob] = notify.documents('sip:bob@vancouver.example.com');
    assert.ok(bob instanceof PIDF);
    assert.equal(bob.entity, 'sip:bob@vancouver.example.com');
    const dave = notify.instances('sip:dave@vancouver.example.com');
    assert.equal(dave.length, 1);
    assert.equal(dave[0]!.instance.id, 'hqzsuxtfyq');
    assert.ok(dave[0]!.part?.document instanceof PIDF);
    assert.equal(notify.instances('sip:ed@dallas.example.net').length, 0);
    assert.equal(notify.part('<ZvSvkz@pres.vancouver.example.com>'), dave[0]!.part);
    assert.equal(notify.instances().length, 2);
  });

  it('builds a body that parses back, nested lists included', () => {
    const inner = new RLMIList('sip:inner@example.com', 1, true, [new Resource('sip:c@example.com')]);
    inner.cid = 'inner-root@example.com';
    const nestedBody = RLSNotify.encode(inner, [], 'innerboundary');
    const outer = new RLMIList('sip:outer@example.com', 3, true, [
      new Resource('sip:bob@vancouver.example.com', [new Instance('i1', 'active', { cid: 'bob@example.com' })]),
      new Resource('sip:inner@example.com', [new Instance('i2', 'active', { cid: 'inner@example.com' })]),
    ]);
    const bob = PIDF.parse(RFC4662_BODY.slice(RFC4662_BODY.indexOf('<?xml', RFC4662_BODY.indexOf('bUZBsM@pres.vancouver.example.com>')), RFC4662_BODY.indexOf('</presence>') + 11));
    const { contentType, body } = RLSNotify.encode(outer, [{ cid: 'bob@example.com', document: bob }]);
    // Append the nested list as a part by hand: re-split and join with one more part.
    const media = parseMediaType(contentType);
    const parts = splitMultipart(body, media.parameters.get('boundary')!);
    parts.push({ headers: [['Content-ID', '<inner@example.com>'], ['Content-Type', nestedBody.contentType]], body: nestedBody.body } as never);
    const full = joinMultipart(parts, media.parameters.get('boundary')!);
    const notify = RLSNotify.parse(full, contentType);
    assert.equal(notify.list.version, 3);
    assert.ok(notify.documents('sip:bob@vancouver.example.com')[0] instanceof PIDF);
    const nested = notify.instances('sip:inner@example.com')[0]!.part!.nested!;
    assert.equal(nested.list.uri, 'sip:inner@example.com');
  });

  it('keeps a part that fails to parse and reports it', () => {
    const broken = RFC4662_BODY.replace('<basic>closed</basic>', '<basic>ajar</basic>');
    const notify = RLSNotify.parse(broken, RFC4662_CONTENT_TYPE);
    assert.equal(notify.invalid.length, 1);
    assert.ok(notify.invalid[0]!.error instanceof ParserError);
    assert.equal(notify.invalid[0]!.contentID, 'ZvSvkz@pres.vancouver.example.com');
    assert.ok(notify.invalid[0]!.part.body.toString().includes('ajar'));
  });

  it('refuses hostile XML in the root part and reports it in a state part', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:x@y">&lol2;</presence>';
    const hostileRoot = RFC4662_BODY.replace('<?xml version="1.0" encoding="UTF-8"?>\r\n<list', '<!DOCTYPE list SYSTEM "http://attacker.example/x.dtd">\r\n<list');
    assert.throws(() => RLSNotify.parse(hostileRoot, RFC4662_CONTENT_TYPE), (error: unknown) => error instanceof ParserError && /DOCTYPE/i.test(error.message));
    const start = RFC4662_BODY.indexOf('<?xml', RFC4662_BODY.indexOf('<ZvSvkz@'));
    const end = RFC4662_BODY.indexOf('</presence>', start) + '</presence>'.length;
    const notify = RLSNotify.parse(RFC4662_BODY.slice(0, start) + laughs + RFC4662_BODY.slice(end), RFC4662_CONTENT_TYPE);
    assert.equal(notify.invalid.length, 1);
    assert.match(notify.invalid[0]!.error!.message, /DOCTYPE/i);
    assert.equal(notify.documents('sip:dave@vancouver.example.com').length, 0);
  });

  it('accepts base64 parts, LF line ends and no start parameter (the first part is the root)', () => {
    const rlmi = Buffer.from(RFC4662_RLMI).toString('base64');
    const body = `--b\nContent-Type: application/rlmi+xml\nContent-Transfer-Encoding: base64\n\n${rlmi}\n--b--\n`;
    assert.equal(RLSNotify.parse(body, 'multipart/related; boundary=b; type="application/rlmi+xml"').list.length, 4);
  });

  it('rejects malformed bodies with a ParserError naming the fault', () => {
    const cases: Array<[string, string, RegExp]> = [
      [RFC4662_BODY, 'application/pidf+xml', /not multipart\/related/],
      [RFC4662_BODY, 'multipart/related;type="application/rlmi+xml"', /without a boundary/],
      [RFC4662_BODY, 'multipart/related;boundary=other', /no delimiter/],
      [RFC4662_BODY.replace('--50UBfW7LSCVLtggUPe5z--', ''), RFC4662_CONTENT_TYPE, /missing close delimiter/],
      [RFC4662_BODY, RFC4662_CONTENT_TYPE.replace('nXYxAE', 'nope'), /no part has the start Content-ID/],
      [RFC4662_BODY.replace('Content-ID: <bUZBsM', 'Content-ID <bUZBsM'), RFC4662_CONTENT_TYPE, /malformed header field/],
      ['--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--', 'multipart/related;boundary=b', /root part is text\/plain/],
      ['--b\r\nContent-Type: application/rlmi+xml\r\nContent-Transfer-Encoding: x-rot13\r\n\r\nhi\r\n--b--', 'multipart/related;boundary=b', /unsupported Content-Transfer-Encoding/],
      ['--b\r\nContent-Type: application/rlmi+xml\r\n\r\n<list/>\r\n--b--', 'multipart/related;boundary=b', /list/],
      ['--b\r\n\r\nx\r\n--b--', 'multipart/related;boundary="unterminated', /unterminated quoted value/],
    ];
    for (const [body, type, pattern] of cases) {
      assert.throws(() => RLSNotify.parse(body, type), (error: unknown) => error instanceof ParserError && pattern.test(error.message), `${pattern}`);
    }
    assert.throws(() => RLSNotify.parse(RFC4662_BODY, RFC4662_CONTENT_TYPE, { maxParts: 2 }), /more than 2 parts/);
  });
});
