// The XCAP root from the settings, or from TXT records at xcap.<domain> through DNSLookup
// (XCAP spec, Account.xcap.xcap_root), with typed errors when neither gives one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DNSLookup, type DNSResolver } from '../../src/lookup/index.js';
import { discoverXCAPRoot, XCAPRootDiscoveryError, XCAPURIError } from '../../src/xcap/index.js';

function lookupWithTXT(records: Record<string, string[][]>, asked: string[] = []): DNSLookup {
  const fail = (): Promise<never> => Promise.reject(Object.assign(new Error('no data'), { code: 'ENODATA' }));
  const resolver: DNSResolver = {
    resolveNaptr: fail,
    resolveSrv: fail,
    resolve4: fail,
    resolve6: fail,
    resolveTxt: (name) => {
      asked.push(name);
      const found = records[name];
      return found ? Promise.resolve(found) : Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));
    },
    cancel: () => {},
  };
  return new DNSLookup({ resolverFactory: () => resolver });
}

describe('XCAP root discovery', () => {
  it('uses the configured root without asking DNS', async () => {
    const asked: string[] = [];
    const root = await discoverXCAPRoot({ xcapRoot: 'https://xcap.example.org/xcap-root/', domain: 'example.org', lookup: lookupWithTXT({}, asked) });
    assert.equal(root, 'https://xcap.example.org/xcap-root');
    assert.deepEqual(asked, []);
  });

  it('rejects a configured root that is not one', async () => {
    await assert.rejects(discoverXCAPRoot({ xcapRoot: 'ftp://x', domain: 'example.org' }), XCAPURIError);
  });

  it('reads the TXT record of xcap.<domain> when no root is configured (spec example)', async () => {
    const asked: string[] = [];
    const lookup = lookupWithTXT({ 'xcap.example.org': [['https://xcap.example.org/xcap-root']] }, asked);
    assert.equal(await discoverXCAPRoot({ xcapRoot: null, domain: 'example.org', lookup }), 'https://xcap.example.org/xcap-root');
    assert.deepEqual(asked, ['xcap.example.org']);
  });

  it('skips TXT records that are no usable root', async () => {
    const lookup = lookupWithTXT({ 'xcap.example.org': [['v=spf1 -all'], ['https://x.example.org/?q=1'], ['http://xcap.example.org/root']] });
    assert.equal(await discoverXCAPRoot({ domain: 'example.org', lookup }), 'http://xcap.example.org/root');
    const none = lookupWithTXT({ 'xcap.example.org': [['https://x.example.org/?q=1']] });
    await assert.rejects(discoverXCAPRoot({ domain: 'example.org', lookup: none }), (error: unknown) => {
      assert.ok(error instanceof XCAPRootDiscoveryError);
      assert.match(error.message, /no record is a usable XCAP root/);
      return true;
    });
  });

  it('says why when DNS has nothing', async () => {
    await assert.rejects(discoverXCAPRoot({ domain: 'example.org', lookup: lookupWithTXT({}) }), (error: unknown) => {
      assert.ok(error instanceof XCAPRootDiscoveryError);
      assert.match(error.message, /no XCAP root configured and none found in DNS for example\.org/);
      assert.ok(error.cause instanceof Error);
      return true;
    });
  });
});
