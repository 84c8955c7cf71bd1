/**
 * Waiting, in a network command, until the account can be reached: a SIP account once
 * it registered (when it registers at all), the Bonjour account once it advertises its
 * contact on the local network. Prints what happens, so scripts and people know when
 * the command is listening.
 */
import { Account } from '../account/index.js';
import type { BonjourAccount } from '../account/bonjour/index.js';
import type { NotificationCenter } from '../notification/index.js';
import { describeRegistration, describeRegistrationFailure } from './account-events.js';
import { terminalSafe } from './terminal-text.js';

/**
 * Prints the registration outcomes of the account `accountId` (a SIP account) or its
 * advertisement and neighbours (the Bonjour account) until the returned function is
 * called. Installed before the application starts, so that the first outcome is seen.
 */
export function reportAccount(center: NotificationCenter, accountId: string): () => void {
  const mine = (sender: unknown): boolean => (sender as { id?: unknown } | null)?.id?.toString() === accountId;
  const aor = `sip:${accountId}`;
  return combine([
    center.addObserver<'SIPAccountRegistrationDidSucceed'>((n) => mine(n.sender) && console.log(describeRegistration(aor, n)), { name: 'SIPAccountRegistrationDidSucceed' }),
    center.addObserver<'SIPAccountRegistrationDidFail'>((n) => mine(n.sender) && console.log(describeRegistrationFailure(n)), { name: 'SIPAccountRegistrationDidFail' }),
    center.addObserver<'BonjourAccountRegistrationDidSucceed'>(
      (n) => mine(n.sender) && console.log(`advertised on the local network as ${n.data.name} (${n.data.transport})`),
      { name: 'BonjourAccountRegistrationDidSucceed' },
    ),
    center.addObserver<'BonjourAccountDidAddNeighbour'>(
      (n) => mine(n.sender) && console.log(terminalSafe(`neighbour: ${n.data.displayName ?? '(no name)'} <${n.data.uri.toString()}>`)),
      { name: 'BonjourAccountDidAddNeighbour' },
    ),
    center.addObserver<'BonjourAccountDidRemoveNeighbour'>(
      (n) => mine(n.sender) && console.log(terminalSafe(`neighbour gone: ${n.data.serviceDescription.name}`)),
      { name: 'BonjourAccountDidRemoveNeighbour' },
    ),
  ]);
}

/**
 * Resolves with true once `account` is reachable (a SIP account registered, or it does not
 * register; the Bonjour account advertised over one transport); with false when its
 * registration fails, after `seconds`, or on `signal`.
 */
export async function accountReady(center: NotificationCenter, account: Account | BonjourAccount, seconds: number, signal: AbortSignal): Promise<boolean> {
  if (account instanceof Account) {
    if (!account.registration.enabled || account.currentRegistration !== undefined) return true;
  } else if (account.registeredTransports.length > 0) {
    return true;
  }
  const stop = new AbortController();
  const options = { timeout: seconds * 1000, signal: AbortSignal.any([signal, stop.signal]) };
  const outcomes: Array<Promise<boolean>> =
    account instanceof Account
      ? [
          center.waitFor({ name: 'SIPAccountRegistrationDidSucceed', sender: account }, options).then(() => true),
          center.waitFor({ name: 'SIPAccountRegistrationDidFail', sender: account }, options).then(() => false),
        ]
      : [center.waitFor({ name: 'BonjourAccountRegistrationDidSucceed', sender: account }, options).then(() => true)];
  try {
    return await Promise.race(outcomes.map((outcome) => outcome.catch(() => false)));
  } finally {
    stop.abort();
  }
}

function combine(removers: Array<() => void>): () => void {
  return () => removers.forEach((remove) => remove());
}
