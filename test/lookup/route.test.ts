import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route, defaultPort } from '../../src/lookup/index.js';

test('spec §22: Route("1.2.3.4", 1234, "tls") gives a URI with the transport parameter', () => {
  const route = new Route('1.2.3.4', 1234, 'TLS');
  assert.equal(route.transport, 'tls');
  assert.equal(route.getUri(), 'sip:1.2.3.4:1234;transport=tls');
  assert.equal(route.toString(), '1.2.3.4:1234/tls');
});

test('Route defaults to UDP and the transport default port; IPv6 addresses get brackets', () => {
  const route = new Route('::1');
  assert.equal(route.transport, 'udp');
  assert.equal(route.port, undefined);
  assert.equal(route.effectivePort, 5060);
  assert.equal(route.getUri(), 'sip:[::1];transport=udp');
  assert.equal(new Route('::1', undefined, 'tls').effectivePort, 5061);
});

test('default ports: 5060, 5061 (RFC 3261 §19.1.2), 80/443 for WebSocket (RFC 7118)', () => {
  assert.deepEqual(
    (['udp', 'tcp', 'tls', 'ws', 'wss'] as const).map(defaultPort),
    [5060, 5060, 5061, 80, 443],
  );
});

test('Route rejects unknown transports and bad ports', () => {
  assert.throws(() => new Route('1.2.3.4', 5060, 'sctp'), TypeError);
  assert.throws(() => new Route('1.2.3.4', 0), RangeError);
  assert.throws(() => new Route('1.2.3.4', 70000), RangeError);
});

test('Route.equals compares address, effective port and transport', () => {
  assert.ok(new Route('1.2.3.4', 5060).equals(new Route('1.2.3.4')));
  assert.ok(!new Route('1.2.3.4', 5060, 'udp').equals(new Route('1.2.3.4', 5060, 'tcp')));
});
