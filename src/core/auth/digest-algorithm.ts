/**
 * The digest algorithms of RFC 7616 §3.3 and §6.1 (MD5, SHA-256,
 * SHA-512-256, each also as `-sess`), used by SIP as RFC 8760 allows.
 */

/** One digest algorithm: its name on the wire, Node's hash, session variant, rank. */
export interface DigestAlgorithm {
  /** The name as written in the `algorithm` auth-param, e.g. `SHA-256-sess`. */
  readonly name: string;
  /** The `node:crypto` hash name. */
  readonly hash: 'md5' | 'sha256' | 'sha512-256';
  /** Whether A1 includes the nonce and cnonce (RFC 7616 §3.4.2). */
  readonly session: boolean;
  /** Higher is stronger: SHA-512-256 > SHA-256 > MD5. */
  readonly strength: number;
}

const BASES = [
  { name: 'MD5', hash: 'md5', strength: 1 },
  { name: 'SHA-256', hash: 'sha256', strength: 2 },
  { name: 'SHA-512-256', hash: 'sha512-256', strength: 3 },
] as const;

/** Every algorithm this stack answers, by lower-case name. */
const ALGORITHMS: ReadonlyMap<string, DigestAlgorithm> = new Map(
  BASES.flatMap((base): Array<[string, DigestAlgorithm]> => [
    [base.name.toLowerCase(), { name: base.name, hash: base.hash, session: false, strength: base.strength }],
    [`${base.name.toLowerCase()}-sess`, { name: `${base.name}-sess`, hash: base.hash, session: true, strength: base.strength }],
  ]),
);

/**
 * The algorithm named by an `algorithm` auth-param (case-insensitive), MD5
 * when the parameter is absent (RFC 7616 §3.3), or `undefined` when this stack
 * does not support it.
 */
export function digestAlgorithm(name: string | undefined): DigestAlgorithm | undefined {
  return ALGORITHMS.get((name ?? 'MD5').toLowerCase());
}

/** The names of every supported algorithm, strongest first. */
export function supportedDigestAlgorithms(): string[] {
  return [...ALGORITHMS.values()].sort((a, b) => b.strength - a.strength).map((a) => a.name);
}
