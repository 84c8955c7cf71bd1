import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { documentClassFor, Watcher, WatcherInfo, WatcherInfoDocument, WatcherInfoVersionError, WatcherList } from '../../src/payloads/index.js';
import { ValidationError } from '../../src/xml/index.js';
import { canonicalXML } from '../helpers/xml-canonical.js';

const EXAMPLES = new URL('../../../shared/testdata/payload-examples/', import.meta.url);

/** spec/payloads-api.md section 8 input, which is the example of RFC 3858 section 5. */
const WINFO_DOC = `<?xml version="1.0"?>
<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo"
             version="0" state="full">
  <watcher-list resource="sip:professor@example.net" package="presence">
    <watcher status="active"
             id="8ajksjda7s"
             duration-subscribed="509"
             event="approved" >sip:userA@example.net</watcher>
    <watcher status="pending"
             id="hh8juja87s997-ass7"
             display-name="Mr. Subscriber"
             event="subscribe">sip:userB@example.org</watcher>
  </watcher-list>
</watcherinfo>`;

const partial = (version: number, watchers: string) =>
  `<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="${version}" state="partial"><watcher-list resource="sip:professor@example.net" package="presence">${watchers}</watcher-list></watcherinfo>`;

describe('watcherinfo (RFC 3857, RFC 3858)', () => {
  it('the seed example of spec/payloads-api.md section 8', () => {
    const winfo = new WatcherInfo();
    const updated = winfo.update(WINFO_DOC);
    assert.equal(updated.get('sip:professor@example.net')?.length, 2);
    assert.equal(String(winfo.pending.get('sip:professor@example.net')![0]), '"Mr. Subscriber" <sip:userB@example.org>');
    assert.equal(winfo.pending.get('sip:professor@example.net')![1], undefined);
    assert.equal(String(winfo.active.get('sip:professor@example.net')![0]), 'sip:userA@example.net');
    assert.equal(winfo.terminated.get('sip:professor@example.net')!.length, 0);
    assert.deepEqual(winfo.wlists[0]!.active, winfo.active.get('sip:professor@example.net'));
    assert.deepEqual(winfo.active.get(winfo.wlists[0]!), winfo.active.get('sip:professor@example.net'));
    assert.equal(winfo.active.get('sip:nobody@example.net'), undefined);
  });

  it('RFC 3858 section 5 example: typed attributes and round trip; the payload-examples file parses', () => {
    const doc = WatcherInfoDocument.parse(WINFO_DOC);
    assert.equal(doc.version, 0);
    assert.equal(doc.state, 'full');
    const list = doc.get('sip:professor@example.net') as WatcherList;
    assert.equal(list.package, 'presence');
    const active = list.get('8ajksjda7s') as Watcher;
    assert.equal(active.durationSubscribed, 509);
    assert.equal(active.event, 'approved');
    assert.equal(canonicalXML(doc.toXML({ pretty: true })), canonicalXML(WINFO_DOC));
    const file = readFileSync(new URL('watcherinfo__sipsimple-doctest__1.xml', EXAMPLES), 'utf8');
    assert.equal(canonicalXML(WatcherInfoDocument.parse(file).toXML()), canonicalXML(file));
    assert.equal(documentClassFor('application/watcherinfo+xml'), WatcherInfoDocument);
  });

  it('applies partial updates in sequence and ignores old versions', () => {
    const winfo = new WatcherInfo();
    winfo.update(WINFO_DOC);
    const updated = winfo.update(partial(1, '<watcher status="active" id="hh8juja87s997-ass7" event="approved">sip:userB@example.org</watcher><watcher status="pending" id="new1" event="subscribe">sip:userC@example.org</watcher>'));
    assert.equal(updated.get('sip:professor@example.net')?.length, 2);
    assert.deepEqual(winfo.active.get('sip:professor@example.net')!.map((w) => w.uri), ['sip:userA@example.net', 'sip:userB@example.org']);
    assert.deepEqual(winfo.pending.get('sip:professor@example.net')!.map((w) => w.id), ['new1']);
    assert.equal(winfo.update(partial(1, '<watcher status="terminated" id="new1" event="rejected">sip:userC@example.org</watcher>')).size, 0);
    winfo.update(partial(2, '<watcher status="terminated" id="new1" event="rejected">sip:userC@example.org</watcher>'));
    assert.equal(winfo.terminated.get('sip:professor@example.net')![0]!.event, 'rejected');
    assert.equal(winfo.version, 2);
    assert.throws(() => winfo.update(partial(4, '')), WatcherInfoVersionError);
    assert.throws(() => new WatcherInfo().update(partial(0, '')), WatcherInfoVersionError);
  });

  it('a full document replaces the state', () => {
    const winfo = new WatcherInfo();
    winfo.update(WINFO_DOC);
    winfo.update('<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="5" state="full"/>');
    assert.deepEqual(winfo.wlists, []);
    assert.equal(winfo.active.get('sip:professor@example.net'), undefined);
  });

  it('builds a document', () => {
    const doc = new WatcherInfoDocument(3, 'full', [new WatcherList('sip:me@example.com', 'presence', [new Watcher('sip:you@example.com', 'w1', 'waiting', 'timeout', { expiration: 0 })])]);
    const back = WatcherInfoDocument.parse(doc.toXML());
    assert.equal((back.lists[0]!.watchers[0]!).status, 'waiting');
    assert.equal(back.lists[0]!.pending.length, 1);
  });

  it('rejects invalid documents', () => {
    const bad = [
      ['<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" state="full"/>', /missing required attribute version/],
      ['<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="-1" state="full"/>', /outside/],
      ['<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="1" state="some"/>', /not one of full, partial/],
      [partial(1, '<watcher status="gone" id="a" event="subscribe">sip:a@b</watcher>'), /not one of pending, active, waiting, terminated/],
      [partial(1, '<watcher status="active" event="subscribe">sip:a@b</watcher>'), /missing required attribute id/],
    ] as const;
    for (const [xml, pattern] of bad) {
      assert.throws(() => new WatcherInfo().update(xml), (error: unknown) => error instanceof ValidationError && pattern.test(error.message));
    }
  });
});
