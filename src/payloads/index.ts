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
export * as resourcelists from './resourcelists.js';
export * as rlsservices from './rlsservices.js';
export * as commonpolicy from './commonpolicy.js';
export * as omapolicy from './omapolicy.js';
export * as presrules from './presrules.js';
export * as xcapdiff from './xcapdiff.js';
export * as xcapcaps from './xcapcaps.js';
export * as rlmi from './rlmi.js';
export * as rlsnotify from './rlsnotify/index.js';
export * as messagesummary from './messagesummary.js';
export * as dialoginfo from './dialoginfo.js';
export * as iscomposing from './iscomposing.js';
export * as addressbook from './addressbook.js';
export * as prescontent from './prescontent.js';
export * as directory from './directory.js';
export * as dialogrules from './dialogrules.js';
export * as imdn from './imdn.js';
export * as conference from './conference.js';
export * from './resourcelists.js';
export * from './rlsservices.js';
export * from './commonpolicy.js';
export * from './omapolicy.js';
export * from './presrules.js';
export * from './xcapdiff.js';
export * from './xcapcaps.js';
export * from './rlmi.js';
export * from './rlsnotify/index.js';
export * from './messagesummary.js';
export * from './dialoginfo.js';
export * from './iscomposing.js';
export * from './addressbook.js';
export * from './prescontent.js';
export * from './directory.js';
export * from './dialogrules.js';
export * from './imdn.js';
export * from './conference.js';
export { Contact } from './pidf.js';
export { DisplayName } from './cipid.js';
export { Contact as AddressbookContact, Attribute } from './addressbook.js';
export { Attribute as XCAPDiffAttribute } from './xcapdiff.js';
export { Description } from './caps.js';
export { Description as PresContentDescription } from './prescontent.js';
export { DeviceID } from './datamodel.js';
export { Class, Sphere } from './rpid.js';
export { Class as PresRulesClass, DeviceID as PresRulesDeviceID } from './presrules.js';
export { DisplayName as ResourceListsDisplayName } from './resourcelists.js';
export { Sphere as CommonPolicySphere } from './commonpolicy.js';
