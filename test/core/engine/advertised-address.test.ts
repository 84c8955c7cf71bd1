// advertisedAddress(): the Via sent-by host for listeners bound to the unspecified address (RFC 3261 §18.1.1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { advertisedAddress, isLoopbackHost, isUnspecifiedAddress } from '../../../src/core/engine/advertised-address.js';

describe('advertisedAddress', () => {
  it('keeps a specific bound address', () => {
    assert.equal(advertisedAddress('127.0.0.1', '192.0.2.1'), '127.0.0.1');
    assert.equal(advertisedAddress('::1', '2001:db8::1'), '::1');
  });

  it('advertises loopback to loopback destinations', () => {
    assert.equal(advertisedAddress('0.0.0.0', '127.0.0.1'), '127.0.0.1');
    assert.equal(advertisedAddress('0.0.0.0', 'localhost'), '127.0.0.1');
    assert.equal(advertisedAddress('::', '::1'), '::1');
  });

  it('advertises an address of the bound family to other destinations, never the unspecified one', () => {
    const v4 = advertisedAddress('0.0.0.0', '192.0.2.1');
    assert.equal(isIP(v4), 4);
    assert.ok(!isUnspecifiedAddress(v4));
    const v6 = advertisedAddress('::', '2001:db8::1');
    assert.equal(isIP(v6), 6);
    assert.ok(!isUnspecifiedAddress(v6));
    assert.ok(!v6.startsWith('fe80:'), 'link-local addresses need a zone and are left out');
  });

  it('tells loopback hosts apart', () => {
    assert.ok(isLoopbackHost('127.0.0.2'));
    assert.ok(isLoopbackHost('::1'));
    assert.ok(!isLoopbackHost('192.0.2.1'));
  });
});
