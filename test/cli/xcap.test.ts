// `sipsimple xcap` command lines: help on every level, and wrong arguments, accounts
// without XCAP and the Bonjour account refused with exit 2 before anything is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCLI } from './run-cli.js';

let dir: string;
let bonjourDir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-xcap-'));
  bonjourDir = await mkdtemp(join(tmpdir(), 'sipsimple-cli-xcap-bonjour-'));
  const added = await runCLI(['account', 'add', 'alice@example.test', 'secret', '--config-dir', dir]);
  assert.equal(added.code, 0, added.stderr);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(bonjourDir, { recursive: true, force: true });
});

test('xcap --help on the command and on every subcommand and action lists every action', async () => {
  const main = await runCLI(['--help']);
  assert.match(main.stdout, /^  xcap +contacts, groups, presence policy/m);
  for (const args of [['xcap'], ['xcap', 'contacts'], ['xcap', 'groups', 'add-member'], ['xcap', 'policy', 'set'], ['xcap', 'capabilities']]) {
    const help = await runCLI([...args, '--help']);
    assert.equal(help.code, 0, `${args.join(' ')}: ${help.stderr}`);
    assert.match(help.stdout, /^usage: sipsimple xcap SUBCOMMAND/);
    for (const line of [
      'contacts list', 'contacts add NAME URI...', 'contacts update CONTACT', 'contacts remove CONTACT', 'groups list', 'groups add NAME',
      'groups update GROUP --name NAME', 'groups remove GROUP', 'groups add-member GROUP CONTACT', 'groups remove-member GROUP CONTACT',
      'policy show URI', 'policy set URI allow|block|polite-block|confirm|default', 'icon show', 'icon set FILE', 'icon clear',
      'offline-status show', 'offline-status set --note TEXT', 'offline-status clear', 'capabilities [--json]',
    ]) {
      assert.ok(help.stdout.includes(`sipsimple xcap ${line}`), `${args.join(' ')} --help: ${line}`);
    }
  }
});

test('wrong xcap arguments exit 2 naming the argument', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['xcap'], /xcap needs a SUBCOMMAND: contacts, groups, policy, icon, offline-status, capabilities/],
    [['xcap', 'buddies'], /unknown xcap SUBCOMMAND "buddies"/],
    [['xcap', 'contacts'], /xcap contacts needs an ACTION: list, add, update, remove/],
    [['xcap', 'contacts', 'delete'], /unknown xcap contacts ACTION "delete" \(actions: list, add, update, remove\)/],
    [['xcap', 'contacts', 'toString'], /unknown xcap contacts ACTION "toString"/],
    [['xcap', 'contacts', 'add'], /NAME must not be empty/],
    [['xcap', 'contacts', 'add', 'Bob'], /contacts add needs at least one URI after NAME/],
    [['xcap', 'contacts', 'add', 'Bob', 'not a uri'], /URI must be a SIP address like bob@example\.com, got "not a uri"/],
    [['xcap', 'contacts', 'add', 'Bob', 'bob@example.test', '--presence', 'maybe'], /--presence must be one of default, allow, block, confirm, got "maybe"/],
    [['xcap', 'contacts', 'list', 'extra'], /contacts list takes no arguments, got also "extra"/],
    [['xcap', 'contacts', 'list', '--note', 'hi'], /xcap contacts list does not take --note/],
    [['xcap', 'contacts', 'update', 'bob@example.test'], /contacts update needs something to change/],
    [['xcap', 'contacts', 'update', 'Bob', '--subscribe', '--no-subscribe'], /--subscribe and --no-subscribe exclude each other/],
    [['xcap', 'contacts', 'update', 'Bob', '--uri', 'bob'], /--uri must be a SIP address/],
    [['xcap', 'contacts', 'remove'], /contacts remove needs CONTACT/],
    [['xcap', 'groups', 'update', 'Friends'], /groups update needs --name NAME/],
    [['xcap', 'groups', 'add-member', 'Friends'], /groups add-member needs CONTACT/],
    [['xcap', 'policy', 'set', 'bob@example.test'], /policy set needs ACTION/],
    [['xcap', 'policy', 'set', 'bob@example.test', 'kick'], /ACTION must be one of allow, block, polite-block, confirm, default, got "kick"/],
    [['xcap', 'policy', 'show', 'bob@example.test', '--event', 'message'], /--event must be one of presence, dialog, got "message"/],
    [['xcap', 'icon', 'set'], /icon set needs FILE/],
    [['xcap', 'icon', 'set', '/nonexistent/icon.png'], /FILE "\/nonexistent\/icon\.png" cannot be read: ENOENT/],
    [['xcap', 'icon', 'set', join(process.cwd(), 'package.json')], /is no GIF, PNG or JPEG image/],
    [['xcap', 'offline-status', 'set', '--note', 'x', '--status', 'busy'], /--status must be one of open, closed, got "busy"/],
    [['xcap', 'capabilities', 'now'], /capabilities takes no arguments, got also "now"/],
    [['xcap', 'capabilities', '--timeout', '0'], /--timeout must be a positive number of seconds, got "0"/],
  ];
  for (const [args, message] of cases) {
    const result = await runCLI([...args, '--config-dir', dir]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    assert.match(result.stderr, /usage: sipsimple xcap SUBCOMMAND/);
  }
});

test('an account with xcap.enabled false is told which setting to change', async () => {
  const result = await runCLI(['xcap', 'contacts', 'list', '--config-dir', dir]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /the account alice@example\.test has XCAP turned off \(turn it on: sipsimple settings set --account alice@example\.test xcap\.enabled true\)/);
  assert.equal(result.stdout, '');
});

test('the Bonjour account has no XCAP server: exit 2 saying so', async () => {
  for (const args of [['xcap', 'capabilities', '--config-dir', bonjourDir], ['xcap', 'capabilities', '--config-dir', dir, '--account', 'bonjour@local']]) {
    const result = await runCLI(args);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /xcap needs a SIP account with an XCAP server; the Bonjour account has none/);
  }
});
