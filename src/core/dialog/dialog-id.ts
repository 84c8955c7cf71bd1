/** Dialog identifiers (RFC 3261 §12): Call-ID, local tag and remote tag. */
import type { SIPMessage } from '../message/index.js';

/** The identity of a dialog, from this UA's point of view (§12). */
export interface DialogId {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

/** One string per dialog id, for Map lookups. */
export function dialogKey(id: DialogId): string {
  return id.callId + '\n' + id.localTag + '\n' + id.remoteTag;
}

/**
 * The id of the dialog an incoming request belongs to (§12.2.2): local tag from To,
 * remote tag from From. `undefined` when the request carries no To tag (out of dialog).
 */
export function dialogIdOfRequest(request: SIPMessage): DialogId | undefined {
  const localTag = request.to.tag;
  if (localTag === undefined) return undefined;
  return { callId: request.callId, localTag, remoteTag: request.from.tag ?? '' };
}

/**
 * The id of the dialog a response to our request belongs to (§12.1.2): local tag from
 * From, remote tag from To. `undefined` when the response has no To tag.
 */
export function dialogIdOfResponse(response: SIPMessage): DialogId | undefined {
  const remoteTag = response.to.tag;
  if (remoteTag === undefined) return undefined;
  return { callId: response.callId, localTag: response.from.tag ?? '', remoteTag };
}
