import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Route, RouteFailoverError, tryRoutes } from '../../src/lookup/index.js';

const routes = [new Route('192.0.2.1', 5060, 'udp'), new Route('192.0.2.2', 5060, 'udp'), new Route('192.0.2.3', 5060, 'tcp')];

test('RFC 3263 §4.3: a transport error or timeout moves on to the next route', async () => {
  const tried: string[] = [];
  const outcome = await tryRoutes(routes, async (route) => {
    tried.push(route.address);
    if (route.address === '192.0.2.1') throw new Error('timeout');
    return 200;
  });
  assert.deepEqual(tried, ['192.0.2.1', '192.0.2.2']);
  assert.equal(outcome.route, routes[1]);
  assert.equal(outcome.result, 200);
});

test('RFC 3263 §4.3: a 503 moves on; when every route answers 503 the last 503 is returned', async () => {
  const skipped: string[] = [];
  const outcome = await tryRoutes(routes, async () => 503, {
    needsFailover: (status) => status === 503,
    onFailover: (route) => skipped.push(route.address),
  });
  assert.equal(outcome.result, 503);
  assert.equal(outcome.route, routes[2]);
  assert.deepEqual(skipped, ['192.0.2.1', '192.0.2.2', '192.0.2.3']);
});

test('when every route fails with an error, RouteFailoverError lists them all', async () => {
  await assert.rejects(
    tryRoutes(routes, async (route) => {
      throw new Error(`refused by ${route.address}`);
    }),
    (e: unknown) => {
      assert.ok(e instanceof RouteFailoverError);
      assert.equal(e.failures.length, 3);
      assert.match(e.message, /192\.0\.2\.3:5060\/tcp \(refused by 192\.0\.2\.3\)/);
      return true;
    },
  );
  await assert.rejects(tryRoutes([], async () => 1), RouteFailoverError);
});

test('shouldFailover can stop at an error that another route would not fix', async () => {
  const fatal = new Error('bad request');
  let tries = 0;
  await assert.rejects(
    tryRoutes(routes, async () => {
      tries++;
      throw fatal;
    }, { shouldFailover: (error) => error !== fatal }),
    (e: unknown) => e === fatal,
  );
  assert.equal(tries, 1);
});

test('an aborted signal stops before the next try', async () => {
  const controller = new AbortController();
  await assert.rejects(
    tryRoutes(routes, async () => {
      controller.abort(new Error('user gave up'));
      throw new Error('timeout');
    }, { signal: controller.signal }),
    /user gave up/,
  );
});
