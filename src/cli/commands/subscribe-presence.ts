import type { Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { describeResource } from '../presence-document.js';
import { observeAccountSubscription, runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { UsageError } from '../usage-error.js';

/**
 * `sipsimple subscribe-presence URI`: subscribes to the presence of a contact (RFC 3856)
 * and prints each NOTIFY's subscription state and parsed PIDF summary.
 */
export const subscribePresenceCommand: Command = {
  name: 'subscribe-presence',
  summary: 'watch a contact\'s presence: one line per NOTIFY (state, status, note, activities, mood)',
  usage: `sipsimple subscribe-presence URI [--count N] [--duration SECONDS]

Subscribes to the presence of URI (user@domain or sip:user@domain) and prints one line
per NOTIFY: "URI: pending" while the contact has not authorized the subscription, then
"URI: active: open, note "...", activities ..., mood ...".

${SUBSCRIPTION_OPTIONS_HELP}`,
  options: { ...SUBSCRIPTION_OPTIONS },
  async run({ values, positionals, global, signal }) {
    const [target, ...extra] = positionals;
    if (target === undefined || extra.length > 0) throw new UsageError('subscribe-presence takes exactly one URI');
    const limits = subscriptionLimits(values);
    return withClient(global, { sipAccountFor: 'subscribe-presence' }, async (session) => {
      const account = sipAccountOf(session);
      return runSubscription({
        limits,
        what: `presence of ${target}`,
        signal,
        observe: (control) => [
          ...observeAccountSubscription(session.center, account, control),
          session.center.addObserver<'SIPAccountGotPresenceState'>((n) => {
            for (const resource of n.data.resources) console.log(describeResource(resource));
            control.notified();
          }, { name: 'SIPAccountGotPresenceState', sender: account }),
        ],
        subscribe: () => account.subscribePresence(target),
      });
    });
  },
};
