/** Reason phrases built from fault descriptions (RFC 3261 §25.1 Reason-Phrase: no CR or LF). */

/** Longest reason phrase the Engine writes, in characters. */
export const MAX_REASON_LENGTH = 100;

/** `text` made a short single-line reason phrase: control characters become spaces, runs of space collapse, long text is cut. */
export function singleLineReason(text: string): string {
  let line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  if (line.length > MAX_REASON_LENGTH) line = `${line.slice(0, MAX_REASON_LENGTH - 3).trimEnd()}...`;
  return line;
}
