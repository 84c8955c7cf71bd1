/**
 * The presence rules document (RFC 5025; OMA's `org.openmobilealliance.pres-rules`
 * or IETF's `pres-rules`, picked from the server's capabilities): the rules
 * derived from the addressbook (`wp_prs_grantedcontacts` for `allow`,
 * `wp_prs_blockedcontacts` for `block`, `sipsimple_presence_confirm` for
 * `confirm`) and one rule per {@link PresencePolicy}.
 */
import {
  Class, DeviceID, OccurrenceID, PresRules, ProvideActivities, ProvideAllAttributes, ProvideClass,
  ProvideDeviceID, ProvideDevices, ProvideMood, ProvidePersons, ProvidePlaceIs, ProvidePlaceType, ProvidePrivacy, ProvideRelationship,
  ProvideServices, ProvideSphere, ProvideStatusIcon, ProvideTimeOffset, ProvideUserInput, ServiceURI, ServiceURIScheme, SubHandling,
} from '../../../payloads/presrules.js';
import { Actions, Transformations } from '../../../payloads/commonpolicy.js';
import { All, PresencePolicy, type PolicyAction, type ProvideSelection, type ProvideSelector } from '../presence-policy.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';
import { derivedRules, mergeRules, policyOf, type RuleDialect } from './rules.js';

const SELECTOR_CLASSES = {
  class: Class,
  'occurrence-id': OccurrenceID,
  'device-id': DeviceID,
  'service-uri': ServiceURI,
  'service-uri-scheme': ServiceURIScheme,
} as const;

const BOOLEAN_TRANSFORMATIONS = [
  ['provideActivities', ProvideActivities], ['provideClass', ProvideClass], ['provideDeviceId', ProvideDeviceID],
  ['provideMood', ProvideMood], ['providePlaceIs', ProvidePlaceIs], ['providePlaceType', ProvidePlaceType],
  ['providePrivacy', ProvidePrivacy], ['provideRelationship', ProvideRelationship], ['provideStatusIcon', ProvideStatusIcon],
  ['provideSphere', ProvideSphere], ['provideTimeOffset', ProvideTimeOffset],
] as const;

type SelectedClass = typeof ProvideDevices | typeof ProvidePersons | typeof ProvideServices;

function selection(element: ProvideDevices | ProvidePersons | ProvideServices | undefined): ProvideSelection {
  if (element === undefined || element.all) return All;
  const selectors: ProvideSelector[] = [];
  for (const item of element) {
    for (const [kind, type] of Object.entries(SELECTOR_CLASSES)) {
      if (item instanceof type) selectors.push({ kind: kind as ProvideSelector['kind'], value: String((item as { value: unknown }).value) });
    }
  }
  return selectors;
}

function selectionElement(type: SelectedClass, value: ProvideSelection): object {
  if (value === All) return new type({ all: true });
  return new type({ provides: value.map((selector) => new SELECTOR_CLASSES[selector.kind](selector.value)) });
}

/** How pres-rules spell actions and transformations. */
export const presenceDialect: RuleDialect<PresencePolicy> = {
  action: (value) => new SubHandling(value),
  readAction: (actions: Actions | undefined) => actions?.find((item): item is SubHandling => item instanceof SubHandling)?.value as PolicyAction | undefined,
  transformations(policy) {
    const items: object[] = [
      selectionElement(ProvideDevices, policy.provideDevices),
      selectionElement(ProvidePersons, policy.providePersons),
      selectionElement(ProvideServices, policy.provideServices),
    ];
    for (const [key, type] of BOOLEAN_TRANSFORMATIONS) if (policy[key] !== undefined) items.push(new type(policy[key]!));
    if (policy.provideUserInput !== undefined) items.push(new ProvideUserInput(policy.provideUserInput));
    if (policy.provideAllAttributes === true) items.push(new ProvideAllAttributes());
    return items;
  },
  readTransformations(transformations: Transformations | undefined, policy) {
    const items = [...(transformations ?? [])];
    const find = <T extends object>(type: abstract new (...args: never[]) => T): T | undefined => items.find((item) => item instanceof type) as T | undefined;
    policy.provideDevices = selection(find(ProvideDevices));
    policy.providePersons = selection(find(ProvidePersons));
    policy.provideServices = selection(find(ProvideServices));
    for (const [key, type] of BOOLEAN_TRANSFORMATIONS) policy[key] = (find(type) as { value: boolean } | undefined)?.value;
    policy.provideUserInput = find(ProvideUserInput)?.value as PresencePolicy['provideUserInput'];
    policy.provideAllAttributes = find(ProvideAllAttributes) !== undefined ? true : undefined;
  },
  create: (id, action) => new PresencePolicy(id, action),
  derived: { allow: 'wp_prs_grantedcontacts', block: 'wp_prs_blockedcontacts', confirm: 'sipsimple_presence_confirm' },
  allowTransformations: () => [
    new ProvideDevices({ all: true }), new ProvidePersons({ all: true }), new ProvideServices({ all: true }), new ProvideAllAttributes(),
  ],
};

/** The presence rules document kind for `auid` (`org.openmobilealliance.pres-rules` or `pres-rules`). */
export function presRulesDocument(auid: string): DocumentKind {
  const derivedIds = new Set(Object.values(presenceDialect.derived));
  return {
    auid,
    document: 'index',
    usesAddressbook: true,
    extract(body, data) {
      const document = PresRules.parse(body) as PresRules;
      data.presencePolicies = document.filter((rule) => !derivedIds.has(rule.id)).map((rule) => policyOf(rule, presenceDialect));
    },
    render(data, previous) {
      const document = previous === undefined ? new PresRules() : (PresRules.parse(previous) as PresRules);
      mergeRules(document, derivedRules(data, 'presence', presenceDialect), data.presencePolicies, presenceDialect);
      return document.toXML(WRITE_OPTIONS);
    },
  };
}
