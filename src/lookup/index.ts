/**
 * DNS for SIP (middleware spec §20-22): RFC 3263 server location, SRV
 * location of STUN servers and MSRP relays, XCAP roots from TXT records, the
 * nameserver manager, routes and failover over them.
 */
import './notifications.js';

export { DNSLookup } from './dns-lookup.js';
export type { DNSLookupOptions, LookupCallOptions } from './dns-lookup.js';
export { DNSManager } from './dns-manager.js';
export type { DNSManagerOptions } from './dns-manager.js';
export { DNSLookupError, errorKindOfCode } from './errors.js';
export type { DNSLookupErrorKind } from './errors.js';
export { tryRoutes, RouteFailoverError } from './failover.js';
export type { RouteAttemptFailure, TryRoutesOptions } from './failover.js';
export type { LookupURI } from './lookup-target.js';
export type { DNSLookupContext, DNSLookupTraceData } from './notifications.js';
export { createNodeResolver } from './resolver.js';
export type { DNSResolver, NaptrRecord, ResolverFactory, ResolverOptions, SrvRecord } from './resolver.js';
export { Route } from './route.js';
export { SERVICES } from './service-lookup.js';
export type { ServiceAddress, ServiceName } from './service-lookup.js';
export { orderSrvRecords } from './srv-order.js';
export type { RandomSource } from './srv-order.js';
export {
  ALL_SIP_TRANSPORTS,
  defaultPort,
  isSecureTransport,
  isSIPTransport,
  naptrService,
  srvName,
  transportOfNaptrService,
} from './transports.js';
export type { SIPTransport } from './transports.js';
