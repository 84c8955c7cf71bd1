/**
 * The documents the manager keeps, chosen from the server's capabilities
 * (spec/xcap-api.md §1): resource-lists, rls-services, the OMA pres-rules (else
 * IETF pres-rules), dialog-rules, pres-content and pidf-manipulation, each only
 * if the server has it.
 */
import type { DocumentKind } from './document-kind.js';
import { dialogRulesDocument } from './dialog-rules.js';
import { pidfManipulationDocument } from './pidf-manipulation.js';
import { presContentDocument } from './pres-content.js';
import { presRulesDocument } from './pres-rules.js';
import { resourceListsDocument } from './resource-lists.js';
import { rlsServicesDocument } from './rls-services.js';

export type { DocumentKind, DocumentContext } from './document-kind.js';

/** AUID of OMA's presence rules, preferred when the server has it. */
export const OMA_PRES_RULES = 'org.openmobilealliance.pres-rules';
/** AUID of IETF's presence rules (RFC 5025). */
export const IETF_PRES_RULES = 'pres-rules';

/** The document kinds to keep on a server with these AUIDs, in update order (resource-lists first: it holds the addressbook). */
export function selectDocuments(auids: ReadonlySet<string>): DocumentKind[] {
  const kinds: DocumentKind[] = [];
  if (auids.has(resourceListsDocument.auid)) kinds.push(resourceListsDocument);
  if (auids.has(rlsServicesDocument.auid)) kinds.push(rlsServicesDocument);
  if (auids.has(OMA_PRES_RULES)) kinds.push(presRulesDocument(OMA_PRES_RULES));
  else if (auids.has(IETF_PRES_RULES)) kinds.push(presRulesDocument(IETF_PRES_RULES));
  if (auids.has(dialogRulesDocument.auid)) kinds.push(dialogRulesDocument);
  if (auids.has(presContentDocument.auid)) kinds.push(presContentDocument);
  if (auids.has(pidfManipulationDocument.auid)) kinds.push(pidfManipulationDocument);
  return kinds;
}

/** Every AUID the manager can use (what it assumes when a server publishes no xcap-caps). */
export const ALL_AUIDS: readonly string[] = [
  resourceListsDocument.auid, rlsServicesDocument.auid, OMA_PRES_RULES, dialogRulesDocument.auid, presContentDocument.auid, pidfManipulationDocument.auid,
];
