/** The SIP message layer (RFC 3261 §7, §8.2.6, §20, §25): model, parser and header values. */
export * from './sip-message.js';
export * from './sip-request.js';
export * from './sip-response.js';
export * from './header-field.js';
export { headerKey, isListHeader } from './header-names.js';
export { splitList, splitChallenges } from './split-list.js';
export * from './parser.js';
export * from './create-response.js';
export * from './reason-phrases.js';
export * from './ids.js';
export * from './headers/name-address.js';
export * from './headers/via.js';
export * from './headers/media-type.js';
export * from './headers/auth.js';
export * from './headers/event.js';
export * from './headers/misc.js';
export * from './headers/scalars.js';
export { quote, unquote } from './headers/scanner.js';
