/**
 * Minimal HTTP digest (RFC 2617 §3.2.2, MD5 with qop=auth) for the lab's own proofs,
 * which talk to Kamailio with raw messages and no SDK code.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Parameters of a WWW-Authenticate / Proxy-Authenticate Digest challenge. */
export type DigestChallenge = Readonly<Record<string, string>>;

/** Parses `Digest realm="x", nonce="y", qop="auth"` into its parameters. */
export function parseDigestChallenge(header: string): DigestChallenge {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) throw new Error(`not a Digest challenge: ${header}`);
  const params: Record<string, string> = {};
  for (const part of match[1].matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|([^,\s]+))/g)) {
    params[part[1].toLowerCase()] = part[2] ?? part[3];
  }
  return params;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The Digest credentials answering `challenge` for `method` on `uri`. */
export function digestCredentials(
  challenge: DigestChallenge,
  method: string,
  uri: string,
  username: string,
  password: string,
): string {
  const realm = challenge.realm ?? '';
  const nonce = challenge.nonce ?? '';
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const fields = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`];
  if (challenge.qop?.split(',').map((q) => q.trim()).includes('auth')) {
    const cnonce = randomBytes(8).toString('hex');
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (challenge.opaque !== undefined) fields.push(`opaque="${challenge.opaque}"`);
  fields.push('algorithm=MD5');
  return `Digest ${fields.join(', ')}`;
}
