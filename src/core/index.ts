/** The SIP stack (RFC 3261 and friends). */
export * from './uri/index.js';
export * from './message/index.js';
export * from './transaction/index.js';
export * from './dialog/index.js';
export * from './transport/index.js';
export * from './auth/index.js';
export { Credentials } from './auth/index.js'; // the spec's class wins over the message layer's header-value alias of that name
export * from './engine/index.js';
export { Subscription } from './primitives/subscription.js';
export type { SubscriptionOptions, SubscribeOptions } from './primitives/subscription.js';
export { IncomingSubscription, contactForFlow } from './primitives/incoming-subscription.js';
export type { ServeOptions } from './primitives/incoming-subscription.js';
export { EventRouter, eventPackage } from './primitives/event-router.js';
export type { EventRequestReceiver } from './primitives/event-router.js';
export type { EventEngine } from './primitives/event-engine.js';
export { subscriptionStateInfo, terminationAction, refreshDelay } from './primitives/subscription-state.js';
export type { NotifiedState, SubscriptionStateInfo, TerminationAction } from './primitives/subscription-state.js';
export type { SubscriptionStateName, IncomingSubscriptionStateName, SubscriptionNotifyData, Originator } from './primitives/subscription-notifications.js';
