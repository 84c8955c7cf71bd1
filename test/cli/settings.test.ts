import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCLI, withConfigDir } from './run-cli.js';

test('global settings: list shows defaults, set stores checked values, get reads them, clear and reset', async () => {
  await withConfigDir(async (dir) => {
    const list = await runCLI(['settings', 'list', '--config-dir', dir]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^sip\.transportList +=  ?tls, tcp, udp$/m);
    assert.match(list.stdout, /^defaultAccount +=  ?bonjour@local$/m);

    const set = await runCLI(['settings', 'set', 'sip.transportList', 'udp,tcp', 'sip.udpPort', '5070', '--config-dir', dir]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^sip\.transportList = udp, tcp$/m);
    assert.match(set.stdout, /^sip\.udpPort = 5070$/m);
    assert.equal((await runCLI(['settings', 'get', 'sip.udpPort', '--config-dir', dir])).stdout, '5070\n');
    assert.equal((await runCLI(['settings', 'get', 'sip.transportList', '--config-dir', dir])).stdout, 'udp, tcp\n');

    const clear = await runCLI(['settings', 'clear', 'tls.caList', '--config-dir', dir]);
    assert.equal(clear.code, 0, clear.stderr);
    const reset = await runCLI(['settings', 'reset', 'sip.udpPort', '--config-dir', dir]);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal((await runCLI(['settings', 'get', 'sip.udpPort', '--config-dir', dir])).stdout, '0\n');
  });
});

test('account settings with --account; the Bonjour account has its own', async () => {
  await withConfigDir(async (dir) => {
    assert.equal((await runCLI(['account', 'add', 'alice@example.test', 'pw', '--config-dir', dir])).code, 0);
    const set = await runCLI(['settings', 'set', 'xcap.xcapRoot', 'http://127.0.0.1:15064/xcap-root', 'registration.enabled', 'false', '--account', 'alice@example.test', '--config-dir', dir]);
    assert.equal(set.code, 0, set.stderr);
    const list = await runCLI(['settings', 'list', '--account', 'alice@example.test', '--config-dir', dir]);
    assert.match(list.stdout, /^xcap\.xcapRoot += http:\/\/127\.0\.0\.1:15064\/xcap-root$/m);
    assert.match(list.stdout, /^registration\.enabled += false$/m);
    assert.match(list.stdout, /^auth\.password += \(hidden\)$/m);
    assert.doesNotMatch(list.stdout, /\bpw\b/);
    const bonjour = await runCLI(['settings', 'set', 'displayName', 'Alice laptop', '--account', 'bonjour@local', '--config-dir', dir]);
    assert.equal(bonjour.code, 0, bonjour.stderr);
    assert.equal((await runCLI(['settings', 'get', 'displayName', '--account', 'bonjour@local', '--config-dir', dir])).stdout, 'Alice laptop\n');
  });
});

test('settings validation errors exit 2 and name the setting and the value', async () => {
  await withConfigDir(async (dir) => {
    const cases: Array<[string[], RegExp]> = [
      [['settings', 'set', 'sip.udpPort', '70000'], /invalid value "70000" for setting sip\.udpPort \(Port\)/],
      [['settings', 'set', 'sip.transportList', 'udp,pigeon'], /invalid value "udp,pigeon" for setting sip\.transportList/],
      [['settings', 'set', 'tls.verifyServer', 'maybe'], /invalid value "maybe" for setting tls\.verifyServer/],
      [['settings', 'set', 'sip.bogus', '1'], /there is no setting "sip\.bogus"/],
      [['settings', 'get', 'sip.transport_list'], /there is no setting "sip\.transport_list" \(did you mean sip\.transportList\?\)/],
      [['settings', 'set', 'sip.udpPort'], /settings set takes PATH VALUE pairs/],
      [['settings', 'clear', 'sip.udpPort'], /invalid value null for setting sip\.udpPort.*cannot be null/],
      [['settings', 'frob'], /unknown settings action "frob"/],
      [['settings', 'list', '--account', 'nobody@example.test'], /--account: there is no account "nobody@example.test"/],
    ];
    for (const [args, message] of cases) {
      const result = await runCLI([...args, '--config-dir', dir]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
    // Nothing was stored by the rejected commands.
    assert.equal((await runCLI(['settings', 'get', 'sip.udpPort', '--config-dir', dir])).stdout, '0\n');
  });
});
