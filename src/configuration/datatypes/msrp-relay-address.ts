import { textValueType, type Datatype } from '../datatype.js';
import { formatTransportAddress, parseTransportAddress } from './transport-address.js';

/** The transports an MSRP relay is reached over: TLS (RFC 4976), or TCP for testing. */
export type MSRPRelayTransport = 'tls' | 'tcp';

/**
 * An MSRP relay (RFC 4976): host, optional port (found with DNS SRV when
 * missing) and transport, TLS unless `;transport=tcp` is given.
 * Text form `[msrps:]host[:port][;transport=tls|tcp]`. Immutable.
 */
export class MSRPRelayAddress {
  constructor(
    readonly host: string,
    readonly port: number | null = null,
    readonly transport: MSRPRelayTransport = 'tls',
  ) {
    Object.freeze(this);
  }

  /** Parses the text form; throws `InvalidValueError` saying what is wrong. */
  static parse(text: string): MSRPRelayAddress {
    const { host, port, transport } = parseTransportAddress<MSRPRelayTransport>(text, ['msrps', 'msrp'], ['tls', 'tcp']);
    return new MSRPRelayAddress(host, port, transport ?? 'tls');
  }

  toString(): string {
    return formatTransportAddress(this);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The datatype of {@link MSRPRelayAddress} settings. */
export const MSRPRelayAddressType: Datatype<MSRPRelayAddress> = textValueType('MSRPRelayAddress', MSRPRelayAddress, (text) => MSRPRelayAddress.parse(text), 'a relay address');
