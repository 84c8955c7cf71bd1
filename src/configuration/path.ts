import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * The absolute form of a `Path` setting's value: `~` and `~/...` are taken
 * from the user's home directory, other relative paths from `base` (by default
 * the storage directory the caller passes, else the working directory).
 */
export function expandPath(path: string, base: string = process.cwd()): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(base, path);
}
