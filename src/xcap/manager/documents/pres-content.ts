/**
 * The status icon document (`org.openmobilealliance.pres-content`, OMA Presence
 * Content XDM): document `oma_status-icon/index`, the image base64-encoded.
 */
import { PresenceContent } from '../../../payloads/prescontent.js';
import { Icon } from '../icon.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';

/** The status icon document kind. */
export const presContentDocument: DocumentKind = {
  auid: 'org.openmobilealliance.pres-content',
  document: 'oma_status-icon/index',
  usesAddressbook: false,
  extract(body, data) {
    const content = PresenceContent.parse(body) as PresenceContent;
    data.statusIcon = new Icon(content.bytes, content.mimeType ?? 'image/png', content.descriptions[0]?.value);
  },
  render(data, previous) {
    const icon = data.statusIcon;
    if (icon === undefined) return undefined;
    if (previous !== undefined) {
      const old = PresenceContent.parse(previous) as PresenceContent;
      if (old.mimeType === icon.mimeType && old.descriptions[0]?.value === icon.description && old.bytes.equals(icon.data)) return previous;
    }
    return PresenceContent.fromBytes(icon.data, icon.mimeType, icon.description).toXML(WRITE_OPTIONS);
  },
};
