// RFC 4475 torture tests: one test per file of ../shared/testdata/rfc4475/index.tsv.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParserError } from '../../../src/errors.js';
import {
  SIPRequest,
  SIPResponse,
  parseMessage,
  parseMultipart,
  validateRequest,
  validateResponse,
  type SIPMessage,
} from '../../../src/core/index.js';
import { RFC4475_INDEX, readTortureMessage } from '../../helpers/rfc4475.js';

function load(file: string): SIPMessage {
  return parseMessage(readTortureMessage(file));
}

function request(file: string): SIPRequest {
  const m = load(file);
  assert.ok(m instanceof SIPRequest, `${file} is a request`);
  return m;
}

function response(file: string): SIPResponse {
  const m = load(file);
  assert.ok(m instanceof SIPResponse, `${file} is a response`);
  return m;
}

/** A valid request that a UAS processes. */
function acceptsRequest(file: string): SIPRequest {
  const r = request(file);
  assert.equal(validateRequest(r), undefined);
  return r;
}

/** An invalid request that a UAS answers with `status` and a reason naming `fault`. */
function rejects(file: string, status: number, fault: RegExp, options = {}): void {
  const fault1 = validateRequest(request(file), options);
  assert.ok(fault1, `${file} is flagged`);
  assert.equal(fault1.status, status);
  assert.match(fault1.reason, fault);
}

/** A message the parser refuses, with a ParserError saying where. */
function refuses(file: string, what: RegExp): void {
  assert.throws(
    () => load(file),
    (e: unknown) => e instanceof ParserError && what.test(e.message),
  );
}

const checks: Record<string, () => void> = {
  'wsinv.dat': () => {
    const r = acceptsRequest('wsinv.dat');
    assert.equal(r.method, 'INVITE');
    assert.equal(r.to.displayName, undefined);
    assert.equal(r.to.tag, '1918181833n');
    assert.equal(r.from.tag, '98asjd8');
    assert.equal(r.maxForwards, 68);
    assert.equal(r.from.displayName, 'J Rosenberg \\"');
    assert.equal(r.getHeader('subject'), '');
    assert.equal(r.via[0]!.branch, '390skdjuw');
    assert.equal(r.via[0]!.transport, 'UDP');
    assert.equal(r.cseq.seq, 9);
    assert.equal(r.cseq.method, 'INVITE');
    assert.equal(r.getHeader('UnknownHeaderWithUnusualValue'), ';;,,;;,;');
    assert.equal(r.contentType?.essence, 'application/sdp');
    assert.equal(r.body.length, r.contentLength);
    assert.equal(r.getHeaders('NewFangledHeader')[0], 'newfangled value continued newfangled value');
  },
  'intmeth.dat': () => {
    const r = acceptsRequest('intmeth.dat');
    assert.equal(r.method, '!interesting-Method0123456789_*+`.%indeed\'~');
    assert.equal(r.cseq.method, r.method);
    const line = readTortureMessage('intmeth.dat').toString('utf8').split('\r\n').find((l) => l.startsWith('extensionHeader'))!;
    assert.equal(r.getHeader('EXTENSIONheader-!.%*+_`\'~'), line.slice(line.indexOf(':') + 1));
  },
  'esc01.dat': () => {
    const r = acceptsRequest('esc01.dat');
    assert.equal(r.uri.kind, 'sip');
    assert.equal(r.uri.kind === 'sip' && r.uri.user, 'sips%3Auser%40example.com');
    assert.equal(r.contact[0]!.uri.toString(), 'sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31');
  },
  'escnull.dat': () => {
    const r = acceptsRequest('escnull.dat');
    assert.equal(r.contact.length, 2);
    assert.equal(r.to.uri.kind === 'sip' && r.to.uri.user, 'null-%00-null');
  },
  'esc02.dat': () => {
    const r = acceptsRequest('esc02.dat');
    assert.equal(r.method, 'RE%47IST%45R');
    assert.equal(r.from.displayName, '%Z%45');
    assert.equal(r.contact.length, 2, 'C%6Fntact is another header field');
    assert.equal(r.getHeader('C%6Fntact'), '<sip:alias2@host2.example.com>');
  },
  'lwsdisp.dat': () => {
    const r = acceptsRequest('lwsdisp.dat');
    assert.equal(r.from.displayName, 'caller');
  },
  'longreq.dat': () => {
    const r = acceptsRequest('longreq.dat');
    assert.equal(r.via.length, 34);
    assert.match(r.to.displayName!, /^I have a user name of (extreme){10} proportion$/);
    assert.ok(r.from.tag!.length > 100);
    assert.ok(r.getHeader('unknown-' + 'Long'.repeat(20) + '-name')!.length > 100);
  },
  'dblreq.dat': () => {
    const r = acceptsRequest('dblreq.dat');
    assert.equal(r.method, 'REGISTER');
    assert.equal(r.body.length, 0);
    assert.ok(!r.toString().includes('INVITE'), 'the trailing octets are discarded');
  },
  'semiuri.dat': () => {
    const r = acceptsRequest('semiuri.dat');
    assert.ok(r.uri.kind === 'sip');
    assert.equal(r.uri.kind === 'sip' && r.uri.user, 'user;par=u%40example.net');
    assert.equal(r.uri.kind === 'sip' && r.uri.params.size, 0);
    assert.equal(r.accept.length, 6);
  },
  'transports.dat': () => {
    const r = acceptsRequest('transports.dat');
    assert.deepEqual(
      r.via.map((v) => v.transport),
      ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP'],
    );
  },
  'mpart01.dat': () => {
    const r = acceptsRequest('mpart01.dat');
    const parts = parseMultipart(r.body, r.contentType!);
    assert.equal(parts.length, 2);
    assert.equal(parts[0]!.contentType?.essence, 'text/plain');
    assert.equal(parts[0]!.body.toString(), 'Hello');
    assert.equal(parts[1]!.contentType?.essence, 'application/octet-stream');
    assert.ok(parts[1]!.body.length > 300);
  },
  'unreason.dat': () => {
    const r = response('unreason.dat');
    assert.equal(r.status, 200);
    assert.equal(r.reason, '= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435');
    assert.equal(validateResponse(r), undefined);
  },
  'noreason.dat': () => {
    const r = response('noreason.dat');
    assert.equal(r.status, 100);
    assert.equal(r.reason, '');
    assert.equal(validateResponse(r), undefined);
  },
  'badinv01.dat': () => rejects('badinv01.dat', 400, /Via/),
  'clerr.dat': () => rejects('clerr.dat', 400, /Content-Length Larger Than Message/),
  'ncl.dat': () => rejects('ncl.dat', 400, /Content-Length/),
  'scalar02.dat': () => rejects('scalar02.dat', 400, /CSeq/),
  'scalarlg.dat': () => assert.match(validateResponse(response('scalarlg.dat'))!, /CSeq/),
  'quotbal.dat': () => rejects('quotbal.dat', 400, /To/),
  'ltgtruri.dat': () => rejects('ltgtruri.dat', 400, /Request-URI/),
  'lwsruri.dat': () => rejects('lwsruri.dat', 400, /Request-URI/),
  'lwsstart.dat': () => rejects('lwsstart.dat', 400, /Request-Line/),
  'trws.dat': () => rejects('trws.dat', 400, /Request-Line \(trailing whitespace\)/),
  'escruri.dat': () => rejects('escruri.dat', 400, /Headers Not Allowed in Request-URI/),
  'baddate.dat': () => rejects('baddate.dat', 400, /Date/),
  'regbadct.dat': () => rejects('regbadct.dat', 400, /Contact/),
  'badaspec.dat': () => rejects('badaspec.dat', 400, /To/),
  'baddn.dat': () => refuses('baddn.dat', /no empty line/),
  'baddn.crlf-fixed.dat': () => rejects('baddn.crlf-fixed.dat', 400, /From/),
  'badvers.dat': () => rejects('badvers.dat', 505, /Version Not Supported/),
  'mismatch01.dat': () => rejects('mismatch01.dat', 400, /CSeq Method/),
  'mismatch02.dat': () => rejects('mismatch02.dat', 400, /CSeq Method/),
  'bigcode.dat': () => refuses('bigcode.dat', /bad status code/),
  'badbranch.dat': () => {
    const r = acceptsRequest('badbranch.dat');
    assert.equal(r.via[0]!.branch, 'z9hG4bK', 'only the magic cookie: a UAS treats it as an RFC 2543 branch');
  },
  'insuf.dat': () => rejects('insuf.dat', 400, /Missing Required Header Field/),
  'unkscm.dat': () => rejects('unkscm.dat', 416, /Unsupported URI Scheme/),
  'novelsc.dat': () => rejects('novelsc.dat', 416, /Unsupported URI Scheme/),
  'unksm2.dat': () => {
    const r = acceptsRequest('unksm2.dat');
    assert.equal(r.to.uri.scheme, 'isbn');
  },
  'bext01.dat': () => {
    acceptsRequest('bext01.dat');
    const fault = validateRequest(request('bext01.dat'), { supportedExtensions: ['100rel'] });
    assert.equal(fault?.status, 420);
    assert.deepEqual(fault?.unsupported, ['nothingSupportsThis', 'nothingSupportsThisEither']);
  },
  'invut.dat': () => {
    acceptsRequest('invut.dat');
    rejects('invut.dat', 415, /Unsupported Media Type/, { acceptedContentTypes: ['application/sdp'] });
  },
  'regaut01.dat': () => {
    const r = acceptsRequest('regaut01.dat');
    assert.equal(r.authorization[0]!.scheme, 'NoOneKnowsThisScheme');
    assert.equal(r.authorization[0]!.params['opaque-data'], 'here');
  },
  'multi01.dat': () => rejects('multi01.dat', 400, /Multiple Values in Single-Value Header Field/),
  'mcl01.dat': () => rejects('mcl01.dat', 400, /Multiple Values in Single-Value Header Field Content-Length/),
  'bcast.dat': () => {
    const r = response('bcast.dat');
    assert.equal(r.via[1]!.host, '255.255.255.255');
    assert.equal(validateResponse(r), undefined);
  },
  'zeromf.dat': () => assert.equal(acceptsRequest('zeromf.dat').maxForwards, 0),
  'cparam01.dat': () => {
    const c = acceptsRequest('cparam01.dat').contact[0]!;
    assert.equal(c.params.get('unknownparam'), null, 'addr-spec form: the parameter is a header parameter');
    assert.equal(c.uri.kind === 'sip' && c.uri.params.size, 0);
  },
  'cparam02.dat': () => {
    const c = acceptsRequest('cparam02.dat').contact[0]!;
    assert.equal(c.uri.kind === 'sip' && c.uri.params.get('unknownparam'), null);
    assert.equal(c.params.size, 0);
  },
  'regescrt.dat': () => {
    const c = acceptsRequest('regescrt.dat').contact[0]!;
    assert.equal(c.uri.kind === 'sip' && c.uri.headers.get('Route'), '%3Csip:sip.example.com%3E');
  },
  'sdp01.dat': () => {
    const r = acceptsRequest('sdp01.dat');
    assert.deepEqual(
      r.accept.map((t) => t.essence),
      ['text/nobodyknowsthis'],
    );
  },
  'inv2543.dat': () => {
    const r = acceptsRequest('inv2543.dat');
    assert.equal(r.via[0]!.branch, undefined);
    assert.equal(r.to.params.get('user'), 'phone', 'addr-spec form: a header parameter');
    assert.equal(r.from.uri.kind === 'sip' && r.from.uri.params.get('user'), 'phone');
    assert.equal(r.maxForwards, undefined);
  },
  'test.dat': () => refuses('test.dat', /SIP-Version/),
};

describe('RFC 4475 torture messages', () => {
  it('has a check for every file of the index', () => {
    assert.deepEqual(RFC4475_INDEX.map((e) => e.file).filter((f) => !(f in checks)), []);
  });
  for (const entry of RFC4475_INDEX) {
    it(`§${entry.section} ${entry.title} (${entry.file}, ${entry.kind})`, () => {
      checks[entry.file]!();
      if (entry.kind === 'valid') {
        const m = load(entry.file);
        assert.equal(parseMessage(m.toBuffer()).toString(), m.toString(), 'serialization round trip');
      }
    });
  }
});
