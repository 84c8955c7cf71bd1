/**
 * Text from the network made safe to print on a terminal: control characters (C0, DEL,
 * C1, which include ESC and CSI) and Unicode line and paragraph separators are shown as
 * `\uXXXX` escapes, so that a MESSAGE body, a display name or a note cannot move the
 * cursor, change colours or rewrite earlier lines.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` with its control characters escaped. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
