/** Errors of the account layer (middleware spec §23, §24). */
import { SIPSimpleError } from '../errors.js';

/** An account was used against its state (not active, no Engine) or given unusable arguments. */
export class AccountError extends SIPSimpleError {}

/** `AccountManager.getAccount()` found no account with the id (the spec's `KeyError`). */
export class UnknownAccountError extends AccountError {
  constructor(readonly id: string) {
    super(`there is no account ${JSON.stringify(id)}`);
  }
}
