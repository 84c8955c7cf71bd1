/**
 * The notifications of settings objects (python-sipsimple's Configuration
 * API, referenced by middleware spec §24 and §25), added to the typed
 * notification map. The sender is the settings object (an `Account`, the
 * `SIPSimpleSettings`, ...).
 */

/** A setting's value before and after a save. */
export interface ModifiedValue {
  old: unknown;
  new: unknown;
}

declare module '../notification/notification-map.js' {
  interface NotificationMap {
    /**
     * `save()` stored changed settings. `modified` maps each changed setting's
     * dotted path (`sip.outboundProxy`) to its old and new value.
     */
    CFGSettingsObjectDidChange: { timestamp: Date; modified: Record<string, ModifiedValue> };
    /** `save()` stored a settings object that was not stored before. */
    CFGSettingsObjectWasCreated: { timestamp: Date };
    /** `delete()` removed a settings object from the configuration. */
    CFGSettingsObjectWasDeleted: { timestamp: Date };
  }
}
