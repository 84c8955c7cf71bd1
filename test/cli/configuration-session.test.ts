import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account } from '../../src/account/index.js';
import type { GlobalOptions } from '../../src/cli/command.js';
import { openConfiguration, selectAccountId } from '../../src/cli/configuration-session.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { NotificationCenter } from '../../src/notification/index.js';

function options(configDir: string): GlobalOptions {
  return { traceSip: false, traceNotifications: false, configDir, account: undefined, bind: undefined };
}

test('the account a command acts as: --account, else the default, else the first enabled, else Bonjour', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-'));
  const center = new NotificationCenter();
  try {
    let session = await openConfiguration(options(dir), center);
    assert.equal(selectAccountId(session, undefined), 'bonjour@local', 'a fresh machine uses the Bonjour account');
    const disabled = new Account('zoe@example.test', { configurationManager: session.manager, notificationCenter: center });
    await disabled.save();
    assert.equal(selectAccountId(session, undefined), 'bonjour@local', 'a disabled account is not picked by itself');
    const enabled = new Account('alice@example.test', { configurationManager: session.manager, notificationCenter: center });
    enabled.enabled = true;
    await enabled.save();
    assert.equal(selectAccountId(session, undefined), 'alice@example.test');
    assert.equal(selectAccountId(session, 'zoe@example.test'), 'zoe@example.test', '--account names any stored account');
    assert.equal(selectAccountId(session, 'bonjour@local'), 'bonjour@local');
    assert.throws(() => selectAccountId(session, 'nobody@example.test'), (error: unknown) => error instanceof UsageError && /--account: there is no account "nobody@example.test" \(accounts: zoe@example.test, alice@example.test, bonjour@local\)/.test(error.message));
    session.settings.defaultAccount = 'zoe@example.test';
    await session.settings.save();
    session.close();

    // A new session reads what the first one stored.
    session = await openConfiguration(options(dir), new NotificationCenter());
    assert.equal(selectAccountId(session, undefined), 'zoe@example.test', 'the stored default wins');
    session.settings.defaultAccount = 'gone@example.test';
    assert.equal(selectAccountId(session, undefined), 'alice@example.test', 'a default that does not exist falls back to the first enabled account');
    assert.throws(() => session.account('gone@example.test'), /there is no account "gone@example.test"/);
    session.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
