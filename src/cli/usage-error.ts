import { SIPSimpleError } from '../errors.js';

/** A command line that cannot be run as written; the CLI prints it with the command's usage and exits 2. */
export class UsageError extends SIPSimpleError {}
