/** sipsimple: a SIP SIMPLE client SDK for Node.js. Subpaths export each layer in full. */
export * from './errors.js';
export * from './notification/index.js';
