import { TRANSPORT_PROTOCOLS } from '../../core/transport/types.js';
import { InvalidValueError } from '../errors.js';
import { invalid, type Datatype } from '../datatype.js';
import { enumeration } from './scalars.js';

/**
 * A list of `item` values, stored as a frozen array. With `unique`, an item
 * may appear once only; with `nonEmpty`, the list must hold at least one. The
 * text form is comma separated.
 */
export function listOf<T>(
  name: string,
  item: Datatype<T>,
  options: { unique?: boolean; nonEmpty?: boolean } = {},
): Datatype<readonly T[]> {
  const datatype: Datatype<readonly T[]> = {
    name,
    validate(value) {
      if (!Array.isArray(value)) invalid(`expected a list, got ${typeof value}`);
      const seen = new Set<string>();
      const items = value.map((element, index) => {
        let checked: T;
        try {
          checked = item.validate(element);
        } catch (error) {
          if (error instanceof InvalidValueError) invalid(`item ${index + 1}: ${error.message}`);
          throw error;
        }
        const key = item.format(checked);
        if (options.unique && seen.has(key)) invalid(`${JSON.stringify(key)} appears more than once`);
        seen.add(key);
        return checked;
      });
      if (options.nonEmpty && items.length === 0) invalid('the list must not be empty');
      return Object.freeze(items);
    },
    fromString(text) {
      const parts = text.trim() === '' ? [] : text.split(',').map((part) => part.trim());
      return datatype.validate(parts.map((part) => item.fromString(part)));
    },
    toJSON: (value) => value.map((element) => item.toJSON(element)),
    format: (value) => value.map((element) => item.format(element)).join(', '),
  };
  return datatype;
}

/** SIP transports, in order of preference (RFC 3261 §18, RFC 7118): udp, tcp, tls, ws, wss. */
export const SIPTransportList = listOf('SIPTransportList', enumeration('SIPTransport', TRANSPORT_PROTOCOLS), {
  unique: true,
  nonEmpty: true,
});

/** The audio codecs this SDK can be configured with, by their RTP encoding names (RFC 3551, RFC 7587). */
export const AUDIO_CODECS = ['opus', 'G722', 'PCMU', 'PCMA', 'speex', 'iLBC', 'GSM'] as const;

/** Audio codecs in order of preference. */
export const AudioCodecList = listOf('AudioCodecList', enumeration('AudioCodec', AUDIO_CODECS), {
  unique: true,
  nonEmpty: true,
});
