/**
 * `sipsimple/payloads`: the payload applications carried by PUBLISH,
 * NOTIFY, MESSAGE and XCAP, each a module of element classes on the XML
 * binding layer (`sipsimple/xml`). Importing this module registers every
 * application's document class (see `documentClassFor`) and PIDF's
 * extensions.
 *
 * Every application is exported as a namespace object (`payloads.rpid.Mood`)
 * and, where its names are unique, flat (`Mood`). Appending an application:
 * add `export * as <module>` and `export * from`; where a name clashes with
 * one already exported (e.g. `DisplayName` of CIPID and of resource-lists,
 * `Class`, `Sphere`, `DeviceID`, `Contact`, `Description`), two `export *`
 * make it ambiguous (TypeScript error TS2308): re-export the first owner's
 * name explicitly (`export { DisplayName } from './cipid.js'`, an explicit
 * export wins over `export *`) and the newcomer's under an
 * application-prefixed alias (`export { DisplayName as
 * ResourceListsDisplayName } from './resourcelists.js'`); every name stays
 * reachable through the namespace object.
 */
export { documentClassFor, registerDocument, registerExtension, registerNamespace } from '../xml/index.js';
export * from './pidf.js';
export * from './datamodel.js';
export * from './rpid.js';
export * from './cipid.js';
export * from './caps.js';
export * from './watcherinfo.js';
export * as pidf from './pidf.js';
export * as datamodel from './datamodel.js';
export * as rpid from './rpid.js';
export * as cipid from './cipid.js';
export * as caps from './caps.js';
export * as watcherinfo from './watcherinfo.js';
