/**
 * Lines the CLI prints about its account: registration outcomes (for `register` and for
 * every command that keeps a SIP account registered while it runs).
 */
import type { Notification } from '../notification/index.js';

/** `registered as sip:alice@example.test at <contact> for 3600 s via 127.0.0.1:5060/tcp`. */
export function describeRegistration(aor: string, n: Notification<'SIPAccountRegistrationDidSucceed'>): string {
  const { contactHeader, expires, registrar } = n.data;
  return `registered as ${aor} at ${contactHeader} for ${expires} s via ${registrar.toString()}`;
}

/** `registration failed: 403 Forbidden (next try in 30 s)`. */
export function describeRegistrationFailure(n: Notification<'SIPAccountRegistrationDidFail'>): string {
  const { error, timeout } = n.data;
  return `registration failed: ${error}${timeout > 0 ? ` (next try in ${Math.round(timeout)} s)` : ''}`;
}
