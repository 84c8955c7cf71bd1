import { invalid, textValueType, type Datatype } from '../datatype.js';
import { checkHost } from './hostname.js';

/** RFC 3261 §25.1 `user`: unreserved, user-unreserved and escaped characters. */
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;

/**
 * A SIP address `user@domain` (`sipsimple.configuration.datatypes.SIPAddress`):
 * an account's id, a voicemail address. A leading `sip:`/`sips:` is dropped
 * on parse. `String(address)` is `user@domain`. Immutable.
 */
export class SIPAddress {
  constructor(
    readonly username: string,
    readonly domain: string,
  ) {
    if (!USER.test(username)) invalid(`${JSON.stringify(username)} is not a valid SIP user name`);
    checkHost(domain);
    Object.freeze(this);
  }

  /** Parses `user@domain` (optionally prefixed with `sip:` or `sips:`). */
  static parse(text: string): SIPAddress {
    const address = text.trim().replace(/^sips?:/i, '');
    const at = address.lastIndexOf('@');
    if (at <= 0 || at === address.length - 1) invalid(`${JSON.stringify(text)} is not of the form user@domain`);
    return new SIPAddress(address.slice(0, at), address.slice(at + 1));
  }

  /** The address as a SIP URI, `sip:user@domain`. */
  get uri(): string {
    return `sip:${this.toString()}`;
  }

  equals(other: SIPAddress): boolean {
    return this.username === other.username && this.domain.toLowerCase() === other.domain.toLowerCase();
  }

  toString(): string {
    return `${this.username}@${this.domain}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The datatype of {@link SIPAddress} settings. */
export const SIPAddressType: Datatype<SIPAddress> = textValueType('SIPAddress', SIPAddress, (text) => SIPAddress.parse(text), 'user@domain');
