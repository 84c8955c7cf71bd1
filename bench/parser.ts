// Parser benchmark: our parser next to JsSIP's and SIP.js's on the same corpus
// of typical client messages, in the same run, plus our heap per parsed message.
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseMessage, type SIPMessage } from '../src/core/message/index.js';
import { Parser as SIPJSParser } from 'sip.js/lib/core/messages/parser.js';
import type { Logger } from 'sip.js/lib/core/log/logger.js';

const require = createRequire(import.meta.url);
const JsSIPParser = require('jssip/lib/Parser.js') as { parseMessage(data: string, ua: object): unknown };

const crlf = (lines: string[]) => lines.join('\r\n');
const SDP = crlf([
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 192.0.2.101',
  's=-',
  'c=IN IP4 192.0.2.101',
  't=0 0',
  'm=audio 49172 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=sendrecv',
  '',
]);
const PIDF = crlf([
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com">',
  '  <tuple id="t8a7s6"><status><basic>open</basic></status><contact>sip:alice@192.0.2.101</contact></tuple>',
  '</presence>',
  '',
]);

function message(lines: string[], body = ''): string {
  return crlf([...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body]);
}

const via = 'Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;rport';
const viaReceived = 'Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;received=198.51.100.7;rport=41234';
const from = 'From: "Alice Liddell" <sip:alice@example.com>;tag=9fxced76sl';
const to = 'To: "Bob" <sip:bob@example.com>';
const callId = 'Call-ID: 3848276298220188511@192.0.2.101';
const ua = 'User-Agent: sipsimple/0.1';

/** REGISTER with credentials, 401, INVITE with SDP, 180, 200 with SDP, NOTIFY with PIDF, MESSAGE, PUBLISH. */
export const CORPUS: string[] = [
  message([
    'REGISTER sip:example.com SIP/2.0',
    via,
    'Max-Forwards: 70',
    'From: <sip:alice@example.com>;tag=a73kszlfl',
    'To: <sip:alice@example.com>',
    callId,
    'CSeq: 2 REGISTER',
    'Contact: <sip:alice@192.0.2.101:5060;transport=udp>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";reg-id=1;expires=3600',
    'Authorization: Digest username="alice", realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", uri="sip:example.com", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001',
    'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, REFER, PUBLISH',
    'Supported: path, outbound, gruu',
    ua,
  ]),
  message([
    'SIP/2.0 401 Unauthorized',
    viaReceived,
    'From: <sip:alice@example.com>;tag=a73kszlfl',
    'To: <sip:alice@example.com>;tag=1410948204',
    callId,
    'CSeq: 1 REGISTER',
    'WWW-Authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", opaque="5ccc069c403ebaf9f0171e9517f40e41", qop="auth,auth-int", algorithm=MD5, stale=FALSE',
    'Server: Kamailio (5.7.4 (x86_64/linux))',
  ]),
  message(
    [
      'INVITE sip:bob@example.com SIP/2.0',
      via,
      'Max-Forwards: 70',
      from,
      to,
      callId,
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@192.0.2.101:5060;ob>',
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, REFER, NOTIFY',
      'Supported: replaces, 100rel, timer',
      'Session-Expires: 1800',
      'Content-Type: application/sdp',
      ua,
    ],
    SDP,
  ),
  message([
    'SIP/2.0 180 Ringing',
    viaReceived,
    'Record-Route: <sip:proxy.example.com;lr>',
    from,
    'To: "Bob" <sip:bob@example.com>;tag=8321234356',
    callId,
    'CSeq: 1 INVITE',
    'Contact: <sip:bob@198.51.100.20:5060>',
  ]),
  message(
    [
      'SIP/2.0 200 OK',
      viaReceived,
      'Record-Route: <sip:proxy.example.com;lr>',
      from,
      'To: "Bob" <sip:bob@example.com>;tag=8321234356',
      callId,
      'CSeq: 1 INVITE',
      'Contact: <sip:bob@198.51.100.20:5060>',
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS',
      'Supported: replaces, timer',
      'Content-Type: application/sdp',
    ],
    SDP.replace(/alice/g, 'bob').replace(/192\.0\.2\.101/g, '198.51.100.20'),
  ),
  message(
    [
      'NOTIFY sip:alice@192.0.2.101:5060 SIP/2.0',
      'Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK.presence1',
      'Max-Forwards: 70',
      'From: <sip:bob@example.com>;tag=ffd2',
      'To: <sip:alice@example.com>;tag=xfg9',
      'Call-ID: 2010b5f2-presence@192.0.2.101',
      'CSeq: 7 NOTIFY',
      'Contact: <sip:pres@203.0.113.5:5060>',
      'Event: presence',
      'Subscription-State: active;expires=3599',
      'Content-Type: application/pidf+xml',
    ],
    PIDF,
  ),
  message(
    [
      'MESSAGE sip:bob@example.com SIP/2.0',
      via,
      'Max-Forwards: 70',
      from,
      to,
      callId,
      'CSeq: 3 MESSAGE',
      'Content-Type: text/plain;charset=utf-8',
      ua,
    ],
    'Hello Bob, are you there?',
  ),
  message(
    [
      'PUBLISH sip:alice@example.com SIP/2.0',
      via,
      'Max-Forwards: 70',
      'From: <sip:alice@example.com>;tag=1234wxyz',
      'To: <sip:alice@example.com>',
      callId,
      'CSeq: 4 PUBLISH',
      'Event: presence',
      'Expires: 3600',
      'SIP-If-Match: dx200xyz',
      'Content-Type: application/pidf+xml',
      ua,
    ],
    PIDF,
  ),
];

interface Candidate {
  name: string;
  inputs: unknown[];
  parse: (input: never) => unknown;
}

interface Result {
  name: string;
  /** Best messages/s over the rounds. */
  rate: number;
  /** Median over the rounds of this rate divided by the reference's rate in the same round. */
  ratio: number;
}

/** Messages per second parsing `inputs` round-robin for about `windowMs`. */
function window(c: Candidate, windowMs: number): number {
  let count = 0;
  let ok = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < windowMs) {
    for (let i = 0; i < c.inputs.length; i++) if (c.parse(c.inputs[i] as never)) ok++;
    count += c.inputs.length;
    elapsed = performance.now() - start;
  }
  if (ok !== count) throw new Error(`${c.name} failed on the corpus`);
  return (count * 1000) / elapsed;
}

/**
 * Best rate of each candidate over `rounds` rounds, and each candidate's median
 * ratio to the `reference` candidate within a round. Every round times each
 * candidate in turn, so that load from other processes hits all of them alike.
 */
function measure(candidates: Candidate[], reference: number, windowMs: number, rounds: number): Result[] {
  for (const c of candidates) window(c, windowMs / 4);
  const rates: number[][] = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) candidates.forEach((c, i) => rates[i]!.push(window(c, windowMs)));
  return candidates.map((c, i) => {
    const ratios = rates[i]!.map((rate, r) => rate / rates[reference]![r]!).sort((a, b) => a - b);
    return { name: c.name, rate: Math.max(...rates[i]!), ratio: ratios[Math.floor(ratios.length / 2)]! };
  });
}

/** What a UA reads on every received message (JsSIP and SIP.js parse these eagerly). */
function ours(input: Buffer | string): SIPMessage {
  const m = parseMessage(input);
  void m.via[0]!.branch;
  void m.from.tag;
  void m.to.tag;
  void m.callId;
  void m.cseq.seq;
  return m;
}

/** Every typed header JsSIP parses eagerly (its Parser.parseHeader), for the strictest comparison. */
function oursLikeJsSIP(input: Buffer): SIPMessage {
  const m = ours(input);
  void m.recordRoute;
  void m.contact;
  void m.contentLength;
  void m.contentType;
  void m.maxForwards;
  void m.wwwAuthenticate;
  void m.proxyAuthenticate;
  void m.referTo;
  void m.replaces;
  return m;
}

function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap bytes held per parsed message (beyond its received bytes), over `count` retained messages. */
function heapPerMessage(buffers: Buffer[], count: number): number {
  const gc = gcFunction();
  const inputs = Array.from({ length: count }, (_, i) => Buffer.from(buffers[i % buffers.length]!));
  const retained: SIPMessage[] = new Array(count);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) retained[i] = ours(inputs[i]!);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (retained.length !== count) throw new Error('lost messages');
  return (after - before) / count;
}

/** Runs the parser benchmark and prints messages/s for each parser and our heap per message. */
export function run(): void {
  const buffers = CORPUS.map((m) => Buffer.from(m));
  // Sanity: every parser accepts the whole corpus.
  const jssipUA = {};
  const logger = { warn() {}, error() {}, log() {}, debug() {} } as unknown as Logger;
  for (const text of CORPUS) {
    if (!JsSIPParser.parseMessage(text, jssipUA)) throw new Error('JsSIP rejected the corpus');
    if (!SIPJSParser.parseMessage(text, logger)) throw new Error('SIP.js rejected the corpus');
    ours(text);
  }
  const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 500);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const results = measure(
    [
      { name: 'sipsimple (Buffer in, Via/From/To/Call-ID/CSeq read)', inputs: buffers, parse: ours },
      { name: 'sipsimple (string in, same reads)', inputs: CORPUS, parse: ours },
      { name: 'sipsimple (Buffer in, all JsSIP parses eagerly)', inputs: buffers, parse: oursLikeJsSIP },
      { name: 'JsSIP 3 Parser.parseMessage (string)', inputs: CORPUS, parse: (t: string) => JsSIPParser.parseMessage(t, jssipUA) },
      { name: 'SIP.js 0.21 Parser.parseMessage (string)', inputs: CORPUS, parse: (t: string) => SIPJSParser.parseMessage(t, logger) },
    ],
    3,
    windowMs,
    rounds,
  );
  const avg = buffers.reduce((n, b) => n + b.length, 0) / buffers.length;
  console.log(`corpus: ${CORPUS.length} messages, ${avg.toFixed(0)} bytes on average; best msg/s of ${rounds} rounds, median same-round ratio`);
  for (const r of results) {
    console.log(`${r.name.padEnd(56)} ${Math.round(r.rate).toString().padStart(9)} msg/s  ${r.ratio.toFixed(1).padStart(5)}x JsSIP`);
  }
  const heap = heapPerMessage(buffers, 20000);
  console.log(`sipsimple heap per parsed message: ${Math.round(heap)} bytes beyond its ${avg.toFixed(0)} received bytes (20000 retained, after GC)`);
}
