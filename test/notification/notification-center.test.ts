import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationCenter, NotificationSender } from '../../src/notification/index.js';

declare module '../../src/notification/notification-map.js' {
  interface NotificationMap {
    TestThingDidHappen: { count: number };
  }
}

class Thing extends NotificationSender {
  happen(count: number) {
    this.post('TestThingDidHappen', { count });
  }
}

test('observers by name receive typed data with a timestamp', () => {
  const center = new NotificationCenter();
  const thing = new Thing(center);
  const seen: number[] = [];
  center.addObserver<'TestThingDidHappen'>((n) => {
    assert.ok(n.data.timestamp instanceof Date);
    assert.equal(n.sender, thing);
    seen.push(n.data.count);
  }, { name: 'TestThingDidHappen' });
  thing.happen(1);
  thing.happen(2);
  assert.deepEqual(seen, [1, 2]);
});

test('observers by sender see only that sender; on() is the same view', () => {
  const center = new NotificationCenter();
  const a = new Thing(center);
  const b = new Thing(center);
  const fromA: number[] = [];
  const viaOn: number[] = [];
  center.addObserver((n) => fromA.push((n.data as { count: number }).count), { sender: a });
  const stop = b.on('TestThingDidHappen', (n) => viaOn.push(n.data.count));
  a.happen(1);
  b.happen(2);
  stop();
  b.happen(3);
  assert.deepEqual(fromA, [1]);
  assert.deepEqual(viaOn, [2]);
});

test('object observers, removal, and a throwing observer that does not stop delivery', () => {
  const center = new NotificationCenter();
  const errors: unknown[] = [];
  center.onObserverError = (error) => errors.push(error);
  const names: string[] = [];
  const observer = { handleNotification: (n: { name: string }) => names.push(n.name) };
  center.addObserver(() => {
    throw new Error('boom');
  });
  center.addObserver(observer);
  center.postNotification('Anything', null, { x: 1 });
  center.removeObserver(observer);
  center.postNotification('Anything', null);
  assert.deepEqual(names, ['Anything']);
  assert.equal(errors.length, 2);
});

test('an observer may remove itself while being notified', () => {
  const center = new NotificationCenter();
  let calls = 0;
  const remove = center.addObserver(() => {
    calls++;
    remove();
  });
  center.postNotification('X', null);
  center.postNotification('X', null);
  assert.equal(calls, 1);
});

test('waitFor resolves on a match and rejects on timeout or abort', async () => {
  const center = new NotificationCenter();
  const thing = new Thing(center);
  const waiting = thing.once('TestThingDidHappen');
  thing.happen(7);
  assert.equal((await waiting).data.count, 7);
  await assert.rejects(center.waitFor({ name: 'Never' }, { timeout: 5 }), /timed out/);
  const controller = new AbortController();
  const aborted = center.waitFor({ name: 'Never' }, { signal: controller.signal });
  controller.abort(new Error('stop'));
  await assert.rejects(aborted, /stop/);
  assert.equal(center.hasObservers('Never'), false);
});
