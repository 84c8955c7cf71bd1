import { Engine } from '../../core/index.js';
import { ExitCode, type Command } from '../command.js';
import { parseTransportList } from '../transport-list.js';
import { UsageError } from '../usage-error.js';

/** `sipsimple listen`: a SIP endpoint that answers OPTIONS and prints what reaches it. */
export const listenCommand: Command = {
  name: 'listen',
  summary: 'run a SIP endpoint that answers OPTIONS and prints every request it gets',
  usage: `sipsimple listen [--address IP] [--port N] [--transports udp,tcp] [--duration SECONDS]

Listens on the given address and port (UDP and TCP share the port number) until
interrupted (Ctrl-C) or until --duration has passed, printing one line per request.

  --address IP       address to listen on (default 127.0.0.1; an IPv6 address listens on IPv6)
  --port N           port of every transport (default 5060; 0 picks free ports)
  --transports LIST  transports to listen on (default udp,tcp)
  --duration S       stop after S seconds`,
  options: {
    address: { type: 'string' },
    port: { type: 'string' },
    transports: { type: 'string' },
    duration: { type: 'string' },
  },
  async run({ values, signal }) {
    const address = (values.address as string | undefined) ?? '127.0.0.1';
    const port = Number(values.port ?? 5060);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be 0 to 65535, got ${JSON.stringify(values.port)}`);
    const duration = values.duration === undefined ? undefined : Number(values.duration);
    if (duration !== undefined && !(duration > 0)) throw new UsageError(`--duration must be a positive number of seconds, got ${JSON.stringify(values.duration)}`);
    const transports = parseTransportList(values.transports as string | undefined) ?? ['udp', 'tcp'];
    const ipv6 = address.includes(':');
    const engine = new Engine();
    await engine.start({
      ipv4Address: ipv6 ? null : address,
      ipv6Address: ipv6 ? address : null,
      transports,
      ports: Object.fromEntries(transports.map((transport) => [transport, port])),
    });
    const stopTrace = engine.on('SIPEngineSIPTrace', (n) => {
      if (!n.data.received) return;
      const firstLine = n.data.data.slice(0, n.data.data.indexOf('\r\n'));
      console.log(`${n.data.timestamp.toISOString()} ${n.data.transport} ${n.data.sourceIP}:${n.data.sourcePort} ${firstLine}`);
    });
    for (const transport of transports) {
      const local = engine.localEndpoint(transport, ipv6 ? 6 : 4);
      console.log(`listening on ${transport} ${ipv6 ? `[${local.host}]` : local.host}:${local.port}`);
    }
    await new Promise<void>((resolve) => {
      const timer = duration === undefined ? undefined : setTimeout(resolve, duration * 1000);
      signal.addEventListener('abort', () => {
        if (timer) clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    stopTrace();
    await engine.stop();
    return ExitCode.ok;
  },
};
