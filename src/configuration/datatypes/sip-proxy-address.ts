import { TRANSPORT_PROTOCOLS, type TransportProtocol } from '../../core/transport/types.js';
import { textValueType, type Datatype } from '../datatype.js';
import { formatTransportAddress, parseTransportAddress } from './transport-address.js';

/**
 * A SIP proxy (an account's outbound proxy): host, optional port and optional
 * transport. What is missing is left to RFC 3263 server location, which is
 * why `port` and `transport` may be `null`. Text form:
 * `[sip:]host[:port][;transport=udp|tcp|tls|ws|wss]`. Immutable.
 */
export class SIPProxyAddress {
  constructor(
    readonly host: string,
    readonly port: number | null = null,
    readonly transport: TransportProtocol | null = null,
  ) {
    Object.freeze(this);
  }

  /** Parses the text form; throws `InvalidValueError` saying what is wrong. */
  static parse(text: string): SIPProxyAddress {
    const { host, port, transport } = parseTransportAddress(text, ['sip'], TRANSPORT_PROTOCOLS);
    return new SIPProxyAddress(host, port, transport);
  }

  /** The proxy as a SIP URI (`sip:host:port;transport=tcp`) to resolve with RFC 3263 and put in a Route. */
  get uri(): string {
    return `sip:${this.toString()}`;
  }

  toString(): string {
    return formatTransportAddress(this);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The datatype of {@link SIPProxyAddress} settings. */
export const SIPProxyAddressType: Datatype<SIPProxyAddress> = textValueType('SIPProxyAddress', SIPProxyAddress, (text) => SIPProxyAddress.parse(text), 'a proxy address');
