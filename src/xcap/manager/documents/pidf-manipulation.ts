/** The offline status document (`pidf-manipulation`, RFC 4827): a PIDF document as given. */
import { PIDF } from '../../../payloads/pidf.js';
import { OfflineStatus } from '../offline-status.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';

/** The offline status document kind. */
export const pidfManipulationDocument: DocumentKind = {
  auid: 'pidf-manipulation',
  document: 'index',
  usesAddressbook: false,
  extract(body, data) {
    data.offlineStatus = new OfflineStatus(PIDF.parse(body) as PIDF);
  },
  render(data, previous) {
    if (data.offlineStatus === undefined) return undefined;
    const xml = data.offlineStatus.pidf.toXML(WRITE_OPTIONS);
    if (previous !== undefined && (PIDF.parse(previous) as PIDF).toXML(WRITE_OPTIONS) === xml) return previous;
    return xml;
  },
};
