/**
 * The PIDF document (RFC 3863) a Bonjour account sends in the NOTIFYs of peer-to-peer
 * presence subscriptions (RFC 3856 §6): one tuple for its contact, `open` unless the
 * state is `offline`, with the note.
 */
import { Basic, Contact, Note, PIDF, Status, Tuple } from '../../payloads/pidf.js';
import type { BonjourPresenceState } from './neighbour.js';

/** The presence document of an account at `entity` reachable at `contact`; no state counts as available. */
export function presenceDocument(entity: string, contact: string, tupleId: string, state: BonjourPresenceState | undefined): PIDF {
  const basic = state?.state === 'offline' ? 'closed' : 'open';
  const note = state?.note;
  const tuple = new Tuple(tupleId, {
    status: new Status(new Basic(basic)),
    contact: new Contact(contact),
    notes: note === undefined || note.length === 0 ? [] : [new Note(note)],
  });
  return new PIDF(entity, [tuple]);
}
