import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { watchFlow } from '../../../src/core/primitives/flow-watch.js';
import type { Flow } from '../../../src/core/transport/index.js';

const flow = (id: string): Flow => ({ id, protocol: 'tcp', local: { host: '127.0.0.1', port: 1 }, remote: { host: '127.0.0.1', port: 2 } });

describe('watchFlow', () => {
  it('adds one listener for any number of watchers and calls those of the closed flow once', () => {
    const events = new EventEmitter();
    const calls: string[] = [];
    const stops = Array.from({ length: 1000 }, (_, i) => watchFlow(events, `f${i % 2}`, (closed) => calls.push(`${i}:${closed.id}`)));
    assert.equal(events.listenerCount('flow-closed'), 1);
    events.emit('flow-closed', flow('f1'));
    assert.equal(calls.length, 500);
    assert.ok(calls.every((call) => call.endsWith(':f1')));
    events.emit('flow-closed', flow('f1'));
    assert.equal(calls.length, 500, 'called once');
    events.emit('flow-closed', flow('unwatched'));
    for (const stop of stops) stop();
    assert.equal(events.listenerCount('flow-closed'), 0);
    events.emit('flow-closed', flow('f0'));
    assert.equal(calls.length, 500);
  });

  it('removes the listener when the last watched flow closes', () => {
    const events = new EventEmitter();
    let called = 0;
    const stop = watchFlow(events, 'a', () => called++);
    events.emit('flow-closed', flow('a'));
    assert.equal(called, 1);
    assert.equal(events.listenerCount('flow-closed'), 0);
    stop();
    watchFlow(events, 'b', () => called++);
    assert.equal(events.listenerCount('flow-closed'), 1);
  });
});
