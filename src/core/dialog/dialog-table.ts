/** The dialogs of a UA, found by dialog id for incoming requests and responses (RFC 3261 §12.2.2). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { dialogIdOfRequest, dialogIdOfResponse, dialogKey } from './dialog-id.js';
import type { Dialog } from './dialog.js';

/** A map from dialog id to dialog. */
export class DialogTable {
  private readonly dialogs = new Map<string, Dialog>();

  /** Number of dialogs held. */
  get size(): number {
    return this.dialogs.size;
  }

  /** Adds a dialog (replacing one with the same id). */
  add(dialog: Dialog): void {
    this.dialogs.set(dialog.key, dialog);
  }

  /** Removes a dialog; returns whether it was there. */
  remove(dialog: Dialog): boolean {
    const key = dialog.key;
    if (this.dialogs.get(key) !== dialog) return false;
    return this.dialogs.delete(key);
  }

  /** The dialog an incoming request belongs to (To tag = local tag), if any. */
  findForRequest(request: SIPRequest): Dialog | undefined {
    const id = dialogIdOfRequest(request);
    return id === undefined ? undefined : this.dialogs.get(dialogKey(id));
  }

  /** The dialog a response to our request belongs to (From tag = local tag), if any. */
  findForResponse(response: SIPResponse): Dialog | undefined {
    const id = dialogIdOfResponse(response);
    return id === undefined ? undefined : this.dialogs.get(dialogKey(id));
  }

  /** Every dialog held. */
  values(): IterableIterator<Dialog> {
    return this.dialogs.values();
  }
}
