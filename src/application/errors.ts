/** Errors of the SIPApplication (middleware spec §1). */
import { SIPSimpleError } from '../errors.js';

/** `start()` on a running application, `stop()` on a stopped one, or a component that could not start. */
export class SIPApplicationError extends SIPSimpleError {}
