import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terminalSafe } from '../../src/cli/terminal-text.js';

test('text from the network cannot drive the terminal: control characters are escaped', () => {
  assert.equal(terminalSafe('hi\u001b[2J\u009b31m\u0007\u2028there'), 'hi\\u001b[2J\\u009b31m\\u0007\\u2028there');
  assert.equal(terminalSafe('tab\there\r\n'), 'tab\\u0009here\\u000d\\u000a');
  assert.equal(terminalSafe('plain ünïcode ✓'), 'plain ünïcode ✓');
});
