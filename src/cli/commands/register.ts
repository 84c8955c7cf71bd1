import { Account } from '../../account/index.js';
import { ExitCode, type Command } from '../command.js';
import { describeRegistration, describeRegistrationFailure } from '../account-events.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { integerOption, noPositionals, secondsOption } from '../option-values.js';
import { runUntil } from '../run-until.js';

/**
 * `sipsimple register`: registers the account (RFC 3261 §10) and keeps it registered,
 * printing every outcome; unregisters when it ends. With `--max-registers N` it ends after
 * N successful REGISTERs (the first and N-1 refreshes) and exits 0, or at the first
 * failure with exit 1; so `register --max-registers 1` tells a script whether the
 * account can register.
 */
export const registerCommand: Command = {
  name: 'register',
  summary: 'register the account and keep it registered; --max-registers 1 checks that it can',
  usage: `sipsimple register [--max-registers N] [--expires SECONDS] [--duration SECONDS] [--timeout SECONDS]

Registers the account (--account, else the default account) and prints each outcome:
"registered as ... at CONTACT for N s via REGISTRAR" or "registration failed: REASON".
Ends on Ctrl-C, after --duration, or with --max-registers after N successful REGISTERs,
unregistering first.

Exit codes: 0 the registration(s) succeeded (without --max-registers: the account was
registered when the command ended); 1 a registration failed (--max-registers), no
answer within --timeout, or not registered at the end.

  --max-registers N  stop after N successful REGISTERs (refreshes count), or at the first failure
  --expires S        ask for registrations of S seconds (default: the account's sip.registerInterval)
  --duration S       stop after S seconds
  --timeout S        with --max-registers: give up after S seconds without N registrations (default 30)`,
  options: {
    'max-registers': { type: 'string' },
    expires: { type: 'string' },
    duration: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run({ values, positionals, global, signal }) {
    noPositionals(positionals, 'register');
    const maxRegisters = integerOption(values['max-registers'], 'max-registers', undefined);
    const expires = integerOption(values.expires, 'expires', undefined);
    const duration = secondsOption(values.duration, 'duration');
    const timeout = secondsOption(values.timeout, 'timeout', maxRegisters === undefined ? undefined : 30);
    let successes = 0;
    let registered = false;
    let failed = false;
    const bound = [duration, timeout].filter((value): value is number => value !== undefined);
    const wait = runUntil(signal, bound.length === 0 ? undefined : Math.min(...bound));
    let removers: Array<() => void> = [];
    const result = await withClient(
      global,
      { sipAccountFor: 'register' },
      async (session) => {
        const account = sipAccountOf(session);
        if (!account.registration.enabled) {
          console.error(`sipsimple register: registration is turned off for ${account.id.toString()} (sipsimple settings set --account ${account.id.toString()} registration.enabled true)`);
          return ExitCode.failure;
        }
        const outcome = await wait.finished;
        if (maxRegisters !== undefined) {
          if (outcome === 'duration' && successes < maxRegisters && !failed) console.error(`sipsimple register: ${successes} of ${maxRegisters} registrations within the time allowed`);
          return !failed && successes >= maxRegisters ? ExitCode.ok : ExitCode.failure;
        }
        return registered ? ExitCode.ok : ExitCode.failure;
      },
      (accountId, center) => {
        const mine = (sender: unknown): boolean => sender instanceof Account && sender.id.toString() === accountId;
        const aor = `sip:${accountId}`;
        removers = [
          center.addObserver<'SIPAccountWillActivate'>((n) => {
            if (mine(n.sender) && expires !== undefined) (n.sender as Account).sip.registerInterval = expires;
          }, { name: 'SIPAccountWillActivate' }),
          center.addObserver<'SIPAccountRegistrationDidSucceed'>((n) => {
            if (!mine(n.sender)) return;
            successes++;
            registered = true;
            console.log(describeRegistration(aor, n));
            if (maxRegisters !== undefined && successes >= maxRegisters) wait.done();
          }, { name: 'SIPAccountRegistrationDidSucceed' }),
          center.addObserver<'SIPAccountRegistrationDidFail'>((n) => {
            if (!mine(n.sender)) return;
            registered = false;
            console.log(describeRegistrationFailure(n));
            if (maxRegisters !== undefined) {
              failed = true;
              wait.done();
            }
          }, { name: 'SIPAccountRegistrationDidFail' }),
          center.addObserver<'SIPAccountRegistrationDidEnd'>((n) => {
            if (mine(n.sender)) console.log('unregistered');
          }, { name: 'SIPAccountRegistrationDidEnd' }),
        ];
      },
    );
    for (const remove of removers) remove();
    return result;
  },
};
