import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Via } from '../../../src/core/message/index.js';
import { responseTarget, type TransactionFlow } from '../../../src/core/transaction/index.js';

const flow = (protocol: string): TransactionFlow => ({
  id: `${protocol}-1`,
  protocol,
  local: { host: '192.0.2.2', port: 5060 },
  remote: { host: '203.0.113.5', port: 40123 },
});

test('reliable: the same connection, falling back to received and the sent-by port (§18.2.2)', () => {
  const f = flow('tcp');
  const target = responseTarget(Via.parse('SIP/2.0/TCP client.example.com:5070;received=203.0.113.5;branch=z9hG4bK1'), f, true);
  assert.deepEqual(target, { protocol: 'tcp', host: '203.0.113.5', port: 5070, flow: f });
  const tls = responseTarget(Via.parse('SIP/2.0/TLS client.example.com;branch=z9hG4bK1'), flow('tls'), true);
  assert.equal(tls.host, '203.0.113.5');
  assert.equal(tls.port, 5061);
});

test('UDP with rport: the source address and port (RFC 3581 §4)', () => {
  const f = flow('udp');
  const target = responseTarget(Via.parse('SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1'), f, false);
  assert.deepEqual(target, { protocol: 'udp', host: '203.0.113.5', port: 40123, flow: f });
});

test('UDP without rport: received (or sent-by host) and the sent-by port, default 5060', () => {
  const f = flow('udp');
  assert.deepEqual(responseTarget(Via.parse('SIP/2.0/UDP 10.0.0.1:5080;received=203.0.113.5;branch=z9hG4bK1'), f, false), {
    protocol: 'udp',
    host: '203.0.113.5',
    port: 5080,
    flow: f,
  });
  const plain = responseTarget(Via.parse('SIP/2.0/UDP client.example.com;branch=z9hG4bK1'), f, false);
  assert.equal(plain.host, 'client.example.com');
  assert.equal(plain.port, 5060);
});
