/** Helpers of the manager's unit tests: a manager on the test server, and waiting for it to settle. */
import { NotificationCenter } from '../../../src/notification/index.js';
import { MemoryXCAPStorage } from '../../../src/storage/index.js';
import { XCAPClient } from '../../../src/xcap/client.js';
import { XCAPManager, type XCAPManagerOptions } from '../../../src/xcap/manager/index.js';
import type { XCAPTestServer } from './xcap-test-server.js';

/** Alice's address of record in the unit tests. */
export const AOR = 'sip:alice@example.com';

/** A loaded manager for alice on `server`, with short retry delays. */
export async function createManager(
  server: XCAPTestServer,
  options: Partial<XCAPManagerOptions> & { storage?: MemoryXCAPStorage } = {},
): Promise<{ manager: XCAPManager; storage: MemoryXCAPStorage; center: NotificationCenter }> {
  const storage = options.storage ?? new MemoryXCAPStorage();
  const center = new NotificationCenter();
  const manager = new XCAPManager({
    aor: AOR,
    client: new XCAPClient({ root: server.root, xui: AOR, timeout: 2000 }),
    storage,
    notificationCenter: center,
    retryDelay: { initial: 10, max: 40 },
    ...options,
  });
  await manager.load();
  return { manager, storage, center };
}

/** Resolves when the manager is in sync with an empty journal. */
export function settled(manager: XCAPManager, timeout = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => manager.state === 'insync' && manager.pendingOperations.length === 0;
    if (check()) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`manager not in sync after ${timeout} ms (state ${manager.state}, ${manager.pendingOperations.length} pending)`));
    }, timeout);
    const stop = manager.on('XCAPManagerDidChangeState', () => {
      if (!check()) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** Runs `action`, then waits until the manager has synced it. */
export async function synced(manager: XCAPManager, action: () => Promise<void>): Promise<void> {
  const reloaded = manager.once('XCAPManagerDidReloadData', { timeout: 5000 });
  await action();
  await reloaded;
  await settled(manager);
}
