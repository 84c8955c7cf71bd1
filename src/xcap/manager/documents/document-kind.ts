/**
 * One XCAP document the manager keeps (spec/xcap-api.md §1): where it lives,
 * how the model is read from it, and how it is written from the model.
 * Rendering starts from the document as last seen, replaces only what the
 * manager owns, and keeps everything else (other clients' lists, rules and
 * services), so nothing written by others is lost.
 */
import type { XCAPData } from '../data.js';

/** What documents need to know about the account. */
export interface DocumentContext {
  /** The user's address of record (XUI), e.g. `sip:alice@example.com`. */
  readonly aor: string;
}

/** One document kind. */
export interface DocumentKind {
  /** Application usage (RFC 4825 §5.1). */
  readonly auid: string;
  /** Document path below the user's XUI. */
  readonly document: string;
  /** Whether the document is (partly) derived from the addressbook in resource-lists, so it cannot be written when that one is unreadable. */
  readonly usesAddressbook: boolean;
  /** Reads this document's part of the model from `body` into `data`; throws `ParserError` on a bad document. */
  extract(body: string, data: XCAPData, context: DocumentContext): void;
  /**
   * The document for `data`, built on `previous` (the body as last seen, if any);
   * `undefined` when the document should not exist.
   */
  render(data: XCAPData, previous: string | undefined, context: DocumentContext): string | undefined;
}

/** Options every document is written with: XML declaration, pretty printed, so that equal models give equal bytes. */
export const WRITE_OPTIONS = { pretty: true } as const;
