/**
 * The error classes shared by every layer. Each layer derives its own
 * (`SIPCoreError`, `XCAPError`, ...) from {@link SIPSimpleError}; parsers of
 * every format (SIP, SDP, XML, MSRP) throw {@link ParserError}.
 */

/** Base class of every error this SDK throws on purpose. */
export class SIPSimpleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in the input a parser found the fault. */
export interface ParseLocation {
  /** Byte or character offset from the start of the input. */
  offset?: number;
  /** 1-based line number, where the format has lines. */
  line?: number;
  /** The element, header or field that was being parsed. */
  element?: string;
}

/** Input that does not follow its grammar: the message says what and where. */
export class ParserError extends SIPSimpleError {
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly element: string | undefined;

  constructor(message: string, location: ParseLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.offset = location.offset;
    this.line = location.line;
    this.element = location.element;
  }
}
