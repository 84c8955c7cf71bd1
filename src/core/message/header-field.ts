/** One header field line of a message, as stored by {@link SIPMessage}. */
export interface HeaderField {
  /** The name as received or given (serialized as is). */
  name: string;
  /** Lookup key: full name in lower case (compact forms expanded). */
  key: string;
  /** The value, unfolded and trimmed, otherwise as received. */
  value: string;
}
