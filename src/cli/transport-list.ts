import { TRANSPORT_PROTOCOLS, type TransportProtocol } from '../core/index.js';
import { UsageError } from './usage-error.js';

/** Parses a `--transports udp,tcp` value; undefined gives undefined (the Engine's default). */
export function parseTransportList(value: string | undefined): TransportProtocol[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  for (const item of list) {
    if (!(TRANSPORT_PROTOCOLS as readonly string[]).includes(item)) {
      throw new UsageError(`unknown transport ${JSON.stringify(item)} in --transports (known: ${TRANSPORT_PROTOCOLS.join(', ')})`);
    }
  }
  if (list.length === 0) throw new UsageError('--transports is empty');
  return list as TransportProtocol[];
}
