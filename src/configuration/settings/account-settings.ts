import { SIPTransportList, AudioCodecList, listOf } from '../datatypes/lists.js';
import { STUNServerAddress } from '../datatypes/host-port.js';
import { MSRPRelayAddressType } from '../datatypes/msrp-relay-address.js';
import { SIPAddress, SIPAddressType } from '../datatypes/sip-address.js';
import { SIPProxyAddressType } from '../datatypes/sip-proxy-address.js';
import { BooleanType, NonNegativeInteger, PathType, StringType, enumeration } from '../datatypes/scalars.js';
import { XCAPRoot } from '../datatypes/xcap-root.js';
import { group, setting } from '../schema.js';
import { defineSettingsObject } from '../settings-object.js';

/** How an account uses SRTP (RFC 3711) for audio: never, when the peer offers it, or always. */
export const SRTPEncryption = enumeration('SRTPEncryption', ['disabled', 'optional', 'mandatory']);

/** STUN servers in order of preference. */
export const STUNServerList = listOf('STUNServerList', STUNServerAddress, { unique: true, nonEmpty: true });

/**
 * The settings of a SIP account (middleware spec §24 and §43; python-sipsimple's
 * `Account` settings), in camelCase. The spec names `Account.enabled`,
 * `registration.enabled`, `presence.enabled`, `dialogEvent.enabled`,
 * `messageSummary.enabled`, `auth.username`, `auth.password` (§24 calls it
 * "the account's `password` setting"), `sip.subscribeInterval`,
 * `xcap.xcapRoot` and `rtp.timeout`; the rest follows python-sipsimple.
 * Nillable settings whose default is `null` fall back to the global
 * `SIPSimpleSettings` or to discovery, as each one says.
 */
export const AccountSettingsSchema = {
  /** Whether the account is active at all (§24 states). Off until turned on, as in python-sipsimple. */
  enabled: setting(BooleanType, { default: false }),
  /** The display name in From headers. */
  displayName: setting(StringType, { default: null, nillable: true }),
  auth: group({
    /** The digest user name (RFC 3261 §22); `null` uses the user part of the account id. */
    username: setting(StringType, { default: null, nillable: true }),
    /** The digest password. Never shown in error messages. */
    password: setting(StringType, { default: '', secret: true }),
  }),
  sip: group({
    /** Send all requests, not only REGISTER, through the outbound proxy. */
    alwaysUseMyProxy: setting(BooleanType, { default: false }),
    /** Where requests go first; `null` locates the account domain's servers with RFC 3263. */
    outboundProxy: setting(SIPProxyAddressType, { default: null, nillable: true }),
    /** Expires asked for in REGISTER, seconds (RFC 3261 §10.2.1). */
    registerInterval: setting(NonNegativeInteger, { default: 3600 }),
    /** Expires asked for in SUBSCRIBE, seconds (RFC 6665 §4.1.2.1). */
    subscribeInterval: setting(NonNegativeInteger, { default: 3600 }),
    /** Expires asked for in PUBLISH, seconds (RFC 3903 §4.1). */
    publishInterval: setting(NonNegativeInteger, { default: 3600 }),
    /** Transports this account may use; `null` uses `SIPSimpleSettings.sip.transportList`. */
    transportList: setting(SIPTransportList, { default: null, nillable: true }),
  }),
  registration: group({
    /** Whether the account registers automatically (§24). */
    enabled: setting(BooleanType, { default: true }),
  }),
  rtp: group({
    /** Audio codecs in order of preference; `null` uses `SIPSimpleSettings.rtp.audioCodecList`. */
    audioCodecList: setting(AudioCodecList, { default: null, nillable: true }),
    srtpEncryption: setting(SRTPEncryption, { default: 'optional' }),
    /** Seconds without RTP before `AudioStreamDidTimeout` (§8). */
    timeout: setting(NonNegativeInteger, { default: 30 }),
  }),
  natTraversal: group({
    /** Whether ICE (RFC 8445) is used for media. */
    useIce: setting(BooleanType, { default: false }),
    /** STUN servers for ICE; `null` looks them up with DNS SRV (RFC 5389 §9). */
    stunServerList: setting(STUNServerList, { default: null, nillable: true }),
    /** The MSRP relay (RFC 4976); `null` looks it up with DNS for the account's domain. */
    msrpRelay: setting(MSRPRelayAddressType, { default: null, nillable: true }),
    /** Whether outgoing MSRP sessions also go through the relay. */
    useMsrpRelayForOutbound: setting(BooleanType, { default: false }),
  }),
  presence: group({
    /** Publish own presence and subscribe to contacts' presence (§24). */
    enabled: setting(BooleanType, { default: false }),
  }),
  dialogEvent: group({
    /** Subscribe to and publish dialog-info (RFC 4235) (§24). */
    enabled: setting(BooleanType, { default: false }),
  }),
  messageSummary: group({
    /** Subscribe to message-summary (RFC 3842) to learn about voicemail (§24). */
    enabled: setting(BooleanType, { default: false }),
    /** The voicemail box to call; `null` uses the one the server reports. */
    voicemailUri: setting(SIPAddressType, { default: null, nillable: true }),
  }),
  xcap: group({
    /** Whether the account manages its contacts and policies over XCAP (§43). */
    enabled: setting(BooleanType, { default: false }),
    /** The XCAP root; `null` discovers it with a TXT query for `xcap.<domain>` (§43). */
    xcapRoot: setting(XCAPRoot, { default: null, nillable: true }),
    /** Whether the XCAP root in use was discovered rather than configured. */
    discovered: setting(BooleanType, { default: false }),
  }),
  tls: group({
    /** PEM file with this account's client certificate; `null` uses `SIPSimpleSettings.tls.certificate`. */
    certificate: setting(PathType, { default: null, nillable: true }),
    /** Whether servers' certificates are verified for this account. */
    verifyServer: setting(BooleanType, { default: true }),
  }),
};

/** Where accounts are stored: `configurationManager.getNames(ACCOUNTS_KEY)` lists their ids. */
export const ACCOUNTS_KEY = ['Accounts'] as const;

/**
 * The settings object of one SIP account, stored at `['Accounts', id]` and
 * identified by its {@link SIPAddress} (`user@domain`). The account layer's
 * `Account` extends this class and adds registration, presence and the rest.
 */
export const AccountSettings = defineSettingsObject({
  schema: AccountSettingsSchema,
  key: (id: SIPAddress) => [...ACCOUNTS_KEY, id.toString()],
});

/** An instance of {@link AccountSettings}. */
export type AccountSettings = InstanceType<typeof AccountSettings>;
