/**
 * A Bonjour neighbour: another SIP user agent on the link, as its DNS-SD records
 * describe it (RFC 6763): the instance, the host it runs on, and from its TXT record
 * the contact URI, display name, instance id and presence.
 */
import { ParserError } from '../../errors.js';
import { SIPURI } from '../../core/index.js';
import type { BrowsedService } from './mdns-browser.js';
import type { BonjourServiceDescription } from './service-description.js';
import { isBonjourTransport, type BonjourTransport } from './service-types.js';
import { parseTXTRecord } from './txt-record.js';

/** Presence published in a TXT record: a state (`available`, `away`, `busy`, `offline`...) and a note. */
export interface BonjourPresenceState {
  readonly state: string;
  readonly note?: string | undefined;
}

/** One neighbour; see the module comment. */
export interface BonjourNeighbour {
  /** Identifies the neighbour's service instance (the spec's `service_description`). */
  readonly serviceDescription: BonjourServiceDescription;
  /** The name it publishes (the spec's `display_name`). */
  readonly displayName: string | undefined;
  /** The host it registered its contact from (the SRV target). */
  readonly host: string;
  /** Its contact URI. Do not change it: clone it first. */
  readonly uri: SIPURI;
  /** The transport of the contact. */
  readonly transport: BonjourTransport;
  /** Its instance id, if it publishes one. */
  readonly instanceId: string | undefined;
  /** The presence it publishes, if any. */
  readonly presence: BonjourPresenceState | undefined;
  /** The host's addresses known from A/AAAA records. */
  readonly addresses: readonly string[];
}

/**
 * The neighbour a resolved service describes. Throws {@link ParserError} when the TXT
 * record has no usable contact: none, not a SIP or SIPS URI, or a transport of
 * another service type (`_sipuri._udp` carries UDP contacts, `_sipuri._tcp` TCP and TLS).
 */
export function neighbourOf(service: BrowsedService): BonjourNeighbour {
  const txt = parseTXTRecord(service.txt);
  let uri: SIPURI;
  try {
    uri = SIPURI.parse(txt.contact);
  } catch (error) {
    throw new ParserError(`the TXT contact ${JSON.stringify(txt.contact)} is not a SIP URI`, { element: 'TXT' }, { cause: error });
  }
  const transport = (uri.transport ?? (uri.scheme === 'sips' ? 'tls' : 'udp')).toLowerCase();
  const udpType = service.description.type.toLowerCase().endsWith('._udp');
  if (!isBonjourTransport(transport) || (transport === 'udp') !== udpType) {
    throw new ParserError(`the TXT contact ${txt.contact} does not fit the service type ${service.description.type}`, { element: 'TXT' });
  }
  return {
    serviceDescription: service.description,
    displayName: txt.displayName,
    host: service.host,
    uri,
    transport,
    instanceId: txt.instanceId,
    presence: txt.state === undefined ? undefined : { state: txt.state, note: txt.note },
    addresses: service.addresses,
  };
}
