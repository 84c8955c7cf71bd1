// Property tests (fast-check) for URI parsing: lossless round trips, rebuilt
// text that parses back equal, and only ParserError on arbitrary input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParserError } from '../../../src/errors.js';
import { SIPURI, parseURI } from '../../../src/core/uri/index.js';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
const escaped = fc.nat(255).map((n) => '%' + n.toString(16).padStart(2, '0'));
const userPart = fc.array(fc.oneof(chars(ALNUM + "-_.!~*'()&=+$,;?/", 1, 4), escaped), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const host = fc.oneof(
  fc.array(chars('abcdefghijklmnopqrstuvwxyz0123456789', 1, 8), { minLength: 1, maxLength: 3 }).map((l) => l.join('.') + '.net'),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.nat(0xffff).map((n) => `[fe80::${n.toString(16)}]`),
);
const pchars = chars(ALNUM + "[]/:&+$-_.!~*'()", 1, 8);
const uriText = fc
  .record({
    scheme: fc.constantFrom('sip', 'sips', 'SIP'),
    user: fc.option(userPart, { nil: undefined }),
    password: fc.option(chars(ALNUM + '&=+$,', 0, 6), { nil: undefined }),
    host,
    port: fc.option(fc.nat(65535), { nil: undefined }),
    // Parameter and header names are unique (case-insensitively): RFC 3261 §19.1.4 compares them by name.
    params: fc.uniqueArray(fc.tuple(pchars, fc.option(pchars, { nil: null })), { maxLength: 4, selector: ([n]) => n.toLowerCase() }),
    headers: fc.uniqueArray(fc.tuple(chars(ALNUM, 1, 6), chars(ALNUM + '%20:', 0, 6)), { maxLength: 3, selector: ([n]) => n.toLowerCase() }),
  })
  .map((u) => {
    let text = `${u.scheme}:`;
    if (u.user !== undefined) text += u.user + (u.password !== undefined ? ':' + u.password : '') + '@';
    text += u.host + (u.port !== undefined ? ':' + u.port : '');
    for (const [n, v] of u.params) text += v === null ? `;${n}` : `;${n}=${v}`;
    text += u.headers.map(([n, v], i) => (i === 0 ? '?' : '&') + n + '=' + v).join('');
    return text;
  })
  .filter((t) => !/%(?![0-9a-fA-F]{2})/.test(t));

describe('URI properties (fast-check)', () => {
  it('parses generated SIP URIs and gives back their exact text', () => {
    fc.assert(
      fc.property(uriText, (text) => {
        const uri = parseURI(text);
        assert.ok(uri instanceof SIPURI);
        assert.equal(uri.toString(), text);
        assert.ok(uri.equals(uri.clone()));
      }),
      { numRuns: 500 },
    );
  });

  it('rebuilds changed URIs into text that parses back equal', () => {
    fc.assert(
      fc.property(uriText, fc.nat(65535), (text, port) => {
        const uri = SIPURI.parse(text);
        uri.port = port;
        uri.params.set('x-test', 'v');
        const again = SIPURI.parse(uri.toString());
        assert.equal(again.toString(), uri.toString());
        assert.ok(again.equals(uri));
      }),
      { numRuns: 300 },
    );
  });

  it('throws only ParserError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), uriText.map((t) => t.slice(0, t.length - 1) + '\u0000<'), fc.string({ unit: 'binary' })), (text) => {
        try {
          parseURI(text).toString();
        } catch (error) {
          if (!(error instanceof ParserError)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
