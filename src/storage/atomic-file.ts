/**
 * Crash-safe file primitives for the file store.
 *
 * A write never modifies the target in place: the data goes to a temporary
 * file in the same directory, which is flushed to disk (`fsync`) and then
 * renamed over the target; finally the directory is flushed so that the
 * rename itself is durable. `rename(2)` within one file system is atomic, so a
 * crash (or `kill -9`) at any moment leaves the target holding either the
 * previous content or the new content, never a mixture or a truncated file.
 * A crash may leave a temporary file behind; {@link removeStaleTemporaryFiles}
 * deletes those whose writer process is gone.
 *
 * Writes to the same path from one process are serialised in call order, so
 * the last `writeFileAtomic` called is the content that ends up on disk.
 */
import { mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { StorageError } from './errors.js';

/** Temporary files are `.<target>.<pid>.<random>.tmp`; the pid tells whether the writer still lives. */
const TEMPORARY_FILE = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Pending write per target path, so that writes to one path land in call order. */
const pendingWrites = new Map<string, Promise<void>>();

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Flushes a directory's entries (a rename or unlink in it) to disk. Not possible on Windows, where it is skipped. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeNow(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    await syncDirectory(directory);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new StorageError(`cannot write ${path}: ${(error as Error).message}`, path, { cause: error });
  }
}

/**
 * Replaces the content of `path` atomically and durably (temporary file,
 * fsync, rename, fsync of the directory), creating its directory if needed.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const previous = pendingWrites.get(path) ?? Promise.resolve();
  const write = previous.then(
    () => writeNow(path, data),
    () => writeNow(path, data),
  );
  const settled = write.catch(() => undefined);
  pendingWrites.set(path, settled);
  void settled.then(() => {
    if (pendingWrites.get(path) === settled) pendingWrites.delete(path);
  });
  return write;
}

/** Waits until every write to `path` started so far has finished (successfully or not). */
async function afterPendingWrites(path: string): Promise<void> {
  await pendingWrites.get(path);
}

/** Reads `path` as UTF-8; `undefined` if it does not exist. Waits for this process's pending writes to it. */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  await afterPendingWrites(path);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new StorageError(`cannot read ${path}: ${(error as Error).message}`, path, { cause: error });
  }
}

/** Deletes `path` durably (unlink, fsync of the directory); a missing file is not an error. */
export async function removeFile(path: string): Promise<void> {
  await afterPendingWrites(path);
  try {
    await unlink(path);
    await syncDirectory(dirname(path));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw new StorageError(`cannot delete ${path}: ${(error as Error).message}`, path, { cause: error });
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Deletes temporary files in `directory` left by writers that crashed between
 * creating and renaming them. Files of live processes (including this one) are
 * kept, as their writes may still be in progress. Returns how many were removed.
 */
export async function removeStaleTemporaryFiles(directory: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 0;
    throw new StorageError(`cannot list ${directory}: ${(error as Error).message}`, directory, { cause: error });
  }
  let removed = 0;
  for (const entry of entries) {
    const match = TEMPORARY_FILE.exec(entry);
    if (!match || processIsAlive(Number(match[1]))) continue;
    await unlink(join(directory, entry)).catch(() => undefined);
    removed += 1;
  }
  return removed;
}
