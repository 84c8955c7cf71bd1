/** The offline status (spec/xcap-api.md §2.6), stored with pidf-manipulation (RFC 4827). */
import { PIDF } from '../../payloads/pidf.js';

/** A PIDF document the presence server shows watchers while the user has no device online (spec/xcap-api.md §2.6). */
export class OfflineStatus {
  constructor(public pidf: PIDF) {}
}
