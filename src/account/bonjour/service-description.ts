/**
 * `BonjourServiceDescription` (python-sipsimple's name): what identifies one service
 * instance in DNS-SD (RFC 6763 §4.1): `<Instance>.<Service>.<Domain>`, for example
 * `lxzvgack-udp._sipuri._udp.local`.
 */

/** One DNS-SD service instance: instance name, service type and domain (RFC 6763 §4.1). */
export class BonjourServiceDescription {
  /**
   * @param name the instance name (one DNS label, RFC 6763 §4.1.1)
   * @param type the service type, `_sipuri._udp` or `_sipuri._tcp` (RFC 6763 §7)
   * @param domain the domain, `local` for mDNS (RFC 6762 §3)
   */
  constructor(
    readonly name: string,
    readonly type: string,
    readonly domain: string = 'local',
  ) {}

  /** The full DNS name of the instance: `<name>.<type>.<domain>`. */
  get fullName(): string {
    return `${this.name}.${this.type}.${this.domain}`;
  }

  /** Whether both describe the same instance (DNS names compare case-insensitively, RFC 6762 §16). */
  equals(other: BonjourServiceDescription): boolean {
    return this.fullName.toLowerCase() === other.fullName.toLowerCase();
  }

  /** The full name. */
  toString(): string {
    return this.fullName;
  }
}
