import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, format } from 'node:util';
import { Credentials } from '../../../src/core/auth/index.js';

const secret = 'hunter2-very-secret';

test('the password is usable for digests but never shown by toString, JSON, inspect or format', () => {
  const credentials = new Credentials('alice', secret, 'example.test');
  assert.equal(credentials.password, secret);
  assert.equal(String(credentials), "<Credentials for 'alice' realm 'example.test'>");
  assert.equal(`${new Credentials('alice', secret)}`, "<Credentials for 'alice'>");
  for (const shown of [
    String(credentials),
    JSON.stringify(credentials),
    JSON.stringify({ nested: [credentials] }),
    inspect(credentials),
    inspect({ deep: { credentials } }, { depth: 10, showHidden: true, getters: true }),
    format('%o %O %j %s', credentials, credentials, credentials, credentials),
  ]) {
    assert.ok(!shown.includes(secret), `password leaked in: ${shown}`);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(credentials)), { username: 'alice', realm: 'example.test' });
  assert.deepEqual(Object.keys(credentials).sort(), ['realm', 'username']);
});

test('credentials bound to a realm answer only that realm; unbound ones answer any', () => {
  assert.ok(new Credentials('a', 'p', 'r1').matches('r1'));
  assert.ok(!new Credentials('a', 'p', 'r1').matches('r2'));
  assert.ok(new Credentials('a', 'p').matches('anything'));
});
