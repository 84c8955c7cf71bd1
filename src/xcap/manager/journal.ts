/**
 * The journal of pending operations (spec/xcap-api.md §2.7), one storage entry
 * holding every entry not yet known to be on the server.
 *
 * Exactly-once, the argument:
 * 1. An operation is saved (atomic write, durable when `append` resolves) before
 *    it is applied to anything; so nothing acknowledged to the caller is lost.
 * 2. Each entry has a unique id; an entry is removed (`remove(ids)`, again one
 *    atomic write) only after every PUT/DELETE of the update that contained it
 *    succeeded. A crash at any earlier point leaves the entry in the journal.
 * 3. After a restart or a 412 the manager fetches the documents and re-applies
 *    all remaining entries, in order, to what the server holds. If the crash came
 *    after the server took the update but before the entry was removed, the
 *    server's documents already hold the entry's effect, and re-applying it
 *    changes nothing, because every operation is idempotent and touches only the
 *    item it names by id (operations.ts). Adding a contact with id X twice yields
 *    one contact X, never two.
 * Hence every operation is applied at least once (1, 2) and its effect is present
 * exactly once (3).
 */
import { XCAPManagerStorageError } from './errors.js';
import type { XCAPManagerStorage } from './manager-storage.js';
import { OPERATION_TYPES, type Operation } from './operations.js';

/** The storage entry of the journal. */
export const JOURNAL_ENTRY = 'journal';

/** One journaled operation with its unique id. */
export interface JournalEntry {
  readonly id: string;
  readonly operation: Operation;
}

/** The journal over an {@link XCAPManagerStorage}; writes are serialised. */
export class Journal {
  private entries: JournalEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private counter = 0;

  constructor(private readonly storage: XCAPManagerStorage) {}

  /** Reads the journal back from storage; throws {@link XCAPManagerStorageError} when the entry is corrupt. */
  async load(): Promise<void> {
    const text = await this.storage.load(JOURNAL_ENTRY);
    if (text === undefined) {
      this.entries = [];
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new XCAPManagerStorageError('not JSON', JOURNAL_ENTRY, { cause: error });
    }
    if (!Array.isArray(parsed)) throw new XCAPManagerStorageError('not a list of entries', JOURNAL_ENTRY);
    for (const entry of parsed as Array<Partial<JournalEntry>>) {
      if (typeof entry?.id !== 'string' || !OPERATION_TYPES.has(String(entry.operation?.type))) {
        throw new XCAPManagerStorageError(`invalid entry ${JSON.stringify(entry)}`, JOURNAL_ENTRY);
      }
    }
    this.entries = parsed as JournalEntry[];
  }

  /** The pending entries, oldest first. */
  get pending(): readonly JournalEntry[] {
    return this.entries;
  }

  /** Appends operations as one atomic write; resolves when they are durable. */
  async append(operations: readonly Operation[]): Promise<JournalEntry[]> {
    const added = operations.map((operation) => ({ id: this.nextId(), operation: structuredClone(operation) }));
    this.entries = [...this.entries, ...added];
    await this.persist();
    return added;
  }

  /** Removes the entries with these ids (their update is on the server); resolves when that is durable. */
  async remove(ids: Iterable<string>): Promise<void> {
    const done = new Set(ids);
    if (done.size === 0) return;
    this.entries = this.entries.filter((entry) => !done.has(entry.id));
    await this.persist();
  }

  private nextId(): string {
    this.counter += 1;
    return `${Date.now().toString(36)}-${process.pid.toString(36)}-${this.counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Saves the current entries after any write in progress, so that the last write wins. */
  private persist(): Promise<void> {
    const snapshot = JSON.stringify(this.entries);
    this.writing = this.writing.catch(() => undefined).then(() => this.storage.save(JOURNAL_ENTRY, snapshot));
    return this.writing;
  }
}
