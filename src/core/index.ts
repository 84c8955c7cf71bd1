/** The SIP stack (RFC 3261 and friends). */
export * from './uri/index.js';
export * from './message/index.js';
export * from './transaction/index.js';
export * from './dialog/index.js';
export * from './transport/index.js';
export * from './auth/index.js';
export { Credentials } from './auth/index.js'; // the spec's class wins over the message layer's header-value alias of that name
export * from './engine/index.js';
