/** SIP dialogs (RFC 3261 §12): dialogs, dialog sets of forked requests, dialog tables, and 2xx retransmission. */
export * from './errors.js';
export * from './dialog-id.js';
export * from './route-set.js';
export * from './dialog.js';
export * from './dialog-set.js';
export * from './dialog-table.js';
export * from './invite-2xx-retransmitter.js';
