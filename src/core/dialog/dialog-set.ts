/** The dialogs created by one request, one per To tag of its responses (RFC 3261 §12.1.2, §13.2.2.4: forking). */
import type { SIPRequest, SIPResponse } from '../message/index.js';
import { Dialog, type DialogOptions } from './dialog.js';

/**
 * The UAC's dialogs for one dialog-creating request (INVITE, SUBSCRIBE, REFER). A forked
 * request gets responses from several UASs: every To tag gets its own early or
 * confirmed dialog; a final non-2xx ends the early ones.
 */
export class DialogSet {
  private readonly byTag = new Map<string, Dialog>();

  constructor(
    /** The dialog-creating request. */
    readonly request: SIPRequest,
    private readonly options: DialogOptions = {},
  ) {}

  /** The dialogs, in the order their first response arrived. */
  get dialogs(): Dialog[] {
    return [...this.byTag.values()];
  }

  /** The dialog with this remote tag. */
  get(remoteTag: string): Dialog | undefined {
    return this.byTag.get(remoteTag);
  }

  /**
   * Feeds a response to the request. A 101-299 with a To tag creates the dialog of that
   * tag or updates it (early → confirmed on 2xx), and is returned; a 300-699 terminates
   * the early dialogs and returns `undefined`, as does a response without To tag.
   * Throws `DialogError` for a 2xx that cannot establish a dialog (no Contact).
   */
  receiveResponse(response: SIPResponse): Dialog | undefined {
    const status = response.status;
    if (status >= 300) {
      for (const dialog of this.byTag.values()) if (dialog.state === 'early') dialog.receiveResponse(response);
      return undefined;
    }
    const tag = response.to.tag;
    if (status === 100 || tag === undefined) return undefined;
    let dialog = this.byTag.get(tag);
    if (dialog === undefined) {
      dialog = Dialog.createUAC(this.request, response, this.options);
      this.byTag.set(tag, dialog);
    } else {
      dialog.receiveResponse(response);
    }
    return dialog;
  }

  /**
   * Feeds a NOTIFY for the SUBSCRIBE this set was made for (RFC 6665 §4.1.2.4): returns
   * the dialog of the notifier's tag, created when the NOTIFY comes first (a forked
   * SUBSCRIBE gets one dialog per notifier). The caller still checks the NOTIFY against
   * the dialog with `receiveRequest` when the dialog existed already.
   */
  receiveNotify(notify: SIPRequest): { dialog: Dialog; created: boolean } {
    const tag = notify.from.tag ?? '';
    const existing = this.byTag.get(tag);
    if (existing !== undefined) return { dialog: existing, created: false };
    const dialog = Dialog.createFromNotify(this.request, notify, this.options);
    this.byTag.set(tag, dialog);
    return { dialog, created: true };
  }

  /** Terminates every dialog of the set. */
  terminate(): void {
    for (const dialog of this.byTag.values()) dialog.terminate();
  }
}
