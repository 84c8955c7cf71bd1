import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * The directory where {@link FileStorage} keeps its data when none is given:
 * `%APPDATA%\sipsimple` on Windows, `~/Library/Application Support/sipsimple`
 * on macOS, and `$XDG_CONFIG_HOME/sipsimple` (default `~/.config/sipsimple`)
 * elsewhere, following the XDG Base Directory Specification.
 */
export function defaultStorageDirectory(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'sipsimple');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'sipsimple');
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  return posix.join(xdg && xdg.startsWith('/') ? xdg : posix.join(home, '.config'), 'sipsimple');
}
