import { Account } from '../../account/index.js';
import type { BonjourAccount } from '../../account/bonjour/index.js';
import type { NotificationCenter } from '../../notification/index.js';
import { ExitCode, type Command } from '../command.js';
import { accountReady } from '../account-ready.js';
import { bonjourTarget, noNeighbour } from '../bonjour-target.js';
import { withClient } from '../client-session.js';
import { integerOption, secondsOption } from '../option-values.js';
import { runUntil } from '../run-until.js';
import { terminalSafe } from '../terminal-text.js';
import { UsageError } from '../usage-error.js';

/** Seconds a MESSAGE may wait for its final answer (RFC 3261 Timer F is 32 s). */
const DEFAULT_SEND_TIMEOUT = 32;

/**
 * `sipsimple message`: sends one MESSAGE (RFC 3428) and exits 0 on a 2xx answer, or with
 * `--wait` stays and prints every MESSAGE the account receives. With the Bonjour account
 * (no account configured) it works peer to peer on the local network.
 */
export const messageCommand: Command = {
  name: 'message',
  summary: 'send a MESSAGE (exit 0 when delivered), or --wait and print incoming ones',
  usage: `sipsimple message URI TEXT... [--content-type TYPE] [--timeout SECONDS]
sipsimple message --wait [--count N] [--duration SECONDS]

Sends TEXT to URI (user@domain or sip:user@domain; with the Bonjour account a neighbour's
contact URI or its display name) and prints the answer. Exits 0 on a 2xx answer, 1 on
any other answer or none within --timeout.

With --wait it registers (a SIP account) or advertises itself on the local network (the
Bonjour account), prints "waiting for messages as URI" and then one line per MESSAGE
received, "FROM: TEXT", until Ctrl-C, --duration or --count messages. With both a URI and
--wait it sends first, then waits.

  --content-type TYPE  body type of the MESSAGE (default text/plain)
  --timeout S          seconds to wait for the answer (default 32), or with --wait alone for
                       the account to be reachable (default 30)
  --wait               stay and print incoming messages
  --count N            with --wait: stop after N messages (exit 0), exit 1 if fewer came
  --duration S         with --wait: stop after S seconds`,
  options: {
    'content-type': { type: 'string' },
    timeout: { type: 'string' },
    wait: { type: 'boolean' },
    count: { type: 'string' },
    duration: { type: 'string' },
  },
  async run({ values, positionals, global, signal }) {
    const waiting = values.wait === true;
    const [target, ...words] = positionals;
    if (target === undefined && !waiting) throw new UsageError('message needs a URI and a TEXT to send, or --wait');
    if (target !== undefined && words.length === 0) throw new UsageError(`message needs a TEXT to send to ${target}`);
    if (!waiting && (values.count !== undefined || values.duration !== undefined)) throw new UsageError('--count and --duration go with --wait');
    const count = integerOption(values.count, 'count', undefined);
    const duration = secondsOption(values.duration, 'duration');
    const timeout = secondsOption(values.timeout, 'timeout', target === undefined ? 30 : DEFAULT_SEND_TIMEOUT)!;
    const contentType = (values['content-type'] as string | undefined) ?? 'text/plain';
    if (!/^[\w.+-]+\/[\w.+-]+/.test(contentType)) throw new UsageError(`--content-type must be a media type like text/plain, got ${JSON.stringify(contentType)}`);
    return withClient(global, { report: true }, async ({ account, center }) => {
      let received = 0;
      const wait = runUntil(signal, duration);
      const stopPrinting = waiting
        ? center.addObserver<'SIPAccountGotMessage'>(
            (n) => {
              const from = n.data.sender.uri.toString();
              console.log(terminalSafe(`${from}: ${printable(n.data.contentType, n.data.body)}`));
              received++;
              if (count !== undefined && received >= count) wait.done();
            },
            { name: 'SIPAccountGotMessage', sender: account },
          )
        : () => undefined;
      try {
        // Sending needs no registration; receiving does. The Bonjour account must advertise either way.
        if (waiting || !(account instanceof Account)) {
          if (!(await accountReady(center, account, timeout, signal))) {
            console.error('sipsimple message: the account could not be reached (see the lines above)');
            return ExitCode.failure;
          }
        }
        if (target !== undefined) {
          const code = await send(account, center, target, words.join(' '), contentType, timeout, signal);
          if (!waiting || code !== ExitCode.ok) return code;
        }
        console.log(`waiting for messages as ${account.uri.toString()}`);
        await wait.finished;
        return count === undefined || received >= count ? ExitCode.ok : ExitCode.failure;
      } finally {
        stopPrinting();
      }
    });
  },
};

/** Sends one MESSAGE and prints the answer; the exit code says whether it was delivered. */
async function send(
  account: Account | BonjourAccount,
  center: NotificationCenter,
  target: string,
  text: string,
  contentType: string,
  timeout: number,
  signal: AbortSignal,
): Promise<number> {
  if (account instanceof Account) {
    const code = await account.sendMessage(target, text, contentType, timeout);
    console.log(code >= 200 && code < 300 ? `delivered: ${code}` : `not delivered: ${code === 408 ? '408 no answer' : code}`);
    return code >= 200 && code < 300 ? ExitCode.ok : ExitCode.failure;
  }
  const destination = await bonjourTarget(account, center, target, signal);
  if (destination === undefined) {
    console.error(`sipsimple message: ${noNeighbour(target)}`);
    return ExitCode.failure;
  }
  const outcome = await account.sendMessage(destination, contentType, text, { timeout });
  console.log(outcome.succeeded ? `delivered: ${outcome.code} ${outcome.reason}` : `not delivered: ${outcome.code} ${outcome.reason}`);
  return outcome.succeeded ? ExitCode.ok : ExitCode.failure;
}

/** A received body as one printable line (text bodies as they are, others by type and size). */
function printable(contentType: string, body: Buffer): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/')) return body.toString('utf8').replace(/\r?\n/g, ' ');
  return `(${type}, ${body.length} bytes)`;
}
