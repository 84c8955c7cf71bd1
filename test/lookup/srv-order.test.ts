import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { orderSrvRecords } from '../../src/lookup/index.js';
import { sequence, srv } from './fake-resolver.js';

test('RFC 2782: lower priority comes first whatever the weights', () => {
  const ordered = orderSrvRecords([srv('c', 3, 30, 100), srv('a', 1, 10, 0), srv('b', 2, 20, 5)], () => 0.99);
  assert.deepEqual(ordered.map((r) => r.name), ['a', 'b', 'c']);
});

test('RFC 2782: within a priority the running sum of weights picks the record', () => {
  // Weights 60 and 40, sum 100: a pick of 0..60 lands on the first record, 61..100 on the second.
  const records = [srv('heavy', 1, 10, 60), srv('light', 2, 10, 40)];
  assert.deepEqual(orderSrvRecords(records, sequence(0.5)).map((r) => r.name), ['heavy', 'light']);
  assert.deepEqual(orderSrvRecords(records, sequence(0.7)).map((r) => r.name), ['light', 'heavy']);
});

test('RFC 2782: weight-0 records go first in the running sum, so a pick of 0 selects them', () => {
  const records = [srv('weighted', 1, 10, 10), srv('zero', 2, 10, 0)];
  assert.deepEqual(orderSrvRecords(records, sequence(0)).map((r) => r.name), ['zero', 'weighted']);
  assert.deepEqual(orderSrvRecords(records, sequence(0.5)).map((r) => r.name), ['weighted', 'zero']);
});

test('RFC 2782: a lone "." target means the service is not offered', () => {
  assert.deepEqual(orderSrvRecords([srv('.', 0, 0, 0)]), []);
});

test('RFC 2782: heavier records come first proportionally more often', () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const records = [srv('w90', 1, 10, 90), srv('w10', 2, 10, 10)];
  let heavyFirst = 0;
  for (let i = 0; i < 2000; i++) if (orderSrvRecords(records, random)[0]!.name === 'w90') heavyFirst++;
  // Expected 90/101 + 1/101 of the time (about 0.9); allow a wide margin.
  assert.ok(heavyFirst > 1600 && heavyFirst < 1950, `heavy first ${heavyFirst} of 2000`);
});

test('property: the order is a permutation of the usable records with non-decreasing priority', () => {
  const record = fc.record({
    name: fc.constantFrom('a.test', 'b.test', 'c.test', 'd.test'),
    port: fc.integer({ min: 1, max: 65535 }),
    priority: fc.integer({ min: 0, max: 3 }),
    weight: fc.integer({ min: 0, max: 100 }),
  });
  fc.assert(
    fc.property(fc.array(record, { maxLength: 12 }), fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true })), (records, randoms) => {
      const ordered = orderSrvRecords(records, sequence(...randoms));
      assert.equal(ordered.length, records.length);
      for (const r of records) assert.ok(ordered.includes(r));
      for (let i = 1; i < ordered.length; i++) assert.ok(ordered[i - 1]!.priority <= ordered[i]!.priority);
    }),
    { numRuns: 200 },
  );
});
