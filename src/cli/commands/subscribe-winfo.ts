import type { Watcher } from '../../payloads/watcherinfo.js';
import type { Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { observeAccountSubscription, runSubscription, subscriptionLimits, SUBSCRIPTION_OPTIONS, SUBSCRIPTION_OPTIONS_HELP } from '../subscription-run.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';
import { checkXCAPAccount, observeXCAPManager, openXCAPManager, type XCAPAccess, type XCAPObservation } from '../xcap-access.js';
import { requireSupport, setPolicy } from './xcap-policy.js';

/** What to do with a watcher's subscriptions. */
type WatcherDecision = 'allow' | 'block';

/** Seconds the wait for the XCAP server (in sync, then each decision on it) may take. */
const XCAP_WAIT = 20;

/**
 * `sipsimple subscribe-winfo`: subscribes to the watchers of the account's presence
 * (presence.winfo, RFC 3857/3858) and prints them; allows or blocks watchers, named ones
 * at start (`--allow`, `--block`) or each pending one as it appears (`--allow-pending`,
 * `--block-pending`). A decision is what `sipsimple xcap policy set URI allow|block`
 * does: through the account's XCAPManager, which keeps the pres-rules document
 * (org.openmobilealliance.pres-rules when the server offers it, RFC 5025), so there
 * is one writer of the watcher policy.
 */
export const subscribeWinfoCommand: Command = {
  name: 'subscribe-winfo',
  summary: 'watch who watches the account\'s presence; allow or block watchers (pres-rules over XCAP)',
  usage: `sipsimple subscribe-winfo [--allow URI]... [--block URI]... [--allow-pending | --block-pending] [--count N] [--duration SECONDS]

Subscribes to the watcher information of the account's presence and prints one line per
watcher a NOTIFY changes: "watcher sip:bob@example.test: pending (subscribe)".

Authorization goes into the account's presence policy on its XCAP server, as
"sipsimple xcap policy set URI allow|block" does (the account needs xcap.enabled true, and
xcap.xcapRoot or a root found in DNS): --allow and --block decide for the named watchers
before subscribing; --allow-pending and --block-pending decide for every pending watcher
that appears. Each decision prints "allowed URI" or "blocked URI" once it is on the server.

  --allow URI       allow URI to see the account's presence (repeatable)
  --block URI       block URI (repeatable)
  --allow-pending   allow every watcher that is pending
  --block-pending   block every watcher that is pending
${SUBSCRIPTION_OPTIONS_HELP}`,
  options: {
    allow: { type: 'string', multiple: true },
    block: { type: 'string', multiple: true },
    'allow-pending': { type: 'boolean' },
    'block-pending': { type: 'boolean' },
    ...SUBSCRIPTION_OPTIONS,
  },
  async run({ values, positionals, global, signal }) {
    if (positionals.length > 0) throw new UsageError(`subscribe-winfo takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
    if (values['allow-pending'] === true && values['block-pending'] === true) throw new UsageError('--allow-pending and --block-pending exclude each other');
    const decisions: Array<[string, WatcherDecision]> = [
      ...((values.allow as string[] | undefined) ?? []).map((uri) => [watcherURI(uri, 'allow'), 'allow'] as [string, WatcherDecision]),
      ...((values.block as string[] | undefined) ?? []).map((uri) => [watcherURI(uri, 'block'), 'block'] as [string, WatcherDecision]),
    ];
    const pendingDecision: WatcherDecision | undefined = values['allow-pending'] === true ? 'allow' : values['block-pending'] === true ? 'block' : undefined;
    const limits = subscriptionLimits(values);
    const needsXCAP = decisions.length > 0 || pendingDecision !== undefined;
    if (needsXCAP) await checkXCAPAccount(global, 'subscribe-winfo with --allow, --block, --allow-pending or --block-pending');
    let observation: XCAPObservation | undefined;
    try {
      return await withClient(
        global,
        { sipAccountFor: 'subscribe-winfo' },
        async (session) => {
          const account = sipAccountOf(session);
          const access: XCAPAccess | undefined = needsXCAP ? await openXCAPManager(account, observation!, { seconds: XCAP_WAIT, signal }) : undefined;
          if (access !== undefined) requireSupport(access, 'presence');
          const decided = new Set<string>();
          // One decision at a time: each waits until its change is on the server.
          let deciding: Promise<void> = Promise.resolve();
          const decide = (uri: string, decision: WatcherDecision): Promise<void> => {
            deciding = deciding.catch(() => undefined).then(async () => {
              await setPolicy(access!, 'presence', uri, decision);
              console.log(`${decision === 'allow' ? 'allowed' : 'blocked'} ${uri}`);
            });
            return deciding;
          };
          for (const [uri, decision] of decisions) {
            await decide(uri, decision);
            decided.add(uri);
          }
          return await runSubscription({
            limits,
            what: `the watchers of ${account.uri.toString()}`,
            signal,
            observe: (control) => [
              ...observeAccountSubscription(session.center, account, control),
              session.center.addObserver<'SIPAccountGotPresenceWinfo'>((n) => {
                for (const watcher of n.data.updated) console.log(terminalSafe(describeWatcher(watcher)));
                control.notified();
                if (pendingDecision === undefined) return;
                for (const watcher of n.data.pending) {
                  if (decided.has(watcher.uri)) continue;
                  decided.add(watcher.uri);
                  decide(watcher.uri, pendingDecision).catch((error: unknown) => console.log(terminalSafe(`could not decide for ${watcher.uri}: ${(error as Error).message}`)));
                }
              }, { name: 'SIPAccountGotPresenceWinfo', sender: account }),
            ],
            subscribe: () => account.subscribeWatcherInfo(),
          });
        },
        (accountId, center) => {
          if (needsXCAP) observation = observeXCAPManager(center, accountId);
        },
      );
    } finally {
      observation?.close();
    }
  },
};

/** `watcher sip:bob@example.test (Bob): pending (subscribe)`. */
function describeWatcher(watcher: Watcher): string {
  const name = watcher.displayName === undefined ? '' : ` (${watcher.displayName})`;
  return `watcher ${watcher.uri}${name}: ${watcher.status} (${watcher.event})`;
}

/** A watcher given on the command line as a SIP URI. */
function watcherURI(text: string, option: string): string {
  const uri = /^sips?:/i.test(text) ? text : `sip:${text}`;
  if (!/^sips?:[^@\s]+@[^@\s]+$/i.test(uri)) throw new UsageError(`--${option} needs a SIP address like bob@example.com, got ${JSON.stringify(text)}`);
  return uri;
}
