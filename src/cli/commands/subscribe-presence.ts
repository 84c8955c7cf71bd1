import { Account, type AccountSubscription } from '../../account/index.js';
import { accountReady } from '../account-ready.js';
import { bonjourTarget, noNeighbour } from '../bonjour-target.js';
import { ExitCode, type Command } from '../command.js';
import { withClient } from '../client-session.js';
import { describeResource } from '../presence-document.js';
import { observeAccountSubscription, runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/**
 * `sipsimple subscribe-presence URI`: subscribes to the presence of a contact (RFC 3856)
 * and prints each NOTIFY's subscription state and parsed PIDF summary.
 */
export const subscribePresenceCommand: Command = {
  name: 'subscribe-presence',
  summary: 'watch a contact\'s presence: one line per NOTIFY (state, status, note, activities, mood)',
  usage: `sipsimple subscribe-presence URI [--count N] [--duration SECONDS]

Subscribes to the presence of URI (user@domain or sip:user@domain; with the Bonjour
account a neighbour's contact URI or display name, peer to peer) and prints one line
per NOTIFY: "URI: pending" while the contact has not authorized the subscription, then
"URI: active: open, note "...", activities ..., mood ...".

${SUBSCRIPTION_OPTIONS_HELP}`,
  options: { ...SUBSCRIPTION_OPTIONS },
  async run({ values, positionals, global, signal }) {
    const [target, ...extra] = positionals;
    if (target === undefined || extra.length > 0) throw new UsageError('subscribe-presence takes exactly one URI');
    const limits = subscriptionLimits(values);
    return withClient(global, {}, async (session) => {
      const { account, center } = session;
      let subscribe: () => Promise<AccountSubscription>;
      let what = `presence of ${target}`;
      if (account instanceof Account) {
        subscribe = () => account.subscribePresence(target);
      } else {
        // The Bonjour account: a neighbour on the local network, by name or URI.
        if (!(await accountReady(center, account, 10, signal))) return ExitCode.failure;
        const peer = await bonjourTarget(account, center, target, signal);
        if (peer === undefined) {
          console.error(`sipsimple subscribe-presence: ${noNeighbour(target)}`);
          return ExitCode.failure;
        }
        what = `presence of ${typeof peer === 'string' ? peer : peer.uri.toString()}`;
        subscribe = () => account.subscribeToPresence(peer);
      }
      return runSubscription({
        limits,
        what,
        signal,
        observe: (control) => [
          ...observeAccountSubscription(center, account, control),
          center.addObserver<'SIPAccountGotPresenceState'>((n) => {
            for (const resource of n.data.resources) console.log(terminalSafe(describeResource(resource)));
            control.notified();
          }, { name: 'SIPAccountGotPresenceState', sender: account }),
        ],
        subscribe,
      });
    });
  },
};
