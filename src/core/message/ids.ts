/** Random identifiers for branches, tags and Call-IDs (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3). */
import { randomBytes } from 'node:crypto';

/** The magic cookie that starts every RFC 3261 branch (§8.1.1.7). */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** `bytes` crypto-random bytes as base64url (URL-safe, token characters only). */
function randomToken(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const out = pool.toString('base64url', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return out;
}

/** A new Via branch: the magic cookie plus 96 random bits. */
export function generateBranch(): string {
  return BRANCH_MAGIC_COOKIE + randomToken(12);
}

/** A new From/To tag with 64 random bits (§19.3 asks for at least 32). */
export function generateTag(): string {
  return randomToken(8);
}

/** A new Call-ID with 120 random bits; `host` is appended after `@` when given. */
export function generateCallId(host?: string): string {
  const id = randomToken(15);
  return host === undefined ? id : `${id}@${host}`;
}
