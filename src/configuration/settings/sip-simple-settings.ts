import { ConfigurationManager } from '../configuration-manager.js';
import { AudioCodecList, SIPTransportList } from '../datatypes/lists.js';
import { PortRange, PortRangeType } from '../datatypes/port-range.js';
import { BooleanType, NonNegativeInteger, PathType, Port, StringType } from '../datatypes/scalars.js';
import { group, setting } from '../schema.js';
import { defineSettingsObject, type SettingsObjectOptions } from '../settings-object.js';

/**
 * The global settings (python-sipsimple's `SIPSimpleSettings`, read by the
 * middleware spec §1 for the audio devices and §43 for `sip.transportList`).
 * Names are the spec's in camelCase: `sip.transport_list` is `sip.transportList`.
 */
export const SIPSimpleSettingsSchema = {
  /** The id of the account used when none is named; `bonjour@local` is the Bonjour account. */
  defaultAccount: setting(StringType, { default: 'bonjour@local', nillable: true }),
  /** The User-Agent header of every request (RFC 3261 §20.41). */
  userAgent: setting(StringType, { default: 'sipsimple' }),
  audio: group({
    /** The device that plays alerts (ringing); `system_default` is the system's, `null` none. */
    alertDevice: setting(StringType, { default: 'system_default', nillable: true }),
    /** The microphone; `system_default` is the system's, `null` none. */
    inputDevice: setting(StringType, { default: 'system_default', nillable: true }),
    /** The speaker; `system_default` is the system's, `null` none. */
    outputDevice: setting(StringType, { default: 'system_default', nillable: true }),
    /** Echo canceller tail in milliseconds; 0 turns echo cancellation off. */
    tailLength: setting(NonNegativeInteger, { default: 200 }),
    /** Whether alerts are silenced. */
    silent: setting(BooleanType, { default: false }),
  }),
  sip: group({
    /** Seconds an outgoing INVITE may wait for a final response. */
    inviteTimeout: setting(NonNegativeInteger, { default: 90 }),
    /** Local ports per transport; 0 lets the system choose. */
    udpPort: setting(Port, { default: 0 }),
    tcpPort: setting(Port, { default: 0 }),
    tlsPort: setting(Port, { default: 0 }),
    wsPort: setting(Port, { default: 0 }),
    wssPort: setting(Port, { default: 0 }),
    /** The transports the engine opens and may use, in order of preference. */
    transportList: setting(SIPTransportList, { default: ['tls', 'tcp', 'udp'] }),
  }),
  rtp: group({
    /** Local ports for RTP and RTCP. */
    portRange: setting(PortRangeType, { default: new PortRange(50000, 50500) }),
    /** Seconds without RTP after which a stream reports a timeout. */
    timeout: setting(NonNegativeInteger, { default: 30 }),
    /** Audio codecs in order of preference. */
    audioCodecList: setting(AudioCodecList, { default: ['opus', 'G722', 'PCMU', 'PCMA'] }),
  }),
  tls: group({
    /** PEM file of trusted certificate authorities; `null` uses the system's. */
    caList: setting(PathType, { default: null, nillable: true }),
    /** PEM file with this client's certificate and private key, if it has one. */
    certificate: setting(PathType, { default: null, nillable: true }),
    /** Whether servers' certificates are verified (on unless turned off, RFC 5922). */
    verifyServer: setting(BooleanType, { default: true }),
  }),
  logs: group({
    /** Where logs and traces are written; relative paths are under the storage directory. */
    directory: setting(PathType, { default: 'logs' }),
    traceSip: setting(BooleanType, { default: false }),
    traceMsrp: setting(BooleanType, { default: false }),
    traceXcap: setting(BooleanType, { default: false }),
    traceNotifications: setting(BooleanType, { default: false }),
  }),
};

/** The key of the global settings in the configuration document. */
const KEY = ['SIPSimpleSettings'] as const;

const instances = new WeakMap<ConfigurationManager, { generation: number; settings: SIPSimpleSettings }>();

/**
 * The global settings object, stored at `SIPSimpleSettings`. There should be
 * one per configuration manager: get it with {@link SIPSimpleSettings.instance}
 * once the manager is started.
 */
export class SIPSimpleSettings extends defineSettingsObject({ schema: SIPSimpleSettingsSchema, key: () => KEY }) {
  constructor(options?: SettingsObjectOptions) {
    super('SIPSimpleSettings', options);
  }

  /**
   * The one global settings object of `options.configurationManager` (the
   * default manager if not given), made anew when the manager was restarted.
   */
  static instance(options: SettingsObjectOptions = {}): SIPSimpleSettings {
    const manager = options.configurationManager ?? ConfigurationManager.default;
    const cached = instances.get(manager);
    if (cached && cached.generation === manager.generation) return cached.settings;
    const settings = new SIPSimpleSettings({ ...options, configurationManager: manager });
    instances.set(manager, { generation: manager.generation, settings });
    return settings;
  }
}
