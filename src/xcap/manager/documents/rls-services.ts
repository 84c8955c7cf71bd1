/**
 * The `rls-services` document (RFC 4826 §4): two services derived from the
 * addressbook, `sip:<user>+presence@<domain>` (package `presence`) with the URIs
 * of contacts whose presence subscription is wanted, and `sip:<user>+dialog@<domain>`
 * (package `dialog`) likewise; other services are kept as they are.
 */
import { Entry } from '../../../payloads/resourcelists.js';
import { RLSList, RLSServices, Service } from '../../../payloads/rlsservices.js';
import type { XCAPData } from '../data.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';

/** The URI of the manager's RLS service for `event`: `sip:alice+presence@example.com` for `sip:alice@example.com`. */
export function serviceURI(aor: string, event: 'presence' | 'dialog'): string {
  const at = aor.lastIndexOf('@');
  return at < 0 ? `${aor}+${event}` : `${aor.slice(0, at)}+${event}${aor.slice(at)}`;
}

function serviceFor(data: XCAPData, aor: string, event: 'presence' | 'dialog'): Service {
  const seen = new Set<string>();
  const items: Entry[] = [];
  for (const contact of data.contacts) {
    if (!contact[event].subscribe) continue;
    for (const uri of contact.uris) {
      if (seen.has(uri.uri)) continue;
      seen.add(uri.uri);
      items.push(new Entry(uri.uri, contact.name));
    }
  }
  return new Service(serviceURI(aor, event), new RLSList(items), [event]);
}

/** The rls-services document kind. */
export const rlsServicesDocument: DocumentKind = {
  auid: 'rls-services',
  document: 'index',
  usesAddressbook: true,
  extract() {
    // Derived from resource-lists: nothing of the model lives only here.
  },
  render(data, previous, context) {
    const document = previous === undefined ? new RLSServices() : (RLSServices.parse(previous) as RLSServices);
    for (const event of ['presence', 'dialog'] as const) {
      const service = serviceFor(data, context.aor, event);
      const index = document.findIndex((item) => item.uri === service.uri);
      if (index >= 0) document[index] = service;
      else document.push(service);
    }
    return document.toXML(WRITE_OPTIONS);
  },
};
