/**
 * What the primitives need from the Engine, and how they read their common
 * arguments (credentials, name-addr values, routes).
 */
import { Credentials, DigestAuthenticator } from '../auth/index.js';
import { NameAddress } from '../message/index.js';
import type { NotificationCenter } from '../../notification/index.js';
import type { RequestStack } from './request-sender.js';

/** The Engine as the primitives use it: its send path and its notification center. `Engine` fits. */
export interface PrimitiveEngine extends RequestStack {
  readonly notificationCenter: NotificationCenter;
}

/** Credentials as a primitive takes them: one set, or an account's authenticator (shared challenge cache). */
export type CredentialsInput = Credentials | DigestAuthenticator;

/** The authenticator for `credentials`, if any. */
export function toAuthenticator(credentials: CredentialsInput | undefined): DigestAuthenticator | undefined {
  if (credentials === undefined) return undefined;
  return credentials instanceof DigestAuthenticator ? credentials : new DigestAuthenticator(credentials);
}

/** A name-addr given as text or as a parsed value; a copy, so the caller's object is never changed. */
export function toNameAddress(value: NameAddress | string, element: string): NameAddress {
  return typeof value === 'string' ? NameAddress.parse(value, element) : value.clone();
}
