/** Reading a lazily parsed header of a received message without letting a malformed value throw. */

/**
 * The value `read` returns, or undefined when the header is malformed (the message
 * layer throws `ParserError` on first access). Network input never throws out of a primitive.
 */
export function headerValue<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
