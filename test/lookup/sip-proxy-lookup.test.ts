import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationCenter } from '../../src/notification/index.js';
import { DNSLookup, DNSLookupError, type Route } from '../../src/lookup/index.js';
import { lookupOver, naptr, srv, type FakeAnswer } from './fake-resolver.js';

const show = (routes: Route[]) => routes.map((r) => `${r.transport}:${r.address}:${r.port}${r.tlsName ? `@${r.tlsName}` : ''}`);

const example: Record<string, FakeAnswer> = {
  'NAPTR example.test': [
    naptr(10, 50, 'SIPS+D2T', '_sips._tcp.example.test'),
    naptr(20, 50, 'SIP+D2T', '_sip._tcp.example.test'),
    naptr(30, 50, 'SIP+D2U', '_sip._udp.example.test'),
    naptr(40, 50, 'SIP+D2W', '_sip._ws.example.test'),
  ],
  'SRV _sips._tcp.example.test': [srv('tls.example.test', 5061)],
  'SRV _sip._tcp.example.test': [srv('b.example.test', 5080, 20), srv('a.example.test', 5070, 10)],
  'SRV _sip._udp.example.test': [srv('a.example.test', 5060)],
  'SRV _sip._ws.example.test': [srv('a.example.test', 8080)],
  'A tls.example.test': ['192.0.2.10'],
  'A a.example.test': ['192.0.2.1'],
  'A b.example.test': ['192.0.2.2', '192.0.2.3'],
  'A example.test': ['192.0.2.99'],
};

test('RFC 3263 §4.1/§4.2: NAPTR, then SRV by priority, then A, grouped in the order of the supported transports', async () => {
  const { lookup, resolver } = lookupOver(example);
  const routes = await lookup.lookupSIPProxy({ scheme: 'sip', host: 'example.test' }, ['udp', 'tcp', 'tls']);
  assert.deepEqual(show(routes), [
    'udp:192.0.2.1:5060',
    'tcp:192.0.2.1:5070',
    'tcp:192.0.2.2:5080',
    'tcp:192.0.2.3:5080',
    'tls:192.0.2.10:5061@example.test',
  ]);
  assert.ok(!resolver.queries.includes('SRV _sip._ws.example.test'), 'a NAPTR for an unsupported transport is not followed');
  assert.deepEqual(resolver.created[0]?.nameservers, ['127.0.0.1:5353']);
});

test('RFC 3263 §4.1: sips uses only TLS-based transports', async () => {
  const { lookup } = lookupOver(example);
  const routes = await lookup.lookupSIPProxy({ scheme: 'sips', host: 'example.test' }, ['udp', 'tcp', 'tls']);
  assert.deepEqual(show(routes), ['tls:192.0.2.10:5061@example.test']);
});

test('sips with no TLS transport supported, or with transport=udp, is a bad-input error', async () => {
  const { lookup } = lookupOver(example);
  await assert.rejects(lookup.lookupSIPProxy({ scheme: 'sips', host: 'example.test' }, ['udp', 'tcp']), (e: unknown) => {
    assert.ok(e instanceof DNSLookupError);
    assert.equal(e.kind, 'bad-input');
    return true;
  });
  await assert.rejects(
    lookup.lookupSIPProxy({ scheme: 'sips', host: 'example.test', transport: 'udp' }, ['udp', 'tls']),
    /sips URI cannot use transport=udp/,
  );
});

test('RFC 3263 §4.1: a transport parameter skips NAPTR; sips;transport=tcp means TLS', async () => {
  const { lookup, resolver } = lookupOver(example);
  const routes = await lookup.lookupSIPProxy({ scheme: 'sip', host: 'example.test', transport: 'TCP' }, ['udp', 'tcp']);
  assert.deepEqual(show(routes), ['tcp:192.0.2.1:5070', 'tcp:192.0.2.2:5080', 'tcp:192.0.2.3:5080']);
  assert.ok(!resolver.queries.some((q) => q.startsWith('NAPTR')));
  const secure = await lookup.lookupSIPProxy({ scheme: 'sips', host: 'example.test', transport: 'tcp' }, ['tls']);
  assert.deepEqual(show(secure), ['tls:192.0.2.10:5061@example.test']);
});

test('a transport parameter the application does not support is an error', async () => {
  const { lookup } = lookupOver(example);
  await assert.rejects(lookup.lookupSIPProxy({ host: 'example.test', transport: 'tls' }, ['udp']), /supported transports are udp/);
  await assert.rejects(lookup.lookupSIPProxy({ host: 'example.test', transport: 'sctp' }, ['udp']), /transport=sctp/);
});

test('RFC 3263 §4.2: an explicit port skips NAPTR and SRV and uses A records, over UDP for sip (§4.1)', async () => {
  const { lookup, resolver } = lookupOver(example);
  const routes = await lookup.lookupSIPProxy({ host: 'b.example.test', port: 5099 }, ['tcp', 'udp']);
  assert.deepEqual(show(routes), ['udp:192.0.2.2:5099', 'udp:192.0.2.3:5099']);
  assert.deepEqual(resolver.queries, ['A b.example.test']);
});

test('RFC 3263 §4.1: a numeric IP needs no DNS at all and uses one transport: UDP for sip, TLS for sips', async () => {
  const { lookup, resolver } = lookupOver({});
  const routes = await lookup.lookupSIPProxy({ scheme: 'sip', host: '[2001:db8::1]' }, ['tls', 'udp']);
  assert.deepEqual(show(routes), ['udp:2001:db8::1:5060']);
  const secure = await lookup.lookupSIPProxy({ scheme: 'sips', host: '192.0.2.9' }, ['udp', 'wss', 'tls']);
  assert.deepEqual(show(secure), ['tls:192.0.2.9:5061']);
  assert.equal(secure[0]!.tlsName, undefined);
  assert.deepEqual(resolver.queries, []);
});

test('RFC 3263 §4.1: without UDP (or TLS for sips) a numeric IP uses the most preferred supported transport', async () => {
  const { lookup } = lookupOver({});
  assert.deepEqual(show(await lookup.lookupSIPProxy({ host: '192.0.2.9' }, ['ws', 'tcp'])), ['ws:192.0.2.9:80']);
  assert.deepEqual(show(await lookup.lookupSIPProxy({ scheme: 'sips', host: '192.0.2.9' }, ['wss'])), ['wss:192.0.2.9:443']);
});

test('RFC 3263 §4.1: without NAPTR records the SRV names are built for each supported transport', async () => {
  const table = { ...example };
  delete table['NAPTR example.test'];
  const { lookup, resolver } = lookupOver(table);
  const routes = await lookup.lookupSIPProxy({ host: 'example.test' }, ['tcp', 'udp']);
  assert.deepEqual(show(routes), ['tcp:192.0.2.1:5070', 'tcp:192.0.2.2:5080', 'tcp:192.0.2.3:5080', 'udp:192.0.2.1:5060']);
  assert.ok(resolver.queries.includes('SRV _sip._tcp.example.test'));
});

test('NAPTR records without the "s" flag or with a regexp are ignored', async () => {
  const { lookup, resolver } = lookupOver({
    'NAPTR example.test': [
      { order: 1, preference: 1, flags: 'u', service: 'SIP+D2U', regexp: '!^.*$!sip:x@y!', replacement: '' },
      { order: 2, preference: 1, flags: 'a', service: 'SIP+D2U', regexp: '', replacement: 'odd.example.test' },
    ],
    'SRV _sip._udp.example.test': [srv('a.example.test', 5062)],
    'A a.example.test': ['192.0.2.1'],
  });
  const routes = await lookup.lookupSIPProxy({ host: 'example.test' }, ['udp']);
  assert.deepEqual(show(routes), ['udp:192.0.2.1:5062']);
  assert.ok(!resolver.queries.some((q) => q.includes('odd.example.test')));
});

test('RFC 3263 §4.2: without SRV records the domain itself is used with the default ports', async () => {
  const { lookup } = lookupOver({ 'NAPTR example.test': { error: 'ENODATA' }, 'A example.test': ['192.0.2.99'] });
  const routes = await lookup.lookupSIPProxy({ host: 'example.test' }, ['udp', 'tls']);
  assert.deepEqual(show(routes), ['udp:192.0.2.99:5060', 'tls:192.0.2.99:5061@example.test']);
});

test('an SRV target that does not resolve is skipped; the others are kept', async () => {
  const { lookup } = lookupOver({
    'SRV _sip._udp.example.test': [srv('gone.example.test', 5060, 1), srv('a.example.test', 5060, 2)],
    'A a.example.test': ['192.0.2.1'],
  });
  assert.deepEqual(show(await lookup.lookupSIPProxy({ host: 'example.test' }, ['udp'])), ['udp:192.0.2.1:5060']);
});

test('AAAA records are used when ipv6 is on, after the A records of the same target', async () => {
  const { lookup } = lookupOver(
    { 'SRV _sip._udp.example.test': [srv('a.example.test', 5060)], 'A a.example.test': ['192.0.2.1'], 'AAAA a.example.test': ['2001:db8::1'] },
    { ipv6: true },
  );
  assert.deepEqual(show(await lookup.lookupSIPProxy({ host: 'example.test' }, ['udp'])), [
    'udp:192.0.2.1:5060',
    'udp:2001:db8::1:5060',
  ]);
});

test('WebSocket transports use SIP+D2W / SIPS+D2W NAPTR services (RFC 7118)', async () => {
  const { lookup } = lookupOver({
    'NAPTR example.test': [naptr(10, 10, 'SIPS+D2W', '_sips._ws.example.test')],
    'SRV _sips._ws.example.test': [srv('a.example.test', 443)],
    'A a.example.test': ['192.0.2.1'],
  });
  assert.deepEqual(show(await lookup.lookupSIPProxy({ host: 'example.test' }, ['ws', 'wss'])), [
    'wss:192.0.2.1:443@example.test',
  ]);
});

test('a name that does not exist fails with a typed not-found error and posts DNSLookupDidFail', async () => {
  const { lookup, center } = lookupOver({});
  const failed = center.waitFor({ name: 'DNSLookupDidFail', sender: lookup });
  await assert.rejects(lookup.lookupSIPProxy({ host: 'nowhere.test' }, ['udp']), (e: unknown) => {
    assert.ok(e instanceof DNSLookupError);
    assert.equal(e.kind, 'not-found');
    assert.equal(e.queryType, 'A');
    assert.equal(e.queryName, 'nowhere.test');
    assert.equal(e.code, 'ENOTFOUND');
    return true;
  });
  assert.match((await failed).data.error, /nowhere\.test/);
});

test('a per-query timeout is mapped to kind "timeout"', async () => {
  const { lookup } = lookupOver({ 'A host.test': { error: 'ETIMEOUT' } });
  await assert.rejects(lookup.lookupSIPProxy({ host: 'host.test', port: 5060 }, ['udp']), (e: unknown) => {
    assert.ok(e instanceof DNSLookupError);
    assert.equal(e.kind, 'timeout');
    return true;
  });
});

test('the lifetime bounds the whole lookup: a query that never returns ends it with "timeout"', async () => {
  const { lookup, resolver } = lookupOver({ 'NAPTR example.test': { hang: true } });
  await assert.rejects(lookup.lookupSIPProxy({ host: 'example.test' }, ['udp'], { lifetime: 20 }), (e: unknown) => {
    assert.ok(e instanceof DNSLookupError);
    assert.equal(e.kind, 'timeout');
    return true;
  });
  assert.deepEqual(resolver.queries, ['NAPTR example.test'], 'no fallback query after the lifetime ended');
});

test('an AbortSignal cancels the lookup', async () => {
  const { lookup } = lookupOver({ 'NAPTR example.test': { hang: true } });
  const controller = new AbortController();
  const pending = lookup.lookupSIPProxy({ host: 'example.test' }, ['udp'], { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (e: unknown) => e instanceof DNSLookupError && e.kind === 'cancelled');
});

test('spec §21: one DNSLookupTrace per query and DNSLookupDidSucceed with the result', async () => {
  const { lookup, center } = lookupOver(example);
  const traces: string[] = [];
  center.addObserver(
    (n) => {
      assert.equal(n.data.context, 'lookupSIPProxy');
      assert.equal(n.data.uri, 'sips:example.test');
      assert.deepEqual(n.data.nameservers, ['127.0.0.1:5353']);
      traces.push(`${n.data.queryType} ${n.data.queryName} ${n.data.error ? n.data.error.kind : n.data.answer?.length}`);
    },
    { name: 'DNSLookupTrace', sender: lookup },
  );
  const succeeded = center.waitFor({ name: 'DNSLookupDidSucceed', sender: lookup });
  const routes = await lookup.lookupSIPProxy({ scheme: 'sips', host: 'example.test' }, ['tls']);
  assert.equal((await succeeded).data.result, routes);
  assert.deepEqual(traces, ['NAPTR example.test 4', 'SRV _sips._tcp.example.test 1', 'A tls.example.test 1']);
});

test('malformed resolver answers become a typed error, not a crash', async () => {
  const { lookup } = lookupOver({ 'A host.test': { error: 'EBADRESP' } });
  await assert.rejects(lookup.lookupSIPProxy({ host: 'host.test', port: 1 }, ['udp']), (e: unknown) => {
    return e instanceof DNSLookupError && e.kind === 'bad-answer';
  });
  await assert.rejects(lookup.lookupSIPProxy({ host: '' }, ['udp']), (e: unknown) => e instanceof DNSLookupError && e.kind === 'bad-input');
});

test('property: any resolver answers give routes of the candidate transports or a DNSLookupError, never another exception', async () => {
  const { default: fc } = await import('fast-check');
  const names = ['example.test', '_sip._udp.example.test', '_sip._tcp.example.test', '_sips._tcp.example.test', 'a.example.test', 'x.test'];
  const naptrRecord = fc.record({
    order: fc.integer({ min: 0, max: 65535 }),
    preference: fc.integer({ min: 0, max: 65535 }),
    flags: fc.constantFrom('s', 'S', 'a', '', 'u'),
    service: fc.constantFrom('SIP+D2U', 'SIP+D2T', 'SIPS+D2T', 'SIP+D2W', 'E2U+sip', 'junk'),
    regexp: fc.constantFrom('', '!^.*$!sip:a@b!'),
    replacement: fc.constantFrom(...names, '', '.'),
  });
  const srvRecord = fc.record({
    name: fc.constantFrom(...names, '.', ''),
    port: fc.integer({ min: 0, max: 65535 }),
    priority: fc.integer({ min: 0, max: 65535 }),
    weight: fc.integer({ min: 0, max: 65535 }),
  });
  const error = fc.constantFrom('ENOTFOUND', 'ENODATA', 'ETIMEOUT', 'ESERVFAIL', 'EBADRESP', 'EREFUSED').map((code) => ({ error: code }));
  const answerFor = (type: string) => {
    if (type === 'NAPTR') return fc.oneof(fc.array(naptrRecord, { maxLength: 5 }), error);
    if (type === 'SRV') return fc.oneof(fc.array(srvRecord, { maxLength: 5 }), error);
    return fc.oneof(fc.array(fc.constantFrom('192.0.2.1', '192.0.2.2', '::1'), { maxLength: 3 }), error);
  };
  const keys = ['NAPTR', 'SRV', 'A', 'AAAA'].flatMap((type) => names.map((name) => [type, `${type} ${name}`] as const));
  const table = fc.record(Object.fromEntries(keys.map(([type, key]) => [key, answerFor(type)])));
  const uri = fc.record({
    scheme: fc.constantFrom('sip', 'sips', 'SIP'),
    host: fc.constantFrom('example.test', 'x.test', '192.0.2.9', '[::1]'),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    transport: fc.option(fc.constantFrom('udp', 'tcp', 'tls', 'ws', 'sctp'), { nil: undefined }),
  });
  const transports = fc.subarray(['udp', 'tcp', 'tls', 'ws', 'wss'] as const);
  await fc.assert(
    fc.asyncProperty(table, uri, transports, fc.boolean(), async (answers, target, supported, ipv6) => {
      const { lookup } = lookupOver(answers as Record<string, FakeAnswer>, { ipv6, random: () => 0.5 });
      try {
        const routes = await lookup.lookupSIPProxy(target, supported);
        assert.ok(routes.length > 0);
        for (const route of routes) assert.ok((supported as readonly string[]).includes(route.transport));
        if (target.scheme === 'sips') for (const route of routes) assert.ok(route.transport === 'tls' || route.transport === 'wss');
      } catch (error) {
        assert.ok(error instanceof DNSLookupError, String(error));
      }
    }),
    { numRuns: 300 },
  );
});

test('nameservers the resolver cannot use are a bad-input error', async () => {
  const lookup = new DNSLookup({ nameservers: ['not an address'], notificationCenter: new NotificationCenter() });
  await assert.rejects(lookup.lookupSIPProxy({ host: 'example.test' }, ['udp']), (e: unknown) => {
    return e instanceof DNSLookupError && e.kind === 'bad-input' && /bad nameservers not an address/.test(e.message);
  });
});
