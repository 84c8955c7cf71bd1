import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCLI, withConfigDir } from './run-cli.js';

test('a fresh configuration lists only the Bonjour account, as the default', async () => {
  await withConfigDir(async (dir) => {
    const result = await runCLI(['account', 'list', '--config-dir', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\* bonjour@local +Bonjour account/m);
  });
});

test('account add, list, default, password and remove; passwords never printed', async () => {
  await withConfigDir(async (dir) => {
    const add = await runCLI(['account', 'add', 'alice@example.test', 'alice-secret', '--outbound-proxy', '127.0.0.1:5060;transport=tcp', '--config-dir', dir]);
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /added account alice@example.test \(default\)/);
    // Global options may also come before the command.
    const second = await runCLI(['--config-dir', dir, 'account', 'add', 'sip:bob@example.test', '--display-name', 'Bob']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^added account bob@example.test$/m);

    let list = await runCLI(['account', 'list', '--config-dir', dir]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^\* alice@example.test +enabled, password set, outbound proxy 127\.0\.0\.1:5060;transport=tcp$/m);
    assert.match(list.stdout, /^ {2}bob@example.test +enabled, no password, display name "Bob"$/m);
    assert.doesNotMatch(list.stdout, /alice-secret/);

    const duplicate = await runCLI(['account', 'add', 'alice@example.test', '--config-dir', dir]);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /the account alice@example.test already exists/);

    const makeDefault = await runCLI(['account', 'default', 'bob@example.test', '--config-dir', dir]);
    assert.equal(makeDefault.code, 0, makeDefault.stderr);
    list = await runCLI(['account', 'list', '--config-dir', dir]);
    assert.match(list.stdout, /^\* bob@example.test/m);

    const password = await runCLI(['account', 'password', 'bob@example.test', 'bob-secret', '--config-dir', dir, '--trace-notifications']);
    assert.equal(password.code, 0, password.stderr);
    assert.doesNotMatch(password.stdout, /bob-secret/);
    assert.match(password.stderr, /CFGSettingsObjectDidChange .*"auth\.password":"\(hidden\)"/, 'the change is traced, its values hidden');
    assert.doesNotMatch(password.stderr, /bob-secret/);
    const stored = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { Accounts: Record<string, { auth?: { password?: string } }> };
    assert.equal(stored.Accounts['bob@example.test']?.auth?.password, 'bob-secret');
    const shown = await runCLI(['settings', 'get', 'auth.password', '--account', 'bob@example.test', '--config-dir', dir]);
    assert.equal(shown.stdout.trim(), '(hidden)');

    const piped = await runCLI(['account', 'password', 'bob@example.test', '-', '--config-dir', dir], 20_000, 'from-stdin\nignored\n');
    assert.equal(piped.code, 0, piped.stderr);
    const restored = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { Accounts: Record<string, { auth?: { password?: string } }> };
    assert.equal(restored.Accounts['bob@example.test']?.auth?.password, 'from-stdin', '"-" reads the first line of stdin');
    const empty = await runCLI(['account', 'password', 'bob@example.test', '-', '--config-dir', dir], 20_000, '');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /reads the password from standard input, which gave none/);

    const remove = await runCLI(['account', 'remove', 'bob@example.test', '--config-dir', dir]);
    assert.equal(remove.code, 0, remove.stderr);
    list = await runCLI(['account', 'list', '--config-dir', dir]);
    assert.doesNotMatch(list.stdout, /bob@example.test/);
    assert.match(list.stdout, /^\* alice@example.test/m, 'the default moves to a remaining account');
  });
});

test('account errors: unknown action, bad id, unknown account, missing arguments exit 2 naming the fault', async () => {
  await withConfigDir(async (dir) => {
    const cases: Array<[string[], RegExp]> = [
      [['account'], /account needs an action: add, list, remove, default, password/],
      [['account', 'rename'], /unknown account action "rename"/],
      [['account', 'add', 'not an address'], /not an account id: "not an address"/],
      [['account', 'add'], /account add takes USER@DOMAIN \[PASSWORD\]/],
      [['account', 'add', 'a@b.test', 'pw', 'extra'], /got extra "extra"/],
      [['account', 'add', 'a@b.test', '--outbound-proxy', 'sip:['], /invalid value "sip:\[" for setting sip\.outboundProxy/],
      [['account', 'remove', 'nobody@example.test'], /there is no account "nobody@example.test"/],
      [['account', 'default', 'nobody@example.test'], /there is no account "nobody@example.test"/],
      [['account', 'password', 'nobody@example.test'], /account password takes USER@DOMAIN PASSWORD/],
      [['account', 'remove', 'bonjour@local'], /bonjour@local cannot be removed/],
      [['account', 'list', '--default'], /--default go with account add only/],
    ];
    for (const [args, message] of cases) {
      const result = await runCLI([...args, '--config-dir', dir]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
  });
});
