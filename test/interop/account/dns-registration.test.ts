// Registration through RFC 3263 server location, with no outbound proxy: a real DNS server
// (dnsmasq on a loopback port, test/helpers/dnsmasq.ts) publishes SRV records for the lab's
// domain whose first target refuses connections; the account fails over to the second,
// the lab's registrar, and registers there.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DNSLookup } from '../../../src/lookup/index.js';
import { startDnsmasq, type DnsmasqServer } from '../../helpers/dnsmasq.js';
import { startLab, type Lab } from '../../lab/lab.js';
import { startLabApplication, type LabApplication } from './lab-application.js';

/** A TCP port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('account registration located with DNS (RFC 3263)', { timeout: 120_000 }, () => {
  let lab: Lab;
  let dns: DnsmasqServer;
  let alice: LabApplication | undefined;

  before(async () => {
    lab = await startLab();
    dns = await startDnsmasq({
      localDomains: [lab.domain],
      srv: [
        { name: `_sip._tcp.${lab.domain}`, target: `down.${lab.domain}`, port: await closedPort(), priority: 10 },
        { name: `_sip._tcp.${lab.domain}`, target: `registrar.${lab.domain}`, port: lab.ports.sip, priority: 20 },
      ],
      hosts: [
        { name: `down.${lab.domain}`, addresses: ['127.0.0.1'] },
        { name: `registrar.${lab.domain}`, addresses: ['127.0.0.1'] },
      ],
    });
  });

  after(async () => {
    await alice?.stop();
    await dns?.stop();
    await lab?.stop();
  });

  it('fails over from the refusing server to the lab and registers', async () => {
    alice = await startLabApplication(
      lab,
      lab.users.alice,
      (account) => account.setSettingFromString('sip.outboundProxy', null),
      { dnsLookup: new DNSLookup({ nameservers: [dns.nameserver] }) },
    );
    const registration = alice.account.currentRegistration;
    assert.ok(registration?.isRegistered, lab.logTail());
    assert.equal(registration.route?.port, lab.ports.sip);
    assert.equal(registration.route?.transport, 'tcp');
    const dump = await lab.kamcmd('ul.lookup', 'location', 'alice');
    assert.match(dump, new RegExp(alice.account.contact.username));
  });
});
