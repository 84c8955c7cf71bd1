// XCAP URIs (RFC 4825 §6): root, AUID, users and global trees, XUI, document path, node
// selector after "~~" and xmlns() namespace bindings; building and parsing round-trip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XCAPURI, XCAPURIError, parseXCAPRoot } from '../../src/xcap/index.js';
import { xcapURIPartsArbitrary } from './arbitraries.js';

/** The decoded parts of a URI, as plain data. */
function partsOf(uri: XCAPURI): object {
  const { root, auid, tree, xui, document, node } = uri;
  return { root, auid, tree, xui, document, node, namespaces: { ...uri.namespaces } };
}

describe('XCAP URI parsing (RFC 4825 §6)', () => {
  it('§6.4 example: prefixed steps bound by xmlns() in the query', () => {
    const text =
      'http://xcap.example.com/test/users/sip:joe@example.com/index/~~/foo/a:bar/b:baz' +
      '?xmlns(a=urn:test:namespace1-uri)xmlns(b=urn:test:namespace1-uri)';
    const uri = XCAPURI.parse(text);
    assert.equal(uri.root, 'http://xcap.example.com');
    assert.equal(uri.auid, 'test');
    assert.equal(uri.tree, 'users');
    assert.equal(uri.xui, 'sip:joe@example.com');
    assert.equal(uri.document, 'index');
    assert.equal(uri.nodeSelector, '/foo/a:bar/b:baz');
    assert.deepEqual({ ...uri.namespaces }, { a: 'urn:test:namespace1-uri', b: 'urn:test:namespace1-uri' });
    assert.equal(uri.kind, 'element');
    assert.equal(uri.toString(), text);
  });

  it('§6.2: the XUI is the SIP AOR, written literally (":" and "@" are pchars)', () => {
    const uri = XCAPURI.parse('http://xcap.example.com/resource-lists/users/sip:joe@example.com/index');
    assert.equal(uri.xui, 'sip:joe@example.com');
    assert.equal(uri.kind, 'document');
    assert.equal(uri.documentSelector, 'resource-lists/users/sip:joe@example.com/index');
  });

  it('§6.2: the global tree has no XUI', () => {
    const uri = XCAPURI.parse('http://xcap.example.com/root/xcap-caps/global/index');
    assert.equal(uri.root, 'http://xcap.example.com/root');
    assert.equal(uri.tree, 'global');
    assert.equal(uri.xui, undefined);
  });

  it('§6.3: a percent-encoded node selector with an attribute test and an attribute selector', () => {
    const text =
      'http://xcap.example.com/resource-lists/users/sip:joe@example.com/index/~~/resource-lists/' +
      'list%5B@name=%22friends%22%5D/entry%5B1%5D/@uri';
    const uri = XCAPURI.parse(text);
    assert.equal(uri.kind, 'attribute');
    assert.equal(uri.nodeSelector, '/resource-lists/list[@name="friends"]/entry[1]/@uri');
    assert.equal(uri.toString(), text);
  });

  it('§6.3: lower-case escapes and unescaped brackets are read, then written canonically', () => {
    const uri = XCAPURI.parse('http://x.example.com/resource-lists/users/sip:a@x.example.com/index/~~/resource-lists/list%5b@name=%22a%20b%22%5d');
    assert.equal(uri.node!.steps[1]!.attribute!.value, 'a b');
    assert.ok(uri.toString().endsWith('/~~/resource-lists/list%5B@name=%22a%20b%22%5D'));
    const loose = XCAPURI.parse('http://x.example.com/resource-lists/users/sip:a@x.example.com/index/~~/resource-lists/list[@name="x/y"]');
    assert.equal(loose.node!.steps[1]!.attribute!.value, 'x/y');
    assert.ok(loose.toString().endsWith('list%5B@name=%22x%2Fy%22%5D'), loose.toString());
  });

  it('§7.10: the namespace selector', () => {
    const uri = XCAPURI.parse('http://x.example.com/resource-lists/users/sip:a@x.example.com/index/~~/resource-lists/list%5B1%5D/namespace::*');
    assert.equal(uri.kind, 'namespaces');
  });

  it('finds the root with the given one, even when the root path holds "users"', () => {
    const root = 'https://xcap.example.com/users/xcap';
    const uri = XCAPURI.parse(`${root}/pres-rules/users/sip:bob@example.com/index`, root);
    assert.equal(uri.root, root);
    assert.equal(uri.auid, 'pres-rules');
    assert.equal(uri.requestTarget, '/users/xcap/pres-rules/users/sip:bob@example.com/index');
  });

  it('documents in sub-directories and an XUI that needs escaping', () => {
    const uri = new XCAPURI({ root: 'http://h.example.com/', auid: 'test', xui: 'sip:joe smith?x@example.com', document: 'dir/doc ü.xml' });
    assert.equal(uri.toString(), 'http://h.example.com/test/users/sip:joe%20smith%3Fx@example.com/dir/doc%20%C3%BC.xml');
    assert.deepEqual(partsOf(XCAPURI.parse(uri.toString())), partsOf(uri));
  });

  it('withNode, withAttribute and documentURI', () => {
    const doc = XCAPURI.document({ root: 'http://h.example.com/xcap-root', auid: 'resource-lists', xui: 'sip:a@h.example.com' });
    const element = doc.withNode('/resource-lists/list[@name="friends"]');
    assert.equal(element.kind, 'element');
    const attribute = element.withAttribute('name');
    assert.equal(attribute.nodeSelector, '/resource-lists/list[@name="friends"]/@name');
    assert.ok(attribute.documentURI.equals(doc));
    assert.equal(doc.requestTarget, '/xcap-root/resource-lists/users/sip:a@h.example.com/index');
    assert.deepEqual(doc.server, { protocol: 'http:', hostname: 'h.example.com', port: 80 });
    const rl = doc.withNode('/rl:resource-lists/rl:list', { rl: 'urn:ietf:params:xml:ns:resource-lists' });
    assert.ok(rl.toString().endsWith('?xmlns(rl=urn:ietf:params:xml:ns:resource-lists)'));
  });

  it('escapes parentheses of namespace names with ^ (XPointer xmlns())', () => {
    const doc = XCAPURI.document({ root: 'http://h.example.com', auid: 'test', xui: 'sip:a@h.example.com' });
    const uri = doc.withNode('/p:a', { p: 'urn:x(1)^' });
    assert.ok(uri.toString().endsWith('?xmlns(p=urn:x%5E(1%5E)%5E%5E)'), uri.toString());
    assert.equal(XCAPURI.parse(uri.toString()).namespaces['p'], 'urn:x(1)^');
  });

  for (const [text, fault] of [
    ['http://h.example.com/resource-lists/users/sip:a@h/index#frag', 'fragment'],
    ['http://h.example.com/resource-lists/sip:a@h/index', 'no "users" or "global"'],
    ['http://h.example.com/resource-lists/users/sip:a@h', 'no document path'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~', 'not allowed'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/', 'empty'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/a%5B0%5D', 'position'],
    ['http://h.example.com/resource-lists/users/sip:a@h/in%ZZdex', 'percent-encoding'],
    ['http://h.example.com/resource-lists/users/sip:a@h/in%C3dex', 'percent-encoding'],
    ['http://h.example.com/resource-lists/users/sip:a@h/a%2Fb', 'encoded "/"'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/p:a', 'no xmlns() binding'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/p:a?xmlns(p=urn:a', 'unterminated'],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/p:a?foo(p=urn:a)', 'expected xmlns('],
    ['http://h.example.com/resource-lists/users/sip:a@h/index/~~/a?xmlns(1=urn:a)', 'namespace prefix'],
    ['ftp://h.example.com/resource-lists/users/sip:a@h/index', 'XCAP root'],
  ] as const) {
    it(`rejects ${text.slice(20)} (${fault})`, () => {
      assert.throws(() => XCAPURI.parse(text), (error: unknown) => {
        assert.ok(error instanceof XCAPURIError, String(error));
        assert.ok(error.message.includes(fault), error.message);
        return true;
      });
    });
  }

  it('rejects a URI outside the given root', () => {
    assert.throws(() => XCAPURI.parse('http://other.example.com/a/users/b/index', 'http://h.example.com/xcap'), /not below the XCAP root/);
  });

  it('rejects building a users-tree URI without XUI, or a global one with one', () => {
    assert.throws(() => new XCAPURI({ root: 'http://h.example.com', auid: 'a' }), /needs an XUI/);
    assert.throws(() => new XCAPURI({ root: 'http://h.example.com', auid: 'a', tree: 'global', xui: 'x' }), /global tree has no XUI/);
    assert.throws(() => new XCAPURI({ root: 'http://h.example.com', auid: 'a/b', xui: 'x' }), /holds "\/"/);
    assert.throws(() => new XCAPURI({ root: 'http://h.example.com', auid: 'a', xui: 'x', document: 'a//b' }), /not allowed/);
  });
});

describe('XCAP root (RFC 4825 §6.1)', () => {
  it('drops trailing slashes and finds the default port', () => {
    assert.deepEqual(parseXCAPRoot('https://xcap.example.com/xcap-root/'), {
      text: 'https://xcap.example.com/xcap-root',
      protocol: 'https:',
      hostname: 'xcap.example.com',
      port: 443,
      path: '/xcap-root',
    });
    assert.equal(parseXCAPRoot('http://[::1]:8080').hostname, '::1');
  });

  it('refuses a query, a fragment, credentials and other schemes', () => {
    assert.throws(() => parseXCAPRoot('http://h.example.com/?a=b'), /no query/);
    assert.throws(() => parseXCAPRoot('http://h.example.com/#x'), /no query/);
    assert.throws(() => parseXCAPRoot('http://u:p@h.example.com/'), /credentials/);
    assert.throws(() => parseXCAPRoot('sip:h.example.com'), /neither http nor https/);
    assert.throws(() => parseXCAPRoot('not a uri'), /absolute URI/);
  });
});

describe('XCAP URI round trip (property)', () => {
  it('parse(build(parts)) gives the same URI, with or without the root', () => {
    fc.assert(
      fc.property(xcapURIPartsArbitrary, (parts) => {
        const uri = new XCAPURI(parts);
        const text = uri.toString();
        const withRoot = XCAPURI.parse(text, parts.root);
        assert.deepEqual(partsOf(withRoot), partsOf(uri));
        assert.equal(withRoot.toString(), text);
        if (!parts.root.includes('/a/b')) assert.equal(XCAPURI.parse(text).toString(), text);
        assert.ok(!/[\s"<>\[\]{}|\\^`#]/.test(text.slice(text.indexOf('//') + 2).replace(/^\[::1\]/, '')), text);
      }),
      { numRuns: 300 },
    );
  });

  it('any text either parses or throws XCAPURIError', () => {
    const unit = fc.constantFrom('a', '/', '~~', 'users', 'global', '%', '5B', '?', 'xmlns(', ')', '=', '@', ':', '"', '#');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 16 }), (tail) => {
        try {
          XCAPURI.parse(`http://h.example.com/${tail}`);
        } catch (error) {
          assert.ok(error instanceof XCAPURIError, String(error));
        }
      }),
      { numRuns: 300 },
    );
  });
});
