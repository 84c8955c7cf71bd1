import { ACTIVITIES, MOODS, type ActivityValue, type MoodValue } from '../../payloads/rpid.js';
import { BonjourAccount } from '../../account/bonjour/index.js';
import type { NotificationCenter } from '../../notification/index.js';
import { accountReady } from '../account-ready.js';
import { ExitCode, type Command } from '../command.js';
import { sipAccountOf, withClient } from '../client-session.js';
import { choiceOption, noPositionals, secondsOption } from '../option-values.js';
import { buildPresence, summarizePresence } from '../presence-document.js';
import { runUntil } from '../run-until.js';
import { UsageError } from '../usage-error.js';

/**
 * `sipsimple publish-presence`: PUBLISHes the account's presence (RFC 3903) as a PIDF
 * document with RPID activities and mood, keeps it refreshed while it runs, and removes
 * it when it ends (Ctrl-C or `--duration`).
 */
export const publishPresenceCommand: Command = {
  name: 'publish-presence',
  summary: 'publish the account\'s presence (status, note, activities, mood) while it runs',
  usage: `sipsimple publish-presence [--status open|closed] [--note TEXT] [--activity A]... [--mood M]... [--duration SECONDS]

Publishes the presence of the account (a SIP account: the presence server is its
registrar's) and keeps it published until Ctrl-C or --duration; the publication is
removed when the command ends. The Bonjour account (no account configured) publishes
the status and note to its neighbours instead, with its presence.enabled setting on. Prints "published: SUMMARY (expires in N s)" each time the
server accepts it. Exits 0 when it was published, 1 when the server refused it.

  --status S     basic status: open (default) or closed
  --note TEXT    a note, e.g. "In a meeting"
  --activity A   an RPID activity (repeatable): ${ACTIVITIES.join(', ')}
  --mood M       an RPID mood (repeatable): ${MOODS.slice(0, 8).join(', ')}, ... (RFC 4480 §3.5)
  --duration S   stop (and unpublish) after S seconds
  --timeout S    seconds to wait for the server's answer (default 30)`,
  options: {
    status: { type: 'string' },
    note: { type: 'string' },
    activity: { type: 'string', multiple: true },
    mood: { type: 'string', multiple: true },
    duration: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run({ values, positionals, global, signal }) {
    noPositionals(positionals, 'publish-presence');
    const status = choiceOption(values.status, 'status', ['open', 'closed'] as const) ?? 'open';
    const note = values.note as string | undefined;
    const activities = ((values.activity as string[] | undefined) ?? []).map((value) => choiceOption(value, 'activity', ACTIVITIES) as ActivityValue);
    const mood = ((values.mood as string[] | undefined) ?? []).map((value) => choiceOption(value, 'mood', MOODS) as MoodValue);
    const duration = secondsOption(values.duration, 'duration');
    const timeout = secondsOption(values.timeout, 'timeout', 30)!;
    if (note !== undefined && note.length > 1000) throw new UsageError('--note is longer than 1000 characters');
    return withClient(global, { report: true }, async (session) => {
      if (session.account instanceof BonjourAccount) {
        if (activities.length > 0 || mood.length > 0) {
          console.error('sipsimple publish-presence: the Bonjour account publishes a status and a note only (no --activity, --mood)');
          return ExitCode.usage;
        }
        return publishOnTheLink(session.account, session.center, status, note, duration, signal);
      }
      const account = sipAccountOf(session);
      const pidf = buildPresence(account.uri.toString(), { status, note, activities, mood });
      const summary = summarizePresence(pidf);
      let published = false;
      let failed = false;
      const wait = runUntil(signal, duration);
      const removers = [
        session.center.addObserver<'SIPAccountPresencePublicationDidSucceed'>((n) => {
          published = true;
          console.log(`published: ${summary} (expires in ${n.data.expires} s)`);
        }, { name: 'SIPAccountPresencePublicationDidSucceed', sender: account }),
        session.center.addObserver<'SIPAccountPresencePublicationDidFail'>((n) => {
          console.log(`publication failed: ${n.data.code} ${n.data.reason}${n.data.retryIn === undefined ? '' : ` (next try in ${n.data.retryIn} s)`}`);
          if (!published) {
            failed = true;
            wait.done();
          }
        }, { name: 'SIPAccountPresencePublicationDidFail', sender: account }),
      ];
      const timer = setTimeout(() => {
        if (published || failed) return;
        console.error(`sipsimple publish-presence: no answer to the PUBLISH within ${timeout} s`);
        failed = true;
        wait.done();
      }, timeout * 1000);
      try {
        await Promise.race([account.publishPresence(pidf), wait.finished]);
        if (!failed) await wait.finished;
        return published && !failed ? ExitCode.ok : ExitCode.failure;
      } finally {
        clearTimeout(timer);
        for (const remove of removers) remove();
      }
    });
  },
};

/**
 * Presence of the Bonjour account (middleware spec §25): the status and note go into its
 * TXT record and to the neighbours that subscribe, while the command runs; it needs the
 * account's `presence.enabled`.
 */
async function publishOnTheLink(
  account: BonjourAccount,
  center: NotificationCenter,
  status: 'open' | 'closed',
  note: string | undefined,
  duration: number | undefined,
  signal: AbortSignal,
): Promise<number> {
  if (!account.presence.enabled) {
    console.error('sipsimple publish-presence: presence is off for the Bonjour account (turn it on: sipsimple settings set --account bonjour@local presence.enabled true)');
    return ExitCode.failure;
  }
  if (!(await accountReady(center, account, 10, signal))) return ExitCode.failure;
  await account.setPresenceState({ state: status === 'open' ? 'available' : 'offline', note });
  console.log(`published on the local network: ${status}${note === undefined ? '' : `, note ${JSON.stringify(note)}`}`);
  await runUntil(signal, duration).finished;
  return ExitCode.ok;
}
