// The subscriber's reading of Subscription-State (RFC 6665 §4.1.3, §8.2.3): retry policy per
// reason and the refresh margin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SubscriptionState } from '../../../src/core/message/index.js';
import { refreshDelay } from '../../../src/core/primitives/refresh-policy.js';
import { subscriptionStateInfo, terminationAction } from '../../../src/core/primitives/subscription-state.js';

describe('subscription state', () => {
  it('reads a Subscription-State header into plain data', () => {
    assert.deepEqual(subscriptionStateInfo(SubscriptionState.parse('Terminated;reason=Probation;retry-after=30')), {
      state: 'terminated',
      reason: 'probation',
      retryAfter: 30,
    });
    assert.deepEqual(subscriptionStateInfo(SubscriptionState.parse('active;expires=600')), { state: 'active', expires: 600 });
  });

  it('decides per reason whether and when to subscribe again', () => {
    const cases: Array<[string | undefined, number | undefined, ReturnType<typeof terminationAction>]> = [
      ['deactivated', undefined, { retry: true, delay: 0 }],
      ['timeout', undefined, { retry: true, delay: 0 }],
      ['timeout', 5, { retry: true, delay: 5 }],
      ['probation', undefined, { retry: true, delay: 60 }],
      ['probation', 300, { retry: true, delay: 300 }],
      ['giveup', undefined, { retry: false }],
      ['giveup', 120, { retry: true, delay: 120 }],
      ['rejected', 10, { retry: false }],
      ['noresource', undefined, { retry: false }],
      ['invariant', undefined, { retry: false }],
      [undefined, undefined, { retry: false }],
      ['some-extension', 40, { retry: true, delay: 40 }],
    ];
    for (const [reason, retryAfter, expected] of cases) {
      const info = { ...(reason === undefined ? {} : { reason }), ...(retryAfter === undefined ? {} : { retryAfter }) };
      assert.deepEqual(terminationAction(info, 60), expected, `reason ${reason} retry-after ${retryAfter}`);
    }
  });

  it('subscriptions refresh (with the shared refresh policy) in the second half of the period and at most 30 s early', () => {
    assert.equal(refreshDelay(100), 90);
    assert.equal(refreshDelay(3600), 3570);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (expires) => {
        const delay = refreshDelay(expires);
        return delay >= expires / 2 && delay < expires && expires - delay <= 30;
      }),
    );
  });
});
