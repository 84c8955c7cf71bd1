/** fast-check generators of XCAP URI parts (RFC 4825 §6) for the property tests. */
import fc from 'fast-check';
import type { NodeSelector } from '../../src/xcap/index.js';

/** An NCName. */
export const ncname = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
/** A QName, prefixed or not. */
export const qname = fc.oneof(ncname, fc.tuple(ncname, ncname).map(([p, l]) => `${p}:${l}`));
const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '/', '"', "'", '&', '<', '>', ']', '[', '@', '=', 'é', '😀', '%'), maxLength: 12 });
const step = fc.record({
  name: fc.oneof(qname, fc.constant('*')),
  position: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
  attribute: fc.option(fc.record({ name: qname, value }, { noNullPrototype: true }), { nil: undefined }),
}, { noNullPrototype: true });
/** Node selectors of every shape the grammar allows (extension selectors aside). */
export const nodeSelectorArbitrary: fc.Arbitrary<NodeSelector> = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 5 }),
  terminal: fc.option(
    fc.oneof(qname.map((name) => ({ kind: 'attribute' as const, name })), fc.constant({ kind: 'namespace' as const })),
    { nil: undefined },
  ),
}, { noNullPrototype: true });


const segmentChars = fc.constantFrom('a', 'B', '7', '-', '.', '_', '~', ':', '@', ' ', '?', '#', '%', '[', '"', ';', '=', '+', 'ü', '😀');
const segment = fc
  .string({ unit: segmentChars, minLength: 1, maxLength: 10 })
  .filter((s) => s !== '.' && s !== '..' && s !== '~~');

/** Parts of an XCAP URI (RFC 4825 §6) with awkward characters in XUI, AUID and document path. */
export const xcapURIPartsArbitrary = fc
  .record(
    {
      root: fc.constantFrom('http://xcap.example.com', 'https://xcap.example.com:8443/xcap-root', 'http://127.0.0.1:15064/xcap-root', 'https://[::1]/a/b'),
      auid: fc.constantFrom('resource-lists', 'pres-rules', 'org.openmobilealliance.pres-rules', 'test'),
      global: fc.boolean(),
      xui: fc.oneof(fc.constant('sip:alice@example.com'), segment.map((s) => `sip:${s}@example.com`), segment),
      document: fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/')),
      node: fc.option(nodeSelectorArbitrary, { nil: undefined }),
      namespaces: fc.dictionary(ncname, fc.constantFrom('urn:ietf:params:xml:ns:resource-lists', 'urn:x(1)^y', 'http://example.com/ns?a=b#c'), {
        maxKeys: 2,
        noNullPrototype: true,
      }),
    },
    { noNullPrototype: true },
  )
  .map(({ global, xui, node, namespaces, ...rest }) => {
    // Bind every prefix the selector uses.
    const bindings: Record<string, string> = { ...namespaces };
    const prefixes = new Set<string>();
    for (const step of node?.steps ?? []) {
      for (const name of [step.name, step.attribute?.name]) if (name?.includes(':')) prefixes.add(name.split(':')[0]!);
    }
    if (node?.terminal?.kind === 'attribute' && node.terminal.name.includes(':')) prefixes.add(node.terminal.name.split(':')[0]!);
    for (const prefix of prefixes) if (prefix !== 'xml') bindings[prefix] ??= `urn:test:${prefix}`;
    return { ...rest, tree: global ? ('global' as const) : ('users' as const), xui: global ? undefined : xui, node, namespaces: bindings };
  });
