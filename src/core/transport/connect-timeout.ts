/**
 * Opening an outbound connection under a deadline: the connect (and any handshake) must
 * finish within the connect timeout or the attempt is abandoned with `connect-timeout`,
 * so that the transaction can try the next target (RFC 3263 §4.3).
 */
import { TransportError } from './errors.js';
import { formatEndpoint } from './endpoint.js';
import type { Destination } from './types.js';

/** One connection attempt: `abort` tears it down when the deadline passes. */
export interface ConnectAttempt<T> {
  ready: Promise<T>;
  abort(): void;
}

/** Resolves with the attempt's result, or rejects with `connect-timeout` after `timeoutMs`. */
export function withConnectTimeout<T>(attempt: ConnectAttempt<T>, destination: Destination, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      attempt.abort();
      reject(
        new TransportError(
          'connect-timeout',
          `connecting to ${destination.protocol}:${formatEndpoint(destination)} took longer than ${timeoutMs} ms`,
          { destination },
        ),
      );
    }, timeoutMs);
    attempt.ready.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The OpenSSL and Node error codes that mean a peer certificate or name did not verify. */
const VERIFICATION_CODES = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

/** Turns a failed connect into a {@link TransportError} naming the destination and the cause. */
export function connectError(error: unknown, destination: Destination): TransportError {
  if (error instanceof TransportError) return error;
  const target = `${destination.protocol}:${formatEndpoint(destination)}`;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && VERIFICATION_CODES.has(code)) {
    return new TransportError('tls-verification-failed', `certificate of ${target} did not verify: ${reason}`, {
      destination,
      cause: error,
    });
  }
  return new TransportError('connect-failed', `connecting to ${target} failed: ${reason}`, { destination, cause: error });
}
