/** Errors of the dialog layer. */
import { SIPSimpleError } from '../../errors.js';

/** A dialog could not be created or used as asked (RFC 3261 §12): e.g. a 2xx without Contact, or a request in a terminated dialog. */
export class DialogError extends SIPSimpleError {}
