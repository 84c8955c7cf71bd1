/** Errors of the transaction and dialog layer. */
import { SIPSimpleError } from '../../errors.js';

/** A transaction was used against its state machine (RFC 3261 §17), or was given unusable input. */
export class TransactionError extends SIPSimpleError {}

/** A client transaction ended without a final response because Timer B or Timer F fired (RFC 3261 §17.1). */
export class TransactionTimeoutError extends TransactionError {}
