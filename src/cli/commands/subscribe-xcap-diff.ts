import { createXCAPDiffSubscriptionFactory, parseXCAPDiffChanges } from '../../xcap/index.js';
import { ParserError } from '../../errors.js';
import type { Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { noPositionals } from '../option-values.js';
import { terminalSafe } from '../terminal-text.js';

/**
 * `sipsimple subscribe-xcap-diff`: subscribes to xcap-diff (RFC 5875) at the account's own
 * address and prints each document change a NOTIFY names (RFC 5874): which document, and
 * its previous and new ETag.
 */
export const subscribeXCAPDiffCommand: Command = {
  name: 'subscribe-xcap-diff',
  summary: 'watch the account\'s XCAP documents: one line per changed document',
  usage: `sipsimple subscribe-xcap-diff [--count N] [--duration SECONDS]

Subscribes to xcap-diff at the account's own address and prints, for each NOTIFY that
names documents, one line per document: "changed AUID/users/XUI/DOCUMENT: etag OLD -> NEW"
("created" without a previous ETag, "removed" without a new one). NOTIFYs without a body
(pending, or no change yet) print nothing and do not count.

${SUBSCRIPTION_OPTIONS_HELP}`,
  options: { ...SUBSCRIPTION_OPTIONS },
  async run({ values, positionals, global, signal }) {
    noPositionals(positionals, 'subscribe-xcap-diff');
    const limits = subscriptionLimits(values);
    return withClient(global, { sipAccountFor: 'subscribe-xcap-diff' }, async (session) => {
      const account = sipAccountOf(session);
      const routes = await account.requestRoutes();
      const contact = account.contact.get(routes?.[0] ?? account.transports()[0]!);
      const subscription = createXCAPDiffSubscriptionFactory(session.application.engine, {
        aor: account.uri.toString(),
        contactHeader: `<${contact.toString()}>`,
        credentials: account.authenticator(),
        refresh: account.sip.subscribeInterval,
        ...(routes === undefined ? {} : { routes }),
      })();
      return runSubscription({
        limits,
        what: `xcap-diff of ${account.uri.toString()}`,
        signal,
        observe: (control) => [
          subscription.on('SIPSubscriptionGotNotify', (n) => {
            if (n.data.body.length === 0) return;
            try {
              for (const change of parseXCAPDiffChanges(n.data.body)) {
                const verb = change.previousEtag === undefined ? 'created' : change.newEtag === undefined ? 'removed' : 'changed';
                console.log(terminalSafe(`${verb} ${change.selector}: etag ${change.previousEtag ?? '-'} -> ${change.newEtag ?? '-'}`));
              }
              control.notified();
            } catch (error) {
              if (!(error instanceof ParserError)) throw error;
              console.log(`unreadable xcap-diff NOTIFY: ${error.message}`);
            }
          }),
          subscription.on('SIPSubscriptionDidFail', (n) => control.failed(`subscription failed: ${n.data.code} ${n.data.reason}`)),
          subscription.on('SIPSubscriptionDidEnd', (n) => {
            if (n.data.originator === 'remote') control.ended(`subscription ended by the server${n.data.reason === undefined ? '' : ` (${n.data.reason})`}`);
          }),
        ],
        subscribe: async () => {
          await subscription.subscribe();
          return { end: (timeout) => subscription.end(timeout === undefined ? {} : { timeout }) };
        },
      });
    });
  },
};
