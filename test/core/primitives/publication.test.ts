import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Credentials } from '../../../src/core/auth/index.js';
import type { SIPRequest } from '../../../src/core/message/index.js';
import { Publication, type PublicationOptions } from '../../../src/core/primitives/publication.js';
import { ManualScheduler } from '../transaction/manual-scheduler.js';
import { answer, challenge, startPair, type Pair } from './scripted-peer.js';

/** A 200 to a PUBLISH with a new entity tag and `expires`. */
function published(request: SIPRequest, etag: string, expires = 60) {
  return answer(request, 200, [
    ['SIP-ETag', etag],
    ['Expires', String(expires)],
  ]);
}

const PIDF = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.test"/>';

describe('Publication', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(async () => {
    await pair.stop();
  });

  const make = (scheduler: ManualScheduler, extra: Partial<PublicationOptions> = {}) =>
    new Publication(pair.client, {
      fromHeader: '<sip:alice@example.test>',
      event: 'presence',
      contentType: 'application/pidf+xml',
      credentials: new Credentials('alice', 'secret'),
      routes: [pair.route],
      scheduler,
      now: () => scheduler.now,
      random: () => 0,
      ...extra,
    });

  it('initial, refresh, modify and remove, with SIP-ETag and SIP-If-Match', async () => {
    pair.script('PUBLISH', (request, i) => (i === 0 ? challenge(request, 401) : published(request, `etag-${i}`)));
    const scheduler = new ManualScheduler();
    const publication = make(scheduler);
    const start = pair.received('PUBLISH').length;
    const succeeded = publication.once('SIPPublicationDidSucceed');
    await publication.publish(PIDF);
    const data = (await succeeded).data;
    assert.deepEqual([data.code, data.etag, data.expires], [200, 'etag-1', 60]);
    assert.equal(publication.state, 'published');
    const [challenged, initial] = pair.received('PUBLISH').slice(start);
    assert.ok(challenged && initial);
    assert.equal(initial.getHeader('Event'), 'presence');
    assert.equal(initial.getHeader('Expires'), '600');
    assert.equal(initial.body.toString(), PIDF);
    assert.equal(initial.contentType?.toString(), 'application/pidf+xml');
    assert.equal(initial.hasHeader('SIP-If-Match'), false);
    assert.equal(initial.uri.toString(), 'sip:alice@example.test');
    assert.match(initial.getHeader('Authorization') ?? '', /username="alice"/);

    // The refresh comes at max(0.9 x 60, 60 - 30) = 54 s, without a body.
    scheduler.advance(53_999);
    assert.equal(pair.received('PUBLISH').length, start + 2);
    const refreshed = publication.once('SIPPublicationDidSucceed');
    scheduler.advance(1);
    assert.equal((await refreshed).data.etag, 'etag-2');
    const refresh = pair.received('PUBLISH').at(-1)!;
    assert.equal(refresh.getHeader('SIP-If-Match'), 'etag-1');
    assert.equal(refresh.body.length, 0);
    assert.equal(refresh.hasHeader('Content-Type'), false);

    await publication.publish(PIDF.replace('/>', '><tuple id="t"/></presence>'));
    const modify = pair.received('PUBLISH').at(-1)!;
    assert.equal(modify.getHeader('SIP-If-Match'), 'etag-2');
    assert.match(modify.body.toString(), /tuple/);
    assert.equal(publication.etag, 'etag-3');

    await publication.publish();
    assert.equal(pair.received('PUBLISH').at(-1)!.body.length, 0);

    const willEnd = publication.once('SIPPublicationWillEnd');
    const ended = publication.once('SIPPublicationDidEnd');
    await publication.end();
    await willEnd;
    assert.equal((await ended).data.expired, false);
    const remove = pair.received('PUBLISH').at(-1)!;
    assert.equal(remove.getHeader('Expires'), '0');
    assert.equal(remove.getHeader('SIP-If-Match'), 'etag-4');
    assert.equal(remove.body.length, 0);
    assert.equal(publication.state, 'ended');
    assert.equal(scheduler.pending, 0);
    await assert.rejects(publication.publish(PIDF), /ended/);
  });

  it('turns a 412 into a new initial publication with the current body', async () => {
    pair.script('PUBLISH', (request, i) => (i === 1 ? answer(request, 412) : published(request, `e${i}`)));
    const scheduler = new ManualScheduler();
    const publication = make(scheduler);
    await publication.publish(PIDF);
    const start = pair.received('PUBLISH').length;
    await publication.publish();
    const [refresh, initial] = pair.received('PUBLISH').slice(start);
    assert.ok(refresh && initial);
    assert.equal(refresh.getHeader('SIP-If-Match'), 'e0');
    assert.equal(initial.hasHeader('SIP-If-Match'), false);
    assert.equal(initial.body.toString(), PIDF);
    assert.equal(publication.etag, 'e2');
    await publication.end();
  });

  it('answers 423 with Min-Expires', async () => {
    pair.script('PUBLISH', (request, i) => (i === 0 ? answer(request, 423, [['Min-Expires', '900']]) : published(request, 'x', 900)));
    const scheduler = new ManualScheduler();
    const publication = make(scheduler);
    const succeeded = publication.once('SIPPublicationDidSucceed');
    await publication.publish(PIDF);
    assert.equal((await succeeded).data.expires, 900);
    assert.equal(pair.received('PUBLISH').at(-1)!.getHeader('Expires'), '900');
    await publication.end();
  });

  it('retries a failed refresh with back-off, and publishes anew when the state expired meanwhile', async () => {
    pair.script('PUBLISH', (request, i) => (i === 0 ? published(request, 'first', 20) : answer(request, 500, [['Retry-After', '40']])));
    const scheduler = new ManualScheduler();
    const publication = make(scheduler);
    await publication.publish(PIDF);
    const failed = publication.once('SIPPublicationDidFail');
    const willExpire = publication.once('SIPPublicationWillExpire');
    scheduler.advance(18_000);
    const data = (await failed).data;
    assert.deepEqual([data.code, data.retryAfter, data.retryIn], [500, 40, 40]);
    assert.equal((await willExpire).data.expires, 2);
    assert.equal(publication.state, 'waiting-retry');
    pair.script('PUBLISH', (request) => published(request, 'second', 20));
    const expired = publication.once('SIPPublicationDidExpire');
    const succeeded = publication.once('SIPPublicationDidSucceed');
    scheduler.advance(40_000);
    await expired;
    assert.equal((await succeeded).data.etag, 'second');
    const initial = pair.received('PUBLISH').at(-1)!;
    assert.equal(initial.hasHeader('SIP-If-Match'), false);
    assert.equal(initial.body.toString(), PIDF);
    await publication.end();
  });

  it('a 489 Bad Event is final; a refresh needs something published', async () => {
    pair.script('PUBLISH', (request) => answer(request, 489));
    const scheduler = new ManualScheduler();
    const publication = make(scheduler, { event: 'no-such-event' });
    await assert.rejects(publication.publish(), /needs a body/);
    const failed = publication.once('SIPPublicationDidFail');
    await publication.publish('x');
    const data = (await failed).data;
    assert.deepEqual([data.code, data.retryIn], [489, undefined]);
    assert.equal(publication.state, 'failed');
    assert.equal(scheduler.pending, 0);
    const ended = publication.once('SIPPublicationDidEnd');
    await publication.end();
    assert.equal((await ended).data.expired, false);
  });
});
