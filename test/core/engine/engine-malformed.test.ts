// The Engine's receive path over real UDP: malformed requests get 400 and the stack goes on
// serving; garbage is dropped; the RFC 4475 torture messages get the answers the RFC asks for.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KNOWN_METHODS, type Engine } from '../../../src/core/index.js';
import { RFC4475_INDEX, readTortureMessage } from '../../helpers/rfc4475.js';
import { callIdOf, rawOptions, startEngine, stopEngines, UdpPeer } from './helpers.js';


/** A request that a UA must answer with this status (and a reason phrase matching `reason`), per RFC 4475 §3. */
interface Answer {
  status: number;
  reason?: RegExp;
}

/**
 * What the RFC asks of a UAS with no handlers for each message. Requests the RFC calls valid are
 * processed: OPTIONS gets 200, a known method without a handler 405, an unknown one 501
 * (RFC 3261 §8.2.1, §21.5.2). `null`: no answer (responses, and bytes that are no SIP message).
 */
const expected: Record<string, Answer | 'valid' | null> = {
  'wsinv.dat': 'valid',
  'intmeth.dat': 'valid',
  'esc01.dat': 'valid',
  'escnull.dat': 'valid',
  'esc02.dat': 'valid',
  'lwsdisp.dat': 'valid',
  'longreq.dat': 'valid',
  'dblreq.dat': 'valid',
  'semiuri.dat': 'valid',
  'transports.dat': 'valid',
  'mpart01.dat': 'valid',
  'unreason.dat': null,
  'noreason.dat': null,
  'badinv01.dat': { status: 400, reason: /Via/ },
  'clerr.dat': { status: 400, reason: /Content-Length/ },
  'ncl.dat': { status: 400, reason: /Content-Length/ },
  'scalar02.dat': { status: 400, reason: /CSeq/ },
  'scalarlg.dat': null,
  'quotbal.dat': { status: 400, reason: /To/ },
  'ltgtruri.dat': { status: 400, reason: /Request-URI/ },
  'lwsruri.dat': { status: 400, reason: /Request-URI/ },
  'lwsstart.dat': { status: 400, reason: /Request-Line/ },
  'trws.dat': { status: 400, reason: /Request-Line/ },
  'escruri.dat': { status: 400, reason: /Request-URI/ },
  'baddate.dat': { status: 400, reason: /Date/ },
  'regbadct.dat': { status: 400, reason: /Contact/ },
  'badaspec.dat': { status: 400, reason: /To/ },
  'baddn.dat': null,
  'baddn.crlf-fixed.dat': { status: 400, reason: /From/ },
  'badvers.dat': { status: 505 },
  'mismatch01.dat': { status: 400, reason: /CSeq/ },
  'mismatch02.dat': { status: 400, reason: /CSeq/ },
  'bigcode.dat': null,
  'badbranch.dat': 'valid',
  'insuf.dat': { status: 400, reason: /Missing Required Header Field/ },
  'unkscm.dat': { status: 416 },
  'novelsc.dat': { status: 416 },
  'unksm2.dat': 'valid',
  'bext01.dat': { status: 420 },
  'invut.dat': 'valid',
  'regaut01.dat': 'valid',
  'multi01.dat': { status: 400, reason: /Multiple Values/ },
  'mcl01.dat': { status: 400, reason: /Content-Length/ },
  'bcast.dat': null,
  'zeromf.dat': 'valid',
  'cparam01.dat': 'valid',
  'cparam02.dat': 'valid',
  'regescrt.dat': 'valid',
  'sdp01.dat': 'valid',
  'inv2543.dat': 'valid',
  'test.dat': null,
};

/** The status a UAS without handlers gives a valid request of `method`. */
function validAnswer(method: string): number {
  if (method === 'OPTIONS') return 200;
  return KNOWN_METHODS.has(method) ? 405 : 501;
}

/**
 * The message with the sent-by of its first Via pointing at the test's socket, so that the
 * response, sent to the sent-by port (RFC 3261 §18.2.2), comes back to it. Nothing else changes.
 */
function aimedAt(data: Buffer, port: number): Buffer {
  const text = data.toString('latin1');
  const via = /(SIP\s*\/\s*\d+\.\d+\s*\/\s*[A-Za-z]+\s+)([^\s;,]+)/.exec(text.slice(text.indexOf('\n')));
  if (via === null) return data;
  const at = text.indexOf('\n') + via.index + via[1]!.length;
  return Buffer.concat([data.subarray(0, at), Buffer.from(`127.0.0.1:${port}`), data.subarray(at + via[2]!.length)]);
}

describe('Engine: malformed requests over UDP', () => {
  let engine: Engine;
  let peer: UdpPeer;
  let port: number;
  const logs: string[] = [];

  before(async () => {
    engine = await startEngine({ transports: ['udp'] });
    engine.on('SIPEngineLog', (n) => logs.push(`${n.data.level}: ${n.data.message}`));
    peer = await UdpPeer.open();
    port = engine.localEndpoint('udp', 4).port;
  });

  after(async () => {
    await peer.close();
    await stopEngines(engine);
  });

  it('answers a request with a malformed CSeq 400 naming the fault, and a valid one right after 200', async () => {
    const bad = rawOptions(peer.port).replace('CSeq: 1 OPTIONS', 'CSeq: one OPTIONS');
    await peer.send(bad, port);
    const first = await peer.next(callIdOf(bad));
    assert.equal(first.status, 400);
    assert.match(first.reason, /CSeq/);
    assert.doesNotMatch(first.reason, /[\r\n]/);
    const good = rawOptions(peer.port);
    await peer.send(good, port);
    const second = await peer.next(callIdOf(good));
    assert.equal(second.status, 200);
  });

  it('fills received and rport of the top Via in the response (RFC 3261 §18.2.1, RFC 3581 §4)', async () => {
    const request = rawOptions(peer.port).replace(`127.0.0.1:${peer.port};`, `client.invalid:${peer.port};rport;`);
    await peer.send(request, port);
    const response = await peer.next(callIdOf(request));
    assert.equal(response.status, 200);
    assert.equal(response.via[0]!.received, '127.0.0.1');
    assert.equal(response.via[0]!.rport, peer.port);
  });

  it('logs and drops bytes that are no SIP message, and goes on serving', async () => {
    logs.length = 0;
    await peer.send('this is not SIP at all\r\n', port);
    const probe = rawOptions(peer.port);
    await peer.send(probe, port);
    const response = await peer.next();
    assert.equal(response.status, 200, 'the first answer is the OPTIONS one: the garbage got none');
    assert.ok(logs.some((line) => /^warning: dropped an unparseable message/.test(line)), logs.join('\n'));
  });

  it('answers a retransmitted malformed request again, and a well-formed fault once per transaction', async () => {
    const bad = rawOptions(peer.port).replace('To: <sip:bob@example.test>', 'To: "unterminated <sip:bob@example.test>');
    await peer.send(bad, port);
    await peer.send(bad, port);
    assert.equal((await peer.next(callIdOf(bad))).status, 400);
    assert.equal((await peer.next(callIdOf(bad))).status, 400);
  });

  for (const { file, section, title } of RFC4475_INDEX) {
    const answer = expected[file];
    it(`RFC 4475 §${section} ${title} (${file})`, async () => {
      assert.notEqual(answer, undefined, `${file} has an expectation`);
      // A socket per message: many of them share a branch, and with one sent-by they would match
      // one server transaction (RFC 3261 §17.2.3) and get its response again.
      const own = await UdpPeer.open();
      try {
        const data = aimedAt(readTortureMessage(file), own.port);
        const text = data.toString('latin1');
        const callId = /^(?:Call-ID|i)[ \t]*:/im.test(text) ? callIdOf(text) : undefined;
        await own.send(data, port);
        // An OPTIONS sent right after shows the engine still serves; once its 200 is in, any answer to the file is too.
        const probe = rawOptions(own.port);
        await own.send(probe, port);
        assert.equal((await own.next(callIdOf(probe))).status, 200);
        if (answer === null) {
          assert.equal(own.pending(), 0, `${file} got no answer`);
          return;
        }
        const first = await own.next(callId);
        assert.equal(own.pending(), 0, 'one answer');
        const status = answer === 'valid' ? validAnswer(first.cseq.method) : answer!.status;
        assert.equal(first.status, status, `${file}: ${first.status} ${first.reason}`);
        if (answer !== 'valid' && answer!.reason) assert.match(first.reason, answer!.reason);
        assert.doesNotMatch(first.reason, /[\r\n]/);
      } finally {
        await own.close();
      }
    });
  }
});
