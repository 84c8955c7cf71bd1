/**
 * RLS NOTIFY bodies (RFC 4662 section 5): {@link RLSNotify} and the small
 * MIME multipart and media-type helpers it is built on.
 */
export { RLSNotify, type RLSPart, type ResourceInstance, type RLSNotifyLimits } from './rls-notify.js';
export { MIMEPart, splitMultipart, joinMultipart, newBoundary, stripAngles, type MultipartLimits } from './multipart.js';
export { parseMediaType, formatMediaType, type MediaType } from './media-type.js';
