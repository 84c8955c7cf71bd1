/** URIs of the SIP stack: SIP/SIPS (RFC 3261 §19.1), tel (RFC 3966) and opaque others. */
export * from './params.js';
export * from './escape.js';
export * from './host-port.js';
export * from './sip-uri.js';
export * from './tel-uri.js';
export * from './absolute-uri.js';
export * from './parse-uri.js';
