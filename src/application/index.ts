/** The application object (middleware spec §1): starts and stops configuration, Engine, DNS and accounts in order. */
import './notifications.js';

export { SIPApplication, type SIPApplicationOptions, type SIPApplicationState } from './sip-application.js';
export { SIPApplicationError } from './errors.js';
export { engineSettingsFrom, usesTLS, withoutTLS } from './engine-settings.js';
