import { AudioCodecList, SIPTransportList } from '../datatypes/lists.js';
import { SIPAddress } from '../datatypes/sip-address.js';
import { BooleanType, PathType, StringType } from '../datatypes/scalars.js';
import { group, setting } from '../schema.js';
import { defineSettingsObject, type SettingsObjectOptions } from '../settings-object.js';
import { AccountSettingsSchema } from './account-settings.js';

/**
 * The settings of the Bonjour account (middleware spec §25): a peer-to-peer
 * account with no server, so no auth, proxy, registration intervals or XCAP.
 * On by default, so that a fresh installation does something useful.
 */
export const BonjourAccountSettingsSchema = {
  enabled: setting(BooleanType, { default: true }),
  displayName: setting(StringType, { default: null, nillable: true }),
  sip: group({
    /** Transports advertised over mDNS and used with neighbours; `null` uses the global list. */
    transportList: setting(SIPTransportList, { default: null, nillable: true }),
  }),
  rtp: group({
    audioCodecList: setting(AudioCodecList, { default: null, nillable: true }),
    srtpEncryption: AccountSettingsSchema.rtp.schema.srtpEncryption,
    timeout: AccountSettingsSchema.rtp.schema.timeout,
  }),
  presence: group({
    /** Publish own presence to and watch neighbours (§25). */
    enabled: setting(BooleanType, { default: false }),
  }),
  tls: group({
    certificate: setting(PathType, { default: null, nillable: true }),
    /** Neighbours have no certificates a CA vouches for, so verification is off by default. */
    verifyServer: setting(BooleanType, { default: false }),
  }),
};

/** The id of the Bonjour account (§25). */
export const BONJOUR_ACCOUNT_ID = new SIPAddress('bonjour', 'local');

/**
 * The Bonjour account's settings object, stored at `['BonjourAccount']`,
 * identified by `bonjour@local`. The account layer's `BonjourAccount` extends it.
 */
export class BonjourAccountSettings extends defineSettingsObject<typeof BonjourAccountSettingsSchema, SIPAddress>({
  schema: BonjourAccountSettingsSchema,
  key: (): readonly string[] => ['BonjourAccount'],
}) {
  constructor(options?: SettingsObjectOptions) {
    super(BONJOUR_ACCOUNT_ID, options);
  }
}
