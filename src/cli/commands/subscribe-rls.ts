import type { Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { describeResource } from '../presence-document.js';
import { observeAccountSubscription, runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/**
 * `sipsimple subscribe-rls URI`: subscribes to a resource list served by an RLS
 * (RFC 4662, `Supported: eventlist`) and prints, per NOTIFY, the list (RLMI) and each
 * resource's state and presence summary.
 */
export const subscribeRLSCommand: Command = {
  name: 'subscribe-rls',
  summary: 'watch an RLS resource list: its resources and their presence, per NOTIFY',
  usage: `sipsimple subscribe-rls URI [--count N] [--duration SECONDS]

Subscribes to the presence of the resource list URI (an entry of the account's
rls-services document on the XCAP server) and prints for each NOTIFY:
"list URI (version V, full state|partial): N resources" then one line per resource,
"  sip:bob@example.test (Bob): active: open, note ...".

${SUBSCRIPTION_OPTIONS_HELP}`,
  options: { ...SUBSCRIPTION_OPTIONS },
  async run({ values, positionals, global, signal }) {
    const [target, ...extra] = positionals;
    if (target === undefined || extra.length > 0) throw new UsageError('subscribe-rls takes exactly one list URI');
    const limits = subscriptionLimits(values);
    return withClient(global, { sipAccountFor: 'subscribe-rls' }, async (session) => {
      const account = sipAccountOf(session);
      return runSubscription({
        limits,
        what: `the resource list ${target}`,
        signal,
        observe: (control) => [
          ...observeAccountSubscription(session.center, account, control),
          session.center.addObserver<'SIPAccountGotPresenceState'>((n) => {
            const { list, resources } = n.data;
            const heading = list === undefined ? n.data.resourceUri : `${list.uri} (version ${list.version}, ${list.fullState ? 'full state' : 'partial'})`;
            console.log(terminalSafe(`list ${heading}: ${resources.length} resource${resources.length === 1 ? '' : 's'}`));
            for (const resource of resources) console.log(terminalSafe(`  ${describeResource(resource)}`));
            control.notified();
          }, { name: 'SIPAccountGotPresenceState', sender: account }),
        ],
        subscribe: () => account.subscribeResourceList(target),
      });
    });
  },
};
