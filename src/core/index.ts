/** The SIP stack (RFC 3261 and friends). */
export * from './uri/index.js';
export * from './message/index.js';
export * from './transport/index.js';
