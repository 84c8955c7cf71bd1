/**
 * OMA common policy extensions (OMA-TS-XDM_Core, "Common Policy
 * extensions"; namespace `urn:oma:xml:xdm:common-policy`): conditions that
 * OMA presence servers understand besides RFC 4745's, plugged into
 * common-policy `<conditions>`.
 */
import { XMLElement, XMLListElement, XMLURI, defineSchema, registerExtension, registerNamespace } from '../xml/index.js';
import { Conditions, RuleSet } from './commonpolicy.js';

/** Namespace of the OMA common policy extensions. */
export const OMA_COMMON_POLICY_NAMESPACE = 'urn:oma:xml:xdm:common-policy';
const NS = OMA_COMMON_POLICY_NAMESPACE;

/** `<other-identity/>`: matches any identity no other rule's identity condition matches. */
export class OtherIdentity extends XMLElement {
  static readonly schema = defineSchema<OtherIdentity>({ namespace: NS, name: 'other-identity' });
}

/** `<anonymous-request/>`: matches requests from anonymous identities. */
export class AnonymousRequest extends XMLElement {
  static readonly schema = defineSchema<AnonymousRequest>({ namespace: NS, name: 'anonymous-request' });
}

/** `<entry anc="..">` of an external list: the XCAP URI of a resource list, kept byte for byte. */
export class ExternalListEntry extends XMLElement {
  static readonly schema = defineSchema<ExternalListEntry>({
    namespace: NS, name: 'entry',
    attributes: { anc: { name: 'anc', type: XMLURI, required: true } },
  });
  anc: string;

  constructor(anc: string) {
    super();
    this.anc = anc;
  }

  override toString(): string {
    return this.anc;
  }
}

/** `<external-list>`: matches identities that are members of the referenced resource lists; `get(anc)` finds an entry. */
export class ExternalList extends XMLListElement<ExternalListEntry> {
  static override itemKey = 'anc';
  static readonly schema = defineSchema<ExternalList>({
    namespace: NS, name: 'external-list', list: true,
    children: [{ kind: 'items', element: ExternalListEntry }],
  });

  /** Builds the list from entries or their URIs. */
  static fromAnchors(anchors: Iterable<string | ExternalListEntry>): ExternalList {
    return new ExternalList([...anchors].map((anc) => (typeof anc === 'string' ? new ExternalListEntry(anc) : anc)));
  }
}

registerExtension(Conditions, OtherIdentity);
registerExtension(Conditions, AnonymousRequest);
registerExtension(Conditions, ExternalList);
registerNamespace(RuleSet, NS, 'ocp');
