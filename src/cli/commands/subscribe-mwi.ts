import type { MessageSummary } from '../../payloads/messagesummary.js';
import type { Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { observeAccountSubscription, runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/**
 * `sipsimple subscribe-mwi [URI]`: subscribes to message-summary (RFC 3842) at the
 * voicemail URI (default: the account's `messageSummary.voicemailUri`, else its own
 * address) and prints each summary.
 */
export const subscribeMWICommand: Command = {
  name: 'subscribe-mwi',
  summary: 'watch the voicemail box: message-waiting and counts, per NOTIFY',
  usage: `sipsimple subscribe-mwi [URI] [--count N] [--duration SECONDS]

Subscribes to message-summary (message waiting indication) at URI, by default the
account's messageSummary.voicemailUri or else its own address, and prints for each
NOTIFY: "messages waiting: yes, account sip:...; voice-message 2 new, 1 old".

${SUBSCRIPTION_OPTIONS_HELP}`,
  options: { ...SUBSCRIPTION_OPTIONS },
  async run({ values, positionals, global, signal }) {
    const [target, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError('subscribe-mwi takes at most one URI');
    const limits = subscriptionLimits(values);
    return withClient(global, { sipAccountFor: 'subscribe-mwi' }, async (session) => {
      const account = sipAccountOf(session);
      return runSubscription({
        limits,
        what: `message-summary of ${target ?? account.messageSummary.voicemailUri?.uri ?? account.uri.toString()}`,
        signal,
        observe: (control) => [
          ...observeAccountSubscription(session.center, account, control),
          session.center.addObserver<'SIPAccountMWIDidGetSummary'>((n) => {
            console.log(terminalSafe(describeSummary(n.data.messageSummary)));
            control.notified();
          }, { name: 'SIPAccountMWIDidGetSummary', sender: account }),
        ],
        subscribe: () => account.subscribeMessageSummary(target),
      });
    });
  },
};

/** `messages waiting: yes, account sip:alice@example.test; voice-message 2 new, 1 old (1 urgent new)`. */
function describeSummary(summary: MessageSummary): string {
  const counts = [...summary.summaries].map(([kind, count]) => {
    const urgent = count.newUrgentMessages === undefined ? '' : ` (${count.newUrgentMessages} urgent new, ${count.oldUrgentMessages ?? 0} urgent old)`;
    return `${kind} ${count.newMessages} new, ${count.oldMessages} old${urgent}`;
  });
  const account = summary.messageAccount === undefined ? '' : `, account ${summary.messageAccount}`;
  return `messages waiting: ${summary.messagesWaiting ? 'yes' : 'no'}${account}${counts.length === 0 ? '' : `; ${counts.join('; ')}`}`;
}
