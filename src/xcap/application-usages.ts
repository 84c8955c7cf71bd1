/**
 * The MIME type of each application usage's documents (RFC 4825 §5.4 and the
 * usages' own specifications), and of element and attribute bodies (§15.2).
 */

/** MIME type of an element body (RFC 4825 §15.2.1). */
export const XCAP_ELEMENT_CONTENT_TYPE = 'application/xcap-el+xml';
/** MIME type of an attribute value body (RFC 4825 §15.2.2). */
export const XCAP_ATTRIBUTE_CONTENT_TYPE = 'application/xcap-att+xml';
/** MIME type of a namespace-bindings body (RFC 4825 §15.2.3). */
export const XCAP_NAMESPACES_CONTENT_TYPE = 'application/xcap-ns+xml';

const documentTypes = new Map<string, string>([
  ['xcap-caps', 'application/xcap-caps+xml'], // RFC 4825 §12
  ['resource-lists', 'application/resource-lists+xml'], // RFC 4826 §3.4.3
  ['rls-services', 'application/rls-services+xml'], // RFC 4826 §4.4.3
  ['pres-rules', 'application/auth-policy+xml'], // RFC 5025 §9.3
  ['org.openmobilealliance.pres-rules', 'application/auth-policy+xml'], // OMA Presence XDM
  ['pidf-manipulation', 'application/pidf+xml'], // RFC 4827 §5
  ['xcap-directory', 'application/vnd.oma.xcap-directory+xml'],
  ['org.openmobilealliance.xcap-directory', 'application/vnd.oma.xcap-directory+xml'], // OMA XDM
  ['org.openmobilealliance.pres-content', 'application/vnd.oma.pres-content+xml'], // OMA Presence Content XDM
  ['org.openxcap.dialog-rules', 'application/auth-policy+xml'], // OpenXCAP
]);

/** Registers (or replaces) the document MIME type of an application usage. */
export function registerApplicationUsage(auid: string, contentType: string): void {
  documentTypes.set(auid, contentType);
}

/** The document MIME type of an AUID: the registered one, else `application/<auid>+xml`. */
export function documentContentType(auid: string): string {
  return documentTypes.get(auid) ?? `application/${auid}+xml`;
}
