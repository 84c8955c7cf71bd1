/**
 * The notifications of the Bonjour account (middleware spec §25), with the seed's names
 * (`BonjourAccountWillInitateDiscovery` is spelled so) and its data in camelCase. The
 * sender is the account. It also posts the account notifications of §24
 * (`SIPAccountWillActivate`... and `SIPAccountGotMessage`, `SIPAccountGotPresenceState`),
 * declared in the account layer's notification map.
 */
import type { SIPURI } from '../../core/index.js';
import type { BonjourPresenceState } from './neighbour.js';
import type { BonjourServiceDescription } from './service-description.js';
import type { BonjourTransport } from './service-types.js';

/** Data of `BonjourAccountDidAddNeighbour` and `BonjourAccountDidUpdateNeighbour`. */
export interface BonjourNeighbourData {
  timestamp: Date;
  /** Identifies the neighbour. */
  serviceDescription: BonjourServiceDescription;
  /** Its published name. */
  displayName: string | undefined;
  /** The host it registered its contact from. */
  host: string;
  /** Its contact URI. */
  uri: SIPURI;
  /** The contact's transport. */
  transport: BonjourTransport;
  /** Its published presence (TXT `state` and `note`), if any. */
  presence: BonjourPresenceState | undefined;
}

declare module '../../notification/notification-map.js' {
  interface NotificationMap {
    /** A new neighbour was discovered. */
    BonjourAccountDidAddNeighbour: BonjourNeighbourData;
    /** A neighbour changed its published data (contact, name, presence). */
    BonjourAccountDidUpdateNeighbour: BonjourNeighbourData;
    /** A neighbour went away (goodbye, expiry, or the account deactivated). */
    BonjourAccountDidRemoveNeighbour: { timestamp: Date; serviceDescription: BonjourServiceDescription };
    /** Discovery could not start for a transport. */
    BonjourAccountDiscoveryDidFail: { timestamp: Date; reason: string; transport: BonjourTransport };
    /** A neighbour found while browsing a transport could not be resolved or read. */
    BonjourAccountDiscoveryFailure: { timestamp: Date; error: string; transport: BonjourTransport };
    /** The contact of a transport is no longer advertised. */
    BonjourAccountRegistrationDidEnd: { timestamp: Date; transport: BonjourTransport };
    /** Advertising the contact of a transport failed. */
    BonjourAccountRegistrationDidFail: { timestamp: Date; reason: string; transport: BonjourTransport };
    /** Advertising new data (name, presence) for a transport failed. */
    BonjourAccountRegistrationUpdateDidFail: { timestamp: Date; reason: string; transport: BonjourTransport };
    /** The contact of a transport is advertised; `name` is the contact address. */
    BonjourAccountRegistrationDidSucceed: { timestamp: Date; name: string; transport: BonjourTransport };
    /** Discovery is about to start for a transport (the seed's spelling). */
    BonjourAccountWillInitateDiscovery: { timestamp: Date; transport: BonjourTransport };
    /** The contact of a transport is about to be advertised. */
    BonjourAccountWillRegister: { timestamp: Date; transport: BonjourTransport };
  }
}
