/** The SIP Engine: transports, transactions and request dispatch joined (python-sipsimple's Engine). */
import './notifications.js';

export { Engine } from './engine.js';
export type { EngineOptions, EngineState } from './engine.js';
export { resolveEngineSettings, DEFAULT_USER_AGENT } from './engine-settings.js';
export type { EngineSettings, EngineTLSSettings, ResolvedEngineSettings } from './engine-settings.js';
export { EngineError } from './errors.js';
export type { EngineErrorCode } from './errors.js';
export type { EngineLogLevel, EngineSIPTraceData } from './notifications.js';
export { KNOWN_METHODS } from './request-dispatcher.js';
export type { RequestHandler, AckHandler, StrayResponseHandler, RequestHandlerOptions } from './request-handlers.js';
export { DEFAULT_MAX_FORWARDS } from './request-sender.js';
export type { SendRequestOptions } from './request-sender.js';
