import { Engine, type TransportProtocol } from '../../core/index.js';
import { ExitCode, type Command } from '../command.js';
import { createOptionsRequest } from '../options-request.js';
import { parseTransportList } from '../transport-list.js';

const DEFAULT_TRANSPORTS: TransportProtocol[] = ['udp', 'tcp', 'ws'];

/**
 * `sipsimple check`: a self-test that needs no server. It starts the SIP stack on the
 * loopback interface and pings itself over each transport, which proves the sockets,
 * framing, parser and transaction layer work on this machine.
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'self-test: start the SIP stack on loopback and ping it over each transport (no server needed)',
  usage: `sipsimple check [--transports udp,tcp,ws] [--ipv6]

Starts a SIP endpoint on 127.0.0.1 (or ::1 with --ipv6), sends it an OPTIONS request over
each transport and prints the answer and round-trip time. Exits 0 when every transport
answered 200.

  --transports LIST  transports to check (default udp,tcp,ws; tls and wss need a certificate)
  --ipv6             use ::1 instead of 127.0.0.1`,
  options: {
    transports: { type: 'string' },
    ipv6: { type: 'boolean' },
  },
  async run({ values }) {
    const transports = parseTransportList(values.transports as string | undefined) ?? DEFAULT_TRANSPORTS;
    const ipv6 = values.ipv6 === true;
    const engine = new Engine();
    await engine.start(ipv6 ? { ipv4Address: null, ipv6Address: '::1', transports } : { ipv4Address: '127.0.0.1', transports });
    let failures = 0;
    try {
      for (const transport of transports) {
        const local = engine.localEndpoint(transport, ipv6 ? 6 : 4);
        const host = ipv6 ? `[${local.host}]` : local.host;
        const target = `sip:${host}:${local.port};transport=${transport}`;
        const started = performance.now();
        try {
          const response = await engine.sendRequest(createOptionsRequest(target));
          const ok = response.status === 200;
          if (!ok) failures++;
          console.log(`${ok ? 'ok  ' : 'FAIL'} ${transport.padEnd(4)} ${target}: ${response.status} ${response.reason} in ${(performance.now() - started).toFixed(1)} ms`);
        } catch (error) {
          failures++;
          console.log(`FAIL ${transport.padEnd(4)} ${target}: ${(error as Error).message}`);
        }
      }
    } finally {
      await engine.stop();
    }
    return failures === 0 ? ExitCode.ok : ExitCode.failure;
  },
};
