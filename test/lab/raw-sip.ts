/**
 * Raw SIP and MSRP exchanges for the lab's own proofs over TLS, WebSocket and MSRP,
 * where SIPp (built without TLS and WebSocket) cannot go. Each exchange is one request
 * and its response, read from a stream or WebSocket frames; no SDK code is used.
 */
import { randomBytes } from 'node:crypto';
import { digestCredentials, parseDigestChallenge } from './digest.js';

/** A response's status code and headers (names in lower case). */
export interface RawResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly text: string;
}

/** Sends one request and resolves with the raw text of its response. */
export type Exchange = (request: string) => Promise<string>;

/** Parses a SIP or MSRP response's start line and headers. */
export function parseRawResponse(text: string): RawResponse {
  const head = text.split('\r\n\r\n')[0];
  const [startLine, ...lines] = head.split('\r\n');
  const status = /^(?:SIP\/2\.0|MSRP \S+) (\d{3})/.exec(startLine);
  if (!status) throw new Error(`not a response: ${startLine}`);
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[1]), headers, text };
}

/**
 * Accumulates stream data and hands out complete SIP messages (headers up to the blank
 * line plus Content-Length bytes of body), RFC 3261 §18.3 framing.
 */
export class StreamFramer {
  private buffer = '';

  /** Adds data and returns the messages it completed. */
  push(data: string): string[] {
    this.buffer += data;
    const messages: string[] = [];
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/\r\n(?:content-length|l)\s*:\s*(\d+)/i.exec(this.buffer.slice(0, end + 2))?.[1] ?? 0);
      if (this.buffer.length < end + 4 + length) break;
      messages.push(this.buffer.slice(0, end + 4 + length));
      this.buffer = this.buffer.slice(end + 4 + length);
    }
    return messages;
  }
}

/** Where the REGISTER comes from and whom it registers. */
export interface RawRegistration {
  /** Via transport token: TLS, WS, WSS, TCP. */
  readonly transport: string;
  readonly username: string;
  readonly password: string;
  readonly domain: string;
  /** Host put in Via and Contact (e.g. `127.0.0.1` or `abcd.invalid` for WebSocket). */
  readonly contactHost: string;
}

function registerRequest(reg: RawRegistration, callId: string, cseq: number, authorization?: string): string {
  const lines = [
    `REGISTER sip:${reg.domain} SIP/2.0`,
    `Via: SIP/2.0/${reg.transport} ${reg.contactHost};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`,
    'Max-Forwards: 70',
    `From: <sip:${reg.username}@${reg.domain}>;tag=${callId.slice(0, 8)}`,
    `To: <sip:${reg.username}@${reg.domain}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} REGISTER`,
    `Contact: <sip:${reg.username}@${reg.contactHost};transport=${reg.transport.toLowerCase()}>`,
    'Expires: 300',
  ];
  if (authorization) lines.push(`Authorization: ${authorization}`);
  lines.push('Content-Length: 0', '', '');
  return lines.join('\r\n');
}

/** REGISTER (RFC 3261 §10.2) answered by a 401 challenge, then with credentials; both responses. */
export async function registerWithDigest(exchange: Exchange, reg: RawRegistration): Promise<{ challenge: RawResponse; final: RawResponse }> {
  const callId = randomBytes(10).toString('hex');
  const challenge = parseRawResponse(await exchange(registerRequest(reg, callId, 1)));
  if (challenge.status !== 401) return { challenge, final: challenge };
  const params = parseDigestChallenge(challenge.headers.get('www-authenticate')?.[0] ?? '');
  const credentials = digestCredentials(params, 'REGISTER', `sip:${reg.domain}`, reg.username, reg.password);
  const final = parseRawResponse(await exchange(registerRequest(reg, callId, 2, credentials)));
  return { challenge, final };
}

/** Whom an MSRP AUTH (RFC 4976 §7.1) comes from and which relay it goes to. */
export interface RawMsrpAuth {
  /** The relay's MSRP URI, e.g. `msrp://127.0.0.1:15065;tcp`. */
  readonly relayUri: string;
  /** The client's own MSRP URI (From-Path). */
  readonly clientUri: string;
  readonly username: string;
  readonly password: string;
}

function msrpAuthRequest(auth: RawMsrpAuth, authorization?: string): string {
  const transaction = randomBytes(6).toString('hex');
  const lines = [`MSRP ${transaction} AUTH`, `To-Path: ${auth.relayUri}`, `From-Path: ${auth.clientUri}`];
  if (authorization) lines.push(`Authorization: ${authorization}`);
  lines.push(`-------${transaction}$`, '');
  return lines.join('\r\n');
}

/** MSRP AUTH answered by 401, then with credentials (no Expires: see docs/lab.md); both responses. */
export async function msrpAuthWithDigest(exchange: Exchange, auth: RawMsrpAuth): Promise<{ challenge: RawResponse; final: RawResponse }> {
  const challenge = parseRawResponse(await exchange(msrpAuthRequest(auth)));
  if (challenge.status !== 401) return { challenge, final: challenge };
  const params = parseDigestChallenge(challenge.headers.get('www-authenticate')?.[0] ?? '');
  const credentials = digestCredentials(params, 'AUTH', auth.relayUri, auth.username, auth.password);
  const final = parseRawResponse(await exchange(msrpAuthRequest(auth, credentials)));
  return { challenge, final };
}
