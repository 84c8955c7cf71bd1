// RFC 3263 server location against a real DNS server: dnsmasq on a loopback
// port (see test/helpers/dnsmasq.ts), queried through Node's resolver.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { NotificationCenter } from '../../../src/notification/index.js';
import { DNSLookup, DNSLookupError, DNSManager, tryRoutes, type Route } from '../../../src/lookup/index.js';
import { startDnsmasq, type DnsmasqServer } from '../../helpers/dnsmasq.js';

const center = new NotificationCenter();
let server: DnsmasqServer;
const sockets: Socket[] = [];

async function udpServer(reply: boolean): Promise<number> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  if (reply) socket.on('message', (data, peer) => socket.send(Buffer.concat([Buffer.from('echo '), data]), peer.port, peer.address));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return socket.address().port;
}

let silentPort = 0;
let echoPort = 0;

before(async () => {
  silentPort = await udpServer(false);
  echoPort = await udpServer(true);
  server = await startDnsmasq({
    localDomains: ['example.test', 'plain.test', 'failover.test', 'weights.test'],
    naptr: [
      { name: 'example.test', order: 10, preference: 10, flags: 's', service: 'SIPS+D2T', replacement: '_sips._tcp.example.test' },
      { name: 'example.test', order: 20, preference: 10, flags: 's', service: 'SIP+D2T', replacement: '_sip._tcp.example.test' },
      { name: 'example.test', order: 30, preference: 10, flags: 's', service: 'SIP+D2U', replacement: '_sip._udp.example.test' },
    ],
    srv: [
      { name: '_sips._tcp.example.test', target: 'tls.example.test', port: 5061, priority: 10 },
      { name: '_sip._tcp.example.test', target: 'backup.example.test', port: 5080, priority: 20 },
      { name: '_sip._tcp.example.test', target: 'main.example.test', port: 5070, priority: 10 },
      { name: '_sip._udp.example.test', target: 'main.example.test', port: 5060, priority: 10 },
      { name: '_sip._udp.weights.test', target: 'w100.weights.test', port: 5001, priority: 10, weight: 100 },
      { name: '_sip._udp.weights.test', target: 'w0.weights.test', port: 5002, priority: 10, weight: 0 },
      { name: '_sip._udp.failover.test', target: 'silent.failover.test', port: silentPort, priority: 10 },
      { name: '_sip._udp.failover.test', target: 'echo.failover.test', port: echoPort, priority: 20 },
      { name: '_stun._udp.example.test', target: 'main.example.test', port: 3478 },
    ],
    hosts: [
      { name: 'tls.example.test', addresses: ['127.0.0.10'] },
      { name: 'main.example.test', addresses: ['127.0.0.11'] },
      { name: 'backup.example.test', addresses: ['127.0.0.12', '::1'] },
      { name: 'plain.test', addresses: ['127.0.0.13'] },
      { name: 'w100.weights.test', addresses: ['127.0.0.21'] },
      { name: 'w0.weights.test', addresses: ['127.0.0.22'] },
      { name: 'silent.failover.test', addresses: ['127.0.0.1'] },
      { name: 'echo.failover.test', addresses: ['127.0.0.1'] },
    ],
    txt: [
      { name: 'xcap.example.test', texts: ['https://xcap.example.test/xcap-root'] },
      { name: 'xcap.plain.test', texts: ['not a uri'] },
    ],
  });
});

after(async () => {
  await server?.stop();
  for (const socket of sockets) socket.close();
});

function lookup(options: { random?: () => number; ipv6?: boolean; nameservers?: string[] } = {}) {
  return new DNSLookup({
    notificationCenter: center,
    nameservers: options.nameservers ?? [server.nameserver],
    manager: new DNSManager({ notificationCenter: center }),
    ...(options.random ? { random: options.random } : {}),
    ipv6: options.ipv6 ?? false,
  });
}

const show = (routes: Route[]) => routes.map((r) => `${r.transport}:${r.address}:${r.port}${r.tlsName ? `@${r.tlsName}` : ''}`);

test('real DNS: NAPTR → SRV (priority) → A, grouped by the supported transports', async () => {
  const traces: string[] = [];
  const remove = center.addObserver((n) => traces.push(`${n.data.queryType} ${n.data.queryName}`), { name: 'DNSLookupTrace' });
  const routes = await lookup().lookupSIPProxy({ scheme: 'sip', host: 'example.test' }, ['udp', 'tcp', 'tls']);
  remove();
  assert.deepEqual(show(routes), [
    'udp:127.0.0.11:5060',
    'tcp:127.0.0.11:5070',
    'tcp:127.0.0.12:5080',
    'tls:127.0.0.10:5061@example.test',
  ]);
  assert.equal(traces[0], 'NAPTR example.test');
});

test('real DNS: AAAA records join when IPv6 is on', async () => {
  const routes = await lookup({ ipv6: true }).lookupSIPProxy({ host: 'example.test', transport: 'tcp' }, ['tcp']);
  assert.deepEqual(show(routes), ['tcp:127.0.0.11:5070', 'tcp:127.0.0.12:5080', 'tcp:::1:5080']);
});

test('real DNS: sips implies TLS, with the domain as the certificate name', async () => {
  const routes = await lookup().lookupSIPProxy({ scheme: 'sips', host: 'example.test' }, ['udp', 'tcp', 'tls']);
  assert.deepEqual(show(routes), ['tls:127.0.0.10:5061@example.test']);
});

test('real DNS: the supported transports filter the NAPTR answer', async () => {
  const routes = await lookup().lookupSIPProxy({ host: 'example.test' }, ['tcp']);
  assert.deepEqual(show(routes), ['tcp:127.0.0.11:5070', 'tcp:127.0.0.12:5080']);
});

test('real DNS: an explicit port skips NAPTR and SRV', async () => {
  const traces: string[] = [];
  const remove = center.addObserver((n) => traces.push(`${n.data.queryType} ${n.data.queryName}`), { name: 'DNSLookupTrace' });
  const routes = await lookup().lookupSIPProxy({ host: 'main.example.test', port: 5999 }, ['udp']);
  remove();
  assert.deepEqual(show(routes), ['udp:127.0.0.11:5999']);
  assert.deepEqual(traces, ['A main.example.test']);
});

test('real DNS: a domain without NAPTR or SRV falls back to its A record with default ports', async () => {
  const routes = await lookup().lookupSIPProxy({ host: 'plain.test' }, ['udp', 'tls']);
  assert.deepEqual(show(routes), ['udp:127.0.0.13:5060', 'tls:127.0.0.13:5061@plain.test']);
});

test('real DNS: SRV weights decide the order within a priority (RFC 2782)', async () => {
  // A pick at the top of the running sum (0..100) lands on the weight-100 record;
  // a pick of 0 lands on the weight-0 record, which the RFC puts first in the sum.
  const high = await lookup({ random: () => 0.99 }).lookupSIPProxy({ host: 'weights.test' }, ['udp']);
  assert.deepEqual(show(high), ['udp:127.0.0.21:5001', 'udp:127.0.0.22:5002']);
  const low = await lookup({ random: () => 0 }).lookupSIPProxy({ host: 'weights.test' }, ['udp']);
  assert.deepEqual(show(low), ['udp:127.0.0.22:5002', 'udp:127.0.0.21:5001']);
});

test('real DNS: TXT gives the XCAP root; a TXT without a URI is no-data', async () => {
  assert.deepEqual(await lookup().lookupXCAPServer('example.test'), ['https://xcap.example.test/xcap-root']);
  await assert.rejects(lookup().lookupXCAPServer('plain.test'), (e: unknown) => e instanceof DNSLookupError && e.kind === 'no-data');
});

test('real DNS: STUN servers by SRV', async () => {
  assert.deepEqual(await lookup().lookupService('example.test', 'stun'), [{ host: '127.0.0.11', port: 3478 }]);
});

test('real DNS: a name that does not exist is not-found (NXDOMAIN)', async () => {
  await assert.rejects(lookup().lookupSIPProxy({ host: 'nothing.example.test' }, ['udp']), (e: unknown) => {
    return e instanceof DNSLookupError && e.kind === 'not-found' && e.code === 'ENOTFOUND';
  });
});

test('real sockets: failover to the next SRV target when the first does not answer', async () => {
  const routes = await lookup().lookupSIPProxy({ host: 'failover.test' }, ['udp']);
  assert.deepEqual(show(routes), [`udp:127.0.0.1:${silentPort}`, `udp:127.0.0.1:${echoPort}`]);
  const client = createSocket('udp4');
  sockets.push(client);
  await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', () => resolve()));
  const failedOver: string[] = [];
  const outcome = await tryRoutes(
    routes,
    (route) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          client.removeListener('message', onMessage);
          reject(new Error('no answer'));
        }, 300);
        const onMessage = (data: Buffer) => {
          clearTimeout(timer);
          client.removeListener('message', onMessage);
          resolve(data.toString());
        };
        client.on('message', onMessage);
        client.send('OPTIONS', route.effectivePort, route.address);
      }),
    { onFailover: (route, reason) => failedOver.push(`${route.toString()} ${(reason.error as Error).message}`) },
  );
  assert.equal(outcome.result, 'echo OPTIONS');
  assert.equal(outcome.route.port, echoPort);
  assert.deepEqual(failedOver, [`127.0.0.1:${silentPort}/udp no answer`]);
});

test('a nameserver that never answers gives a timeout error', async () => {
  const silentNameserver = `127.0.0.1:${silentPort}`;
  await assert.rejects(
    lookup({ nameservers: [silentNameserver] }).lookupSIPProxy({ host: 'main.example.test', port: 5060 }, ['udp'], {
      timeout: 100,
      lifetime: 2_000,
    }),
    (e: unknown) => e instanceof DNSLookupError && e.kind === 'timeout',
  );
});

test('the lifetime ends a lookup whose nameserver never answers, cancelling the query in flight', async () => {
  const silentNameserver = `127.0.0.1:${silentPort}`;
  await assert.rejects(
    lookup({ nameservers: [silentNameserver] }).lookupXCAPServer('example.test', { timeout: 60_000, lifetime: 100 }),
    (e: unknown) => e instanceof DNSLookupError && e.kind === 'timeout' && /ran out of time/.test(e.message),
  );
});

test('spec §20: DNSManager falls back when the local nameserver cannot resolve the probe domain', async () => {
  const fallback = await startDnsmasq({
    naptr: [{ name: 'probe.test', order: 1, preference: 1, flags: 's', service: 'SIP+D2U', replacement: '_sip._udp.probe.test' }],
  });
  try {
    const manager = new DNSManager({
      notificationCenter: center,
      systemNameservers: () => [server.nameserver],
      fallbackNameservers: [fallback.nameserver],
      probeDomain: 'probe.test',
      probeTimeout: 200,
    });
    await manager.start();
    assert.deepEqual(manager.nameservers, [fallback.nameserver]);
    manager.stop();
    const good = new DNSManager({
      notificationCenter: center,
      systemNameservers: () => [fallback.nameserver],
      fallbackNameservers: [server.nameserver],
      probeDomain: 'probe.test',
    });
    await good.start();
    assert.deepEqual(good.nameservers, [fallback.nameserver]);
    good.stop();
  } finally {
    await fallback.stop();
  }
});
