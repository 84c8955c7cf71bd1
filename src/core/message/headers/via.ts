/** The Via header field value (RFC 3261 §20.42, §18.2.1; rport of RFC 3581). */
import { Params } from '../../uri/params.js';
import { parseHostPort } from '../../uri/host-port.js';
import { setParam, stringParam } from './param-values.js';
import { Scanner } from './scanner.js';

/** Fields from which a {@link Via} is built. */
export interface ViaFields {
  transport: string;
  host: string;
  port?: number;
  protocol?: string;
  version?: string;
  params?: Params | Iterable<[string, string | null]>;
}

/** One Via element: `SIP/2.0/UDP host:port;branch=...;received=...;rport=...`. */
export class Via {
  /** Protocol name, normally `SIP`. */
  protocol: string;
  /** Protocol version, normally `2.0`. */
  version: string;
  /** Transport in upper case as received (`UDP`, `TCP`, `TLS`, `WS`, `WSS`, or any token). */
  transport: string;
  /** The sent-by host (IPv6 references keep their brackets). */
  host: string;
  port: number | undefined;
  readonly params: Params;

  constructor(fields: ViaFields) {
    this.protocol = fields.protocol ?? 'SIP';
    this.version = fields.version ?? '2.0';
    this.transport = fields.transport;
    this.host = fields.host;
    this.port = fields.port;
    this.params = fields.params instanceof Params ? fields.params : new Params(fields.params ?? []);
  }

  /** Parses one via-parm; throws {@link ParserError} on bad syntax or out-of-range values. */
  static parse(text: string): Via {
    const s = new Scanner(text, 'Via');
    s.skipWS();
    const protocol = s.token('protocol name');
    s.expect(0x2f);
    const version = s.token('protocol version');
    s.expect(0x2f);
    const transport = s.token('transport');
    if (!s.skipWS()) s.fail('expected whitespace before sent-by');
    const hp = parseHostPort(text, s.pos, text.length, 'Via');
    s.pos = hp.next;
    const params = s.params();
    s.end();
    for (const p of params) checkViaParam(s, p.name.toLowerCase(), p.value);
    return new Via({ protocol, version, transport, host: hp.host, port: hp.port, params });
  }

  /** The `branch` parameter (transaction identifier, RFC 3261 §8.1.1.7). */
  get branch(): string | undefined {
    return stringParam(this.params, 'branch');
  }
  set branch(value: string | undefined) {
    setParam(this.params, 'branch', value);
  }

  /** The `received` parameter (RFC 3261 §18.2.1). */
  get received(): string | undefined {
    return stringParam(this.params, 'received');
  }
  set received(value: string | undefined) {
    setParam(this.params, 'received', value);
  }

  /** The `rport` parameter (RFC 3581): `true` when present without a value. */
  get rport(): number | true | undefined {
    const v = this.params.get('rport');
    if (v === undefined) return undefined;
    return v === null ? true : Number(v);
  }
  set rport(value: number | true | undefined) {
    if (value === undefined) this.params.delete('rport');
    else this.params.set('rport', value === true ? null : String(value));
  }

  /** `host[:port]` as in the sent-by. */
  get sentBy(): string {
    return this.port === undefined ? this.host : `${this.host}:${this.port}`;
  }

  /** A deep copy. */
  clone(): Via {
    return new Via({ ...this, params: this.params.clone() });
  }

  toString(): string {
    return `${this.protocol}/${this.version}/${this.transport} ${this.sentBy}${this.params.toString()}`;
  }
}

function checkViaParam(s: Scanner, name: string, value: string | null): void {
  switch (name) {
    case 'ttl':
      if (value === null || !/^[0-9]{1,3}$/.test(value) || Number(value) > 255) s.fail(`bad ttl "${value}"`, 0);
      break;
    case 'rport':
      if (value !== null && (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65535)) s.fail(`bad rport "${value}"`, 0);
      break;
    case 'branch':
    case 'received':
    case 'maddr':
      if (value === null || value.startsWith('"')) s.fail(`${name} needs a value`, 0);
      break;
  }
}
