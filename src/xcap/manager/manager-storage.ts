/**
 * What the manager needs from storage: named entries replaced atomically. The
 * storage layer's `XCAPStorage` (src/storage) has this shape; it is declared
 * here because the XCAP layer sits below storage and may not import it.
 */

/** Durable named entries; each `save()` is atomic (old or new content after a crash). */
export interface XCAPManagerStorage {
  load(name: string): Promise<string | undefined>;
  save(name: string, data: string): Promise<void>;
  delete(name: string): Promise<void>;
}
