// The Engine against SIPp (Debian package sip-tester) on loopback: SIPp sends OPTIONS and
// malformed requests over UDP and TCP and checks the answers; SIPp UASs that leave the first
// copies of a MESSAGE and of an INVITE unanswered prove Timer E and Timer A (RFC 3261 §17.1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Route } from '../../../src/lookup/index.js';
import { SIPRequest, generateCallId, generateTag, type Engine } from '../../../src/core/index.js';
import { startSipp, type SippProcess } from '../../helpers/sipp.js';
import { startEngine, stopEngines } from '../../core/engine/helpers.js';

describe('Engine interop with SIPp', () => {
  let engine: Engine;
  const running: SippProcess[] = [];

  before(async () => {
    engine = await startEngine({ transports: ['udp', 'tcp'] });
  });

  after(async () => {
    await Promise.all(running.map((sipp) => sipp.stop()));
    await stopEngines(engine);
  });

  for (const transport of ['u1', 't1'] as const) {
    const protocol = transport === 'u1' ? 'udp' : 'tcp';
    it(`answers SIPp's OPTIONS with 200 and its malformed requests with 400 over ${protocol}`, async () => {
      const local = engine.localEndpoint(protocol, 4);
      const sipp = await startSipp({ scenario: 'options-and-malformed.xml', transport, remote: `127.0.0.1:${local.port}`, timeoutSeconds: 15 });
      running.push(sipp);
      const exit = await sipp.wait();
      await sipp.stop();
      assert.equal(exit.code, 0, `SIPp failed:\n${exit.errors}\n${exit.output.slice(-2000)}`);
    });
  }

  /** A request from the SDK to the SIPp UAS at `port`. */
  function requestToSipp(method: string, port: number): SIPRequest {
    return new SIPRequest(
      method,
      `sip:sipp@127.0.0.1:${port}`,
      [
        ['From', `<sip:engine@127.0.0.1>;tag=${generateTag()}`],
        ['To', `<sip:sipp@127.0.0.1:${port}>`],
        ['Call-ID', generateCallId()],
        ['CSeq', `1 ${method}`],
        ['Contact', `<sip:engine@127.0.0.1:${engine.localEndpoint('udp', 4).port}>`],
        ...(method === 'MESSAGE' ? ([['Content-Type', 'text/plain']] as Array<[string, string]>) : []),
      ],
      method === 'MESSAGE' ? 'three times, and you answer' : undefined,
    );
  }

  /** Sends `request` to SIPp and counts the copies the Engine sent (its SIP trace). */
  async function sendCounting(request: SIPRequest, port: number): Promise<{ status: number; copies: number }> {
    let copies = 0;
    const stop = engine.on('SIPEngineSIPTrace', (n) => {
      if (!n.data.received && n.data.data.startsWith(`${request.method} `) && n.data.data.includes(request.callId)) copies++;
    });
    try {
      const response = await engine.sendRequest(request, { routes: [new Route('127.0.0.1', port, 'udp')] });
      return { status: response.status, copies };
    } finally {
      stop();
    }
  }

  it('gets the final response to a MESSAGE from a SIPp UAS that leaves the first two copies unanswered (Timer E)', async () => {
    const sipp = await startSipp({ scenario: 'message-uas-late.xml', transport: 'u1', timeoutSeconds: 15, traceMessages: true });
    running.push(sipp);
    await sipp.ready();
    const { status, copies } = await sendCounting(requestToSipp('MESSAGE', sipp.port), sipp.port);
    assert.equal(status, 200);
    assert.ok(copies >= 3, `the MESSAGE was sent ${copies} times`);
    const exit = await sipp.wait();
    await sipp.stop();
    assert.equal(exit.code, 0, `SIPp failed:\n${exit.errors}\n${exit.output.slice(-2000)}`);
    const received = exit.messages.match(/^MESSAGE sip:/gm)?.length ?? 0;
    assert.ok(received >= 3, `SIPp received ${received} copies of the MESSAGE`);
  });

  it('gets the final response to an INVITE from a SIPp UAS that answers only after the third copy (Timer A), and ACKs it', async () => {
    const sipp = await startSipp({ scenario: 'invite-uas-late.xml', transport: 'u1', timeoutSeconds: 15, traceMessages: true });
    running.push(sipp);
    await sipp.ready();
    const { status, copies } = await sendCounting(requestToSipp('INVITE', sipp.port), sipp.port);
    assert.equal(status, 486);
    assert.ok(copies >= 3, `the INVITE was sent ${copies} times`);
    const exit = await sipp.wait();
    await sipp.stop();
    assert.equal(exit.code, 0, `SIPp failed (the ACK must reach it):\n${exit.errors}\n${exit.output.slice(-2000)}`);
    const received = exit.messages.match(/^INVITE sip:/gm)?.length ?? 0;
    assert.ok(received >= 3, `SIPp received ${received} copies of the INVITE`);
  });
});
