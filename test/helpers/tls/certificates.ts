/**
 * Throwaway certificates for TLS tests, made at test time with the `openssl` command in a
 * temporary folder that `cleanup()` removes: a CA, a server certificate for `sip.test`,
 * `localhost`, 127.0.0.1 and ::1, a client certificate, and an unrelated CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its private key, PEM. */
export interface CertificatePair {
  cert: string;
  key: string;
}

/** The test PKI. */
export interface TestPki {
  /** The CA that signed `server` and `client`. */
  ca: CertificatePair;
  /** A CA that signed nothing here: trusting only it makes verification fail. */
  unknownCa: CertificatePair;
  /** Server certificate: CN sip.test, SANs DNS:sip.test, DNS:localhost, IP:127.0.0.1, IP:::1. */
  server: CertificatePair;
  /** Client certificate: CN alice, SAN URI:sip:alice@sip.test. */
  client: CertificatePair;
  /** Removes the temporary folder. */
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const KEY_ARGS = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string, commonName: string): CertificatePair {
  openssl(
    [
      'req', '-x509', ...KEY_ARGS, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${commonName}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return { cert: readFileSync(join(dir, `${name}.crt`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

function makeLeaf(dir: string, name: string, commonName: string, extensions: string, caName: string): CertificatePair {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(['req', ...KEY_ARGS, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${commonName}`], dir);
  openssl(
    [
      'x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.crt`, '-CAkey', `${caName}.key`, '-set_serial', String(Date.now()),
      '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`,
    ],
    dir,
  );
  return { cert: readFileSync(join(dir, `${name}.crt`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

/** Makes a fresh test PKI with the openssl CLI. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'sipsimple-pki-'));
  try {
    const ca = makeCa(dir, 'ca', 'sipsimple test CA');
    const unknownCa = makeCa(dir, 'unknown-ca', 'sipsimple unknown CA');
    const server = makeLeaf(
      dir,
      'server',
      'sip.test',
      'subjectAltName=DNS:sip.test,DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n',
      'ca',
    );
    const client = makeLeaf(dir, 'client', 'alice', 'subjectAltName=URI:sip:alice@sip.test\nextendedKeyUsage=clientAuth\n', 'ca');
    return { ca, unknownCa, server, client, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
