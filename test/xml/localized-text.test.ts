import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuilderError, localizedTextElement, parseDocument, serializeDocument, XMLString } from '../../src/xml/index.js';

const NS = 'urn:test:localized';

/** A localized element whose `xml:lang` is a token (trimmed). */
class Label extends localizedTextElement(NS, 'label') {}
/** The same shape with `xml:lang` kept as written. */
class Caption extends localizedTextElement(NS, 'caption', XMLString) {}

describe('localizedTextElement', () => {
  it('parses text and xml:lang into an instance of the declaring class', () => {
    const label = parseDocument(Label, `<label xmlns="${NS}" xml:lang=" fr ">  bonjour </label>`);
    assert.ok(label instanceof Label);
    assert.equal(label.value, '  bonjour ');
    assert.equal(label.lang, 'fr');
    assert.equal(String(label), '  bonjour ');
  });

  it('keeps xml:lang as written when the string type is chosen', () => {
    const caption = parseDocument(Caption, `<caption xmlns="${NS}" xml:lang=" en ">hi</caption>`);
    assert.ok(caption instanceof Caption);
    assert.equal(caption.lang, ' en ');
  });

  it('writes xml:lang only when set', () => {
    const written = serializeDocument(new Label('hello', 'en'));
    assert.match(written, /xml:lang="en"[^>]*>hello</);
    const read = parseDocument(Label, written);
    assert.deepEqual([read.value, read.lang], ['hello', 'en']);
    assert.doesNotMatch(serializeDocument(new Label('hello')), /xml:lang/);
  });

  it('refuses to build without text', () => {
    const label = new Label('x');
    (label as { value: unknown }).value = undefined;
    assert.throws(() => serializeDocument(label), BuilderError);
  });
});
