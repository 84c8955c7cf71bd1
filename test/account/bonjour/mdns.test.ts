import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  BonjourServiceDescription,
  MDNSAdvertiser,
  MDNSBrowser,
  type AdvertisedService,
  type BrowsedService,
  type MDNSBrowserHandlers,
  type MDNSSocket,
} from '../../../src/account/bonjour/index.js';
import { MemoryMDNSLink } from './memory-mdns.js';

const links: MemoryMDNSLink[] = [];
function newLink(): MemoryMDNSLink {
  const link = new MemoryMDNSLink();
  links.push(link);
  return link;
}

const HOST = { name: 'alice-host.local', addresses: ['10.0.0.1'] };

function service(note: string, instance = 'alice-udp'): AdvertisedService {
  return {
    description: new BonjourServiceDescription(instance, '_sipuri._udp'),
    port: 5060,
    txt: [Buffer.from('txtvers=1'), Buffer.from('contact=<sip:alice@10.0.0.1:5060>'), Buffer.from(`note=${note}`)],
  };
}

/** A browser whose reports are queued, to be awaited one by one. */
function recordingBrowser(socket: MDNSSocket, options: { resolveAttempts?: number } = {}) {
  const reports: Array<{ kind: 'resolved' | 'removed' | 'failed'; isNew?: boolean; service?: BrowsedService; name: string; error?: string }> = [];
  const waiters: Array<() => void> = [];
  const push = (report: (typeof reports)[number]): void => {
    reports.push(report);
    for (const wake of waiters.splice(0)) wake();
  };
  const handlers: MDNSBrowserHandlers = {
    resolved: (resolved, isNew) => push({ kind: 'resolved', isNew, service: resolved, name: resolved.description.fullName }),
    removed: (description) => push({ kind: 'removed', name: description.fullName }),
    failed: (description, error) => push({ kind: 'failed', name: description.fullName, error: error.message }),
  };
  const browser = new MDNSBrowser(socket, { type: '_sipuri._udp', queryInterval: 50, maxQueryInterval: 200, ...options }, handlers);
  let read = 0;
  const next = async (): Promise<(typeof reports)[number]> => {
    while (read >= reports.length) await new Promise<void>((resolve) => waiters.push(resolve));
    return reports[read++]!;
  };
  return { browser, reports, next };
}

describe('MDNSAdvertiser and MDNSBrowser (RFC 6762, RFC 6763) over an in-memory link', () => {
  afterEach(() => {
    for (const link of links.splice(0)) link.close();
  });

  it('resolves an advertised instance, reports a TXT change as an update, and the goodbye as a removal', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, announceInterval: 20, probeInterval: 5 });
    advertiser.start();
    await advertiser.publish(service('first'));
    const { browser, next } = recordingBrowser(link.socket('10.0.0.2'));
    await browser.start();
    const added = await next();
    assert.equal(added.kind, 'resolved');
    assert.equal(added.isNew, true);
    assert.equal(added.name, 'alice-udp._sipuri._udp.local');
    assert.equal(added.service!.host, 'alice-host.local');
    assert.equal(added.service!.port, 5060);
    assert.deepEqual(added.service!.addresses, ['10.0.0.1']);
    assert.equal(added.service!.txt.at(-1)!.toString(), 'note=first');

    await advertiser.publish(service('second'));
    const updated = await next();
    assert.deepEqual([updated.kind, updated.isNew, updated.service!.txt.at(-1)!.toString()], ['resolved', false, 'note=second']);

    await advertiser.stop();
    const removed = await next();
    assert.deepEqual([removed.kind, removed.name], ['removed', 'alice-udp._sipuri._udp.local']);
    browser.stop();
  });

  it('answers a browse query with the PTR and the SRV, TXT and A records as additionals', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    advertiser.start();
    await advertiser.publish(service('x'));
    const asker = link.socket('10.0.0.3');
    const answered = new Promise<{ answers: Array<{ type: string; name: string }>; additionals: Array<{ type: string; name: string }> }>((resolve) => {
      asker.on('response', (packet) => {
        if (packet.answers.length === 1 && packet.answers[0]!.type === 'PTR') resolve(packet as never);
      });
    });
    asker.query([{ name: '_sipuri._udp.local', type: 'PTR' }]);
    const packet = await answered;
    assert.deepEqual(packet.answers.map((record) => [record.type, record.name]), [['PTR', '_sipuri._udp.local']]);
    assert.deepEqual(packet.additionals.map((record) => record.type).sort(), ['A', 'SRV', 'TXT']);
    await advertiser.stop();
  });

  it('lists its service types under _services._dns-sd._udp.local (RFC 6763 §9)', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    advertiser.start();
    await advertiser.publish(service('x'));
    await advertiser.publish(service('y', 'alice2-udp'));
    const asker = link.socket('10.0.0.3');
    const answered = new Promise<Array<{ data: unknown }>>((resolve) => {
      asker.on('response', (packet) => {
        if (packet.answers.some((record) => record.name === '_services._dns-sd._udp.local' && packet.answers.length === 1)) resolve(packet.answers as never);
      });
    });
    asker.query([{ name: '_services._dns-sd._udp.local', type: 'PTR' }]);
    assert.deepEqual((await answered).map((record) => record.data), ['_sipuri._udp.local']);
    await advertiser.stop();
  });

  it('sends goodbye records with TTL 0 for PTR, SRV and TXT', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    await advertiser.publish(service('x'));
    await advertiser.unpublish('ALICE-UDP._sipuri._udp.local');
    await new Promise((resolve) => setImmediate(resolve));
    const last = link.packets.at(-1)!.packet;
    assert.deepEqual(last.answers!.map((record) => [record.type, 'ttl' in record ? record.ttl : undefined]), [['PTR', 0], ['SRV', 0], ['TXT', 0]]);
    assert.deepEqual(advertiser.advertised, []);
    await advertiser.stop();
  });

  it('reports an instance whose SRV and TXT never come as failed', async () => {
    const link = newLink();
    const { browser, next } = recordingBrowser(link.socket('10.0.0.2'), { resolveAttempts: 1 });
    await browser.start();
    link.injectResponse({ type: 'response', answers: [{ name: '_sipuri._udp.local', type: 'PTR', ttl: 4500, data: 'ghost._sipuri._udp.local' }], additionals: [] });
    const failed = await next();
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.name, 'ghost._sipuri._udp.local');
    assert.match(failed.error!, /no SRV and TXT/);
    browser.stop();
  });

  it('removes an instance that vanished without a goodbye when its SRV expires, after asking for it again (RFC 6762 §5.2)', async () => {
    const link = newLink();
    const { browser, next } = recordingBrowser(link.socket('10.0.0.2'));
    await browser.start();
    const name = 'crashed._sipuri._udp.local';
    link.injectResponse({
      answers: [{ name: '_sipuri._udp.local', type: 'PTR', ttl: 4500, data: name }],
      additionals: [
        { name, type: 'SRV', ttl: 1, data: { target: 'gone.local', port: 5060 } },
        { name, type: 'TXT', ttl: 4500, data: [Buffer.from('contact=<sip:x@10.0.0.7>')] },
      ],
    });
    assert.equal((await next()).kind, 'resolved');
    const removed = await next();
    assert.deepEqual([removed.kind, removed.name], ['removed', name]);
    const asked = link.packets.filter((entry) => entry.packet.questions?.some((question) => question.name === name && question.type === 'SRV'));
    assert.equal(asked.length, 2);
    browser.stop();
  });

  it('probes a new name three times and takes the next one when another host holds it (RFC 6762 §8.1)', async () => {
    const link = newLink();
    const other = new MDNSAdvertiser(link.socket('10.0.0.9'), { host: { name: 'other.local', addresses: ['10.0.0.9'] }, port: 5353, probeInterval: 5 });
    other.start();
    await other.publish(service('theirs'));
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    advertiser.start();
    const advertised = await advertiser.publish(service('ours'));
    assert.equal(advertised.description.fullName, 'alice-udp-2._sipuri._udp.local');
    const probes = link.packets.filter((entry) => entry.from === '10.0.0.1' && entry.packet.type === 'query' && (entry.packet.authorities?.length ?? 0) > 0);
    const names = probes.map((entry) => entry.packet.questions![0]!.name);
    // The first name is given up at the first answer for it; the second is probed three times.
    assert.equal(names[0], 'alice-udp._sipuri._udp.local');
    assert.deepEqual(names.slice(-3), ['alice-udp-2._sipuri._udp.local', 'alice-udp-2._sipuri._udp.local', 'alice-udp-2._sipuri._udp.local']);
    assert.equal(names.filter((name) => name === 'alice-udp-2._sipuri._udp.local').length, 3);
    await Promise.all([other.stop(), advertiser.stop()]);
  });

  it('renames an advertised instance when another host announces its name later (RFC 6762 §9)', async () => {
    const link = newLink();
    let renamedTo: string | undefined;
    const wake: Array<() => void> = [];
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), {
      host: HOST,
      port: 5353,
      probeInterval: 5,
      onRename: (previous, current) => {
        assert.equal(previous.description.name, 'alice-udp');
        renamedTo = current.description.fullName;
        for (const resolve of wake.splice(0)) resolve();
      },
    });
    advertiser.start();
    await advertiser.publish(service('ours'));
    await advertiser.publish(service('ours, updated'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(renamedTo, undefined, 'our own records, old and new, are no conflict');
    link.socket('10.0.0.9').respond({
      answers: [{ name: 'alice-udp._sipuri._udp.local', type: 'SRV', ttl: 120, flush: true, data: { target: 'intruder.local', port: 7000, priority: 0, weight: 0 } }],
    });
    await new Promise<void>((resolve) => wake.push(resolve));
    assert.equal(renamedTo, 'alice-udp-2._sipuri._udp.local');
    assert.deepEqual(advertiser.advertised.map((entry) => entry.description.name), ['alice-udp-2']);
    await advertiser.stop();
  });

  it('drops nonsense packets without throwing and without reports', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    advertiser.start();
    const { browser, reports } = recordingBrowser(link.socket('10.0.0.2'));
    await browser.start();
    const ptr = { name: '_sipuri._udp.local', type: 'PTR', ttl: 4500, data: 'odd._sipuri._udp.local' };
    for (const packet of [
      null,
      42,
      { answers: 'x' },
      { answers: [null, 7, { name: 5 }, { name: '_sipuri._udp.local', type: 'PTR', data: { not: 'a name' } }] },
      { answers: [ptr], additionals: [{ name: 'odd._sipuri._udp.local', type: 'SRV', ttl: 120, data: { target: 7 } }] },
      { answers: [ptr], additionals: [{ name: 'odd._sipuri._udp.local', type: 'TXT', ttl: 120, data: 'not buffers' }] },
    ]) {
      link.injectResponse(packet);
    }
    for (const packet of [null, { questions: 'x' }, { questions: [null, { name: 3 }, { name: '_sipuri._udp.local' }] }]) link.injectQuery(packet);
    link.deliver(undefined, Buffer.from([1, 2, 3]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(reports, []);
    browser.stop();
    await advertiser.stop();
  });

  it('does not answer what the querier already knows (known-answer suppression, RFC 6762 §7.1)', async () => {
    const link = newLink();
    const advertiser = new MDNSAdvertiser(link.socket('10.0.0.1'), { host: HOST, port: 5353, probeInterval: 5 });
    advertiser.start();
    await advertiser.publish(service('x'));
    await new Promise((resolve) => setImmediate(resolve));
    const before = link.packets.length;
    link.socket('10.0.0.3').query({
      questions: [{ name: '_sipuri._udp.local', type: 'PTR' }],
      answers: [{ name: '_sipuri._udp.local', type: 'PTR', ttl: 4500, data: 'alice-udp._sipuri._udp.local' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(link.packets.slice(before).map((entry) => entry.packet.type), ['query']);
    await advertiser.stop();
  });
});
