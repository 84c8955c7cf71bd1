/**
 * The configuration framework (`sipsimple.configuration`): declarative typed
 * settings over pluggable storage.
 *
 * How it is typed: a schema is a plain object of {@link setting}s and
 * {@link group}s; {@link defineSettingsObject} turns it into a class whose
 * instances show the settings as typed properties, the types inferred from
 * the schema (no decorators, no code generation):
 *
 * ```ts
 * await ConfigurationManager.default.start(new FileStorage().configurationBackend);
 * const settings = SIPSimpleSettings.instance();
 * settings.sip.transportList = ['tls', 'tcp'];   // typed: readonly ('udp' | 'tcp' | ...)[]
 * settings.sip.udpPort = 70000;                   // throws ConfigurationError naming sip.udpPort and 70000
 * await settings.save();                          // posts CFGSettingsObjectDidChange { modified: { 'sip.transportList': { old, new } } }
 * ```
 *
 * Values are checked when set; `save()` stores them through the
 * {@link ConfigurationManager} (one JSON document, written whole by the
 * storage backend). Names are the spec's in camelCase (`sip.outbound_proxy`
 * is `sip.outboundProxy`), in properties, dotted paths and notification data alike.
 */
import './notifications.js';

export { ConfigurationManager, type ConfigurationKey } from './configuration-manager.js';
export { ConfigurationError, ObjectNotFoundError, InvalidValueError } from './errors.js';
export type { ModifiedValue } from './notifications.js';
export type { Datatype } from './datatype.js';
export {
  setting,
  group,
  checkValue,
  parseValue,
  settingEntries,
  type Setting,
  type SettingsGroup,
  type SettingsSchema,
  type SettingsValues,
  type SettingPath,
  type SettingValueAt,
  type SettingValueType,
} from './schema.js';
export {
  SettingsObject,
  defineSettingsObject,
  type SettingsObjectClass,
  type SettingsObjectDefinition,
  type SettingsObjectOptions,
} from './settings-object.js';
export {
  BooleanType,
  StringType,
  NonNegativeInteger,
  Port,
  PathType,
  integerRange,
  enumeration,
} from './datatypes/scalars.js';
export { Hostname, checkHost, formatHost } from './datatypes/hostname.js';
export { HostPort, hostPortType, splitHostPort, STUNServerAddress } from './datatypes/host-port.js';
export { SIPAddress, SIPAddressType } from './datatypes/sip-address.js';
export { SIPProxyAddress, SIPProxyAddressType } from './datatypes/sip-proxy-address.js';
export { MSRPRelayAddress, MSRPRelayAddressType, type MSRPRelayTransport } from './datatypes/msrp-relay-address.js';
export { PortRange, PortRangeType } from './datatypes/port-range.js';
export { listOf, SIPTransportList, AudioCodecList, AUDIO_CODECS } from './datatypes/lists.js';
export { XCAPRoot } from './datatypes/xcap-root.js';
export { expandPath } from './path.js';
export { SIPSimpleSettings, SIPSimpleSettingsSchema } from './settings/sip-simple-settings.js';
export {
  AccountSettings,
  AccountSettingsSchema,
  ACCOUNTS_KEY,
  SRTPEncryption,
  STUNServerList,
} from './settings/account-settings.js';
export {
  BonjourAccountSettings,
  BonjourAccountSettingsSchema,
  BONJOUR_ACCOUNT_ID,
} from './settings/bonjour-account-settings.js';
