import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Invite2xxRetransmitter } from '../../../src/core/dialog/index.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';

function retransmitter(reliable: boolean, timers = { t1: 500, t2: 4000 }) {
  const scheduler = new ManualScheduler();
  const sent: number[] = [];
  let timeouts = 0;
  const r = new Invite2xxRetransmitter({
    send: () => sent.push(scheduler.now),
    timedOut: () => timeouts++,
    reliable,
    timers,
    scheduler,
  });
  r.start();
  return { r, scheduler, sent, timeouts: () => timeouts };
}

test('2xx retransmissions at T1 doubling up to T2 until 64*T1, then timedOut', () => {
  const { r, scheduler, sent, timeouts } = retransmitter(false);
  scheduler.advance(64 * 500 - 1);
  assert.deepEqual(sent, [500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.equal(timeouts(), 0);
  scheduler.advance(1);
  assert.equal(timeouts(), 1);
  assert.equal(r.running, false);
  assert.equal(scheduler.pending, 0);
});

test('the ACK stops the retransmissions', () => {
  const { r, scheduler, sent, timeouts } = retransmitter(false, { t1: 100, t2: 400 });
  scheduler.advance(350);
  r.acknowledged();
  scheduler.advance(10_000);
  assert.deepEqual(sent, [100, 300]);
  assert.equal(timeouts(), 0);
  assert.equal(scheduler.pending, 0);
});

test('on a reliable transport nothing is retransmitted but the 64*T1 limit holds', () => {
  const { scheduler, sent, timeouts } = retransmitter(true);
  scheduler.advance(64 * 500);
  assert.deepEqual(sent, []);
  assert.equal(timeouts(), 1);
});
