import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runUntil } from '../../src/cli/run-until.js';
import { choiceOption, integerOption, secondsOption } from '../../src/cli/option-values.js';
import { UsageError } from '../../src/cli/usage-error.js';

test('a wait ends on abort, on done() and after its duration, saying which', async () => {
  const controller = new AbortController();
  const interrupted = runUntil(controller.signal, undefined);
  controller.abort();
  assert.equal(await interrupted.finished, 'interrupted');
  assert.equal(await runUntil(controller.signal, 10).finished, 'interrupted', 'an aborted signal ends it at once');

  const done = runUntil(new AbortController().signal, 60);
  done.done();
  done.done();
  assert.equal(await done.finished, 'done');

  assert.equal(await runUntil(new AbortController().signal, 0.01).finished, 'duration');
});

test('option values: whole numbers, seconds and choices are checked and named', () => {
  assert.equal(integerOption('3', 'count', undefined), 3);
  assert.equal(integerOption(undefined, 'count', 7), 7);
  assert.throws(() => integerOption('1.5', 'count', 1), (error: unknown) => error instanceof UsageError && /--count must be a whole number of at least 1, got "1.5"/.test(error.message));
  assert.throws(() => integerOption('', 'count', 1), UsageError);
  assert.equal(secondsOption('0.5', 'duration'), 0.5);
  assert.throws(() => secondsOption('-1', 'duration'), /--duration must be a positive number of seconds, got "-1"/);
  assert.throws(() => secondsOption('Infinity', 'duration'), UsageError);
  assert.equal(choiceOption('OPEN', 'status', ['open', 'closed'] as const), 'open');
  assert.equal(choiceOption(undefined, 'status', ['open', 'closed'] as const), undefined);
  assert.throws(() => choiceOption('away', 'status', ['open', 'closed'] as const), /--status must be one of open, closed, got "away"/);
});
