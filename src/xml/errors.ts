/**
 * Errors of the XML binding layer. Parsing raises {@link ParserError} for
 * text that is not well-formed XML (or is refused as hostile) and
 * {@link ValidationError} for well-formed XML that does not follow the schema
 * of its application; building a document that cannot be written raises
 * {@link BuilderError}.
 */
import { ParserError, SIPSimpleError, type ParseLocation } from '../errors.js';

export { ParserError } from '../errors.js';
export type { ParseLocation } from '../errors.js';

/**
 * Well-formed XML that breaks the rules of its application's schema: a
 * missing required element or attribute, a value of the wrong type, a
 * duplicate child. `element` names the offending element (`{namespace}tag`
 * or a prefixed name as written).
 */
export class ValidationError extends ParserError {
  constructor(message: string, location: ParseLocation = {}, options?: { cause?: unknown }) {
    super(message, location, options);
  }
}

/** A document or element that cannot be serialized as it stands: a missing required value, an invalid character, a value of the wrong type. */
export class BuilderError extends SIPSimpleError {
  /** The element being written when the fault was found. */
  readonly element: string | undefined;

  constructor(message: string, element?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.element = element;
  }
}
