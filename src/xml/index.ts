/**
 * `sipsimple/xml`: the XML binding layer. A strict, namespace-aware
 * tokenizer that refuses hostile input; declarative element classes
 * (attributes, text, child slots, extensions); documents with registered
 * namespaces and a MIME-type registry. See docs/xml-binding.md.
 */
export * from './errors.js';
export * from './node.js';
export * from './values.js';
export * from './schema.js';
export * from './element.js';
export * from './raw-element.js';
export * from './localized-text.js';
export { registerExtension, extensionsOf } from './compiled-schema.js';
export { type InvalidElement, readElement, writeElement, writeRaw, ReadContext } from './binder.js';
export * from './document.js';
export * from './tokenizer.js';
export * from './writer.js';
