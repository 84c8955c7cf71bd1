import { Engine, type SIPResponse } from '../../core/index.js';
import { ExitCode, type Command } from '../command.js';
import { createOptionsRequest } from '../options-request.js';
import { UsageError } from '../usage-error.js';
import { parseTransportList } from '../transport-list.js';
import { integerOption } from '../option-values.js';

/** `sipsimple options URI`: an OPTIONS ping (RFC 3261 §11), the probe of SIP monitoring. */
export const optionsCommand: Command = {
  name: 'options',
  summary: 'send an OPTIONS request and print the answer (a SIP ping)',
  usage: `sipsimple options URI [--transports udp,tcp,tls,ws,wss] [--count N] [--interval MS]

Sends OPTIONS to URI (sip:host[:port][;transport=...]), locating it with RFC 3263 DNS,
and prints the status, round-trip time and the peer's Allow/Supported/User-Agent.
Exits 0 when every request got a final response (any status), 1 otherwise.

  --transports LIST  transports this client may use, most preferred first (default udp,tcp,tls)
  --count N          send N requests (default 1)
  --interval MS      wait MS milliseconds between requests (default 1000)
  --ca-file FILE     CA certificates to verify TLS servers with (default: the system store)
  --no-verify-tls    do not verify TLS server certificates`,
  options: {
    transports: { type: 'string' },
    count: { type: 'string' },
    interval: { type: 'string' },
    'ca-file': { type: 'string' },
    'no-verify-tls': { type: 'boolean' },
  },
  async run({ values, positionals, signal }) {
    const [target, ...extra] = positionals;
    if (target === undefined || extra.length > 0) throw new UsageError('options takes exactly one URI');
    if (!/^sips?:/i.test(target)) throw new UsageError(`not a SIP URI: ${JSON.stringify(target)} (expected sip:host or sips:host)`);
    const count = integerOption(values.count, 'count', 1);
    const interval = integerOption(values.interval, 'interval', 1000);
    const engine = new Engine();
    await engine.start({
      transports: parseTransportList(values.transports as string | undefined),
      tls: {
        ...(values['ca-file'] === undefined ? {} : { caFile: values['ca-file'] as string }),
        verifyServer: values['no-verify-tls'] !== true,
      },
    });
    let failures = 0;
    try {
      for (let i = 0; i < count && !signal.aborted; i++) {
        if (i > 0) await delay(interval, signal);
        const started = performance.now();
        try {
          const response = await engine.sendRequest(createOptionsRequest(target), { signal });
          console.log(describe(response, performance.now() - started));
        } catch (error) {
          failures++;
          console.log(`no answer: ${(error as Error).message}`);
        }
      }
    } finally {
      await engine.stop();
    }
    return failures === 0 ? ExitCode.ok : ExitCode.failure;
  },
};

function describe(response: SIPResponse, milliseconds: number): string {
  const details = [
    ['Allow', response.getHeaders('Allow').join(', ')],
    ['Supported', response.getHeaders('Supported').join(', ')],
    ['User-Agent', response.getHeader('User-Agent') ?? response.getHeader('Server') ?? ''],
  ]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name}: ${value}`);
  return [`${response.status} ${response.reason} in ${milliseconds.toFixed(1)} ms`, ...details].join('\n');
}

function delay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
