/**
 * `sipsimple/payloads`: the payload applications carried by PUBLISH,
 * NOTIFY, MESSAGE and XCAP, each a module of element classes on the XML
 * binding layer (`sipsimple/xml`). Importing this module registers every
 * application's document class (see `documentClassFor`) and PIDF's
 * extensions.
 */
export { documentClassFor, registerDocument, registerExtension, registerNamespace } from '../xml/index.js';
export * from './pidf.js';
export * from './datamodel.js';
export * from './rpid.js';
export * from './cipid.js';
export * from './caps.js';
export * from './watcherinfo.js';
