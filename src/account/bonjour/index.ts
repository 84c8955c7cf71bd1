/**
 * The Bonjour account (middleware spec §25) and its mDNS / DNS-SD parts (RFC 6762,
 * RFC 6763): advertiser, browser, TXT records, neighbours, peer-to-peer MESSAGE and presence.
 */
import './notifications.js';

export { BonjourAccount, type BonjourAccountOptions, type MessageOutcome } from './bonjour-account.js';
export { BonjourServiceDescription } from './service-description.js';
export type { BonjourNeighbour, BonjourPresenceState } from './neighbour.js';
export { neighbourOf } from './neighbour.js';
export type { BonjourNeighbourData } from './notifications.js';
export { BonjourError, type BonjourErrorCode } from './errors.js';
export {
  BONJOUR_TRANSPORTS,
  serviceTypeOf,
  browseNameOf,
  instanceNameOf,
  describeInstance,
  isBonjourTransport,
  MDNS_DOMAIN,
  SERVICE_TYPE_ENUMERATION,
  type BonjourTransport,
} from './service-types.js';
export { buildTXTRecord, parseTXTRecord, parseTXTStrings, MAX_TXT_STRING, TXT_VERSION, type BonjourTXTData, type TXTValue } from './txt-record.js';
export { MDNSAdvertiser, type MDNSAdvertiserOptions } from './mdns-advertiser.js';
export { MDNSBrowser, type BrowsedService, type MDNSBrowserHandlers, type MDNSBrowserOptions } from './mdns-browser.js';
export { openMDNSSocket, closeMDNSSocket, interfaceAddress, MDNS_PORT, MDNS_GROUP, type MDNSSocket, type MDNSSocketOptions } from './mdns-socket.js';
export { HOST_RECORD_TTL, OTHER_RECORD_TTL, type AdvertisedService, type AdvertisedHost, type MDNSRecord } from './mdns-records.js';
export { BONJOUR_MESSAGE_ACCEPT, type BonjourTarget } from './bonjour-messaging.js';
export { presenceDocument } from './presence-document.js';
