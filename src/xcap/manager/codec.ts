/**
 * JSON forms of the model objects that are not plain data (dates, bytes, XML
 * documents), for the journal in storage. `encode*` and `decode*` round-trip.
 */
import { PIDF } from '../../payloads/pidf.js';
import { XCAPManagerError } from './errors.js';
import { Icon } from './icon.js';
import { OfflineStatus } from './offline-status.js';
import {
  CatchAllCondition, DialoginfoPolicy, DomainCondition, DomainException, PresencePolicy, UserException,
  type MultiIdentityCondition, type PolicyAction, type RulePolicy,
} from './presence-policy.js';

/** A {@link MultiIdentityCondition} as JSON. */
export type ConditionJSON =
  | { kind: 'catch-all'; exceptions: Array<{ kind: 'domain-exception'; domain: string } | { kind: 'user-exception'; uri: string }> }
  | { kind: 'domain'; domain: string; exceptions: Array<{ kind: 'user-exception'; uri: string }> };

/** A presence or dialog-info policy as JSON: its own fields, dates as ISO text. */
export interface RulePolicyJSON {
  id: string;
  action: PolicyAction;
  name?: string | undefined;
  validity?: Array<[string, string]> | undefined;
  sphere?: string | undefined;
  multiIdentityConditions?: ConditionJSON[] | undefined;
  identities?: string[] | undefined;
  /** The presence transformations (`provide*` fields), for presence policies. */
  transformations?: Record<string, unknown>;
}

/** An {@link Icon} as JSON (bytes in base64). */
export interface IconJSON {
  data: string;
  mimeType: string;
  description?: string | undefined;
}

function decodeCondition(json: ConditionJSON): MultiIdentityCondition {
  if (json.kind === 'catch-all') {
    return new CatchAllCondition(json.exceptions.map((item) => (item.kind === 'domain-exception' ? new DomainException(item.domain) : new UserException(item.uri))));
  }
  if (json.kind === 'domain') return new DomainCondition(json.domain, json.exceptions.map((item) => new UserException(item.uri)));
  throw new XCAPManagerError(`unknown identity condition ${JSON.stringify(json)}`);
}

function encodeCondition(condition: MultiIdentityCondition): ConditionJSON {
  if (condition.kind === 'catch-all') {
    return {
      kind: 'catch-all',
      exceptions: condition.exceptions.map((item) => (item.kind === 'domain-exception' ? { kind: item.kind, domain: item.domain } : { kind: item.kind, uri: item.uri })),
    };
  }
  return { kind: 'domain', domain: condition.domain, exceptions: condition.exceptions.map((item) => ({ kind: item.kind, uri: item.uri })) };
}

const TRANSFORMATION_KEYS = [
  'provideDevices', 'providePersons', 'provideServices', 'provideActivities', 'provideClass', 'provideDeviceId', 'provideMood',
  'providePlaceIs', 'providePlaceType', 'providePrivacy', 'provideRelationship', 'provideStatusIcon', 'provideSphere',
  'provideTimeOffset', 'provideUserInput', 'provideUnknownAttributes', 'provideAllAttributes',
] as const;

/** The JSON form of a policy; `id` must be set. */
export function encodePolicy(policy: RulePolicy): RulePolicyJSON {
  if (policy.id === undefined) throw new XCAPManagerError('a policy needs an id before it is journaled');
  const json: RulePolicyJSON = {
    id: policy.id,
    action: policy.action,
    name: policy.name,
    validity: policy.validity?.map(([from, until]) => [from.toISOString(), until.toISOString()]),
    sphere: policy.sphere,
    multiIdentityConditions: policy.multiIdentityConditions?.map(encodeCondition),
    identities: policy.identities === undefined ? undefined : [...policy.identities],
  };
  if (policy instanceof PresencePolicy) {
    json.transformations = Object.fromEntries(TRANSFORMATION_KEYS.map((key) => [key, structuredClone(policy[key])]));
  }
  return json;
}

function assignCommon(policy: RulePolicy, json: RulePolicyJSON): void {
  policy.name = json.name;
  policy.validity = json.validity?.map(([from, until]) => [new Date(from), new Date(until)] as const);
  policy.sphere = json.sphere;
  policy.multiIdentityConditions = json.multiIdentityConditions?.map(decodeCondition);
  policy.identities = json.identities === undefined ? undefined : [...json.identities];
}

/** A presence policy from its JSON form. */
export function decodePresencePolicy(json: RulePolicyJSON): PresencePolicy {
  const policy = new PresencePolicy(json.id, json.action);
  assignCommon(policy, json);
  const target = policy as unknown as Record<string, unknown>;
  for (const key of TRANSFORMATION_KEYS) if (json.transformations && key in json.transformations) target[key] = structuredClone(json.transformations[key]);
  return policy;
}

/** A dialog-info policy from its JSON form. */
export function decodeDialoginfoPolicy(json: RulePolicyJSON): DialoginfoPolicy {
  const policy = new DialoginfoPolicy(json.id, json.action);
  assignCommon(policy, json);
  return policy;
}

/** Applies the JSON form of policy changes (`encodePolicyChanges`) to `policy`. */
export function applyPolicyChanges(policy: RulePolicy, changes: Record<string, unknown>): void {
  const target = policy as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'validity') policy.validity = (value as Array<[string, string]> | undefined)?.map(([from, until]) => [new Date(from), new Date(until)] as const);
    else if (key === 'multiIdentityConditions') policy.multiIdentityConditions = (value as ConditionJSON[] | undefined)?.map(decodeCondition);
    else if (key !== 'id') target[key] = structuredClone(value);
  }
}

/** The JSON form of policy changes: dates as ISO text, conditions as plain data. */
export function encodePolicyChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'validity') json[key] = (value as Array<readonly [Date, Date]> | undefined)?.map(([from, until]) => [from.toISOString(), until.toISOString()]);
    else if (key === 'multiIdentityConditions') json[key] = (value as MultiIdentityCondition[] | undefined)?.map(encodeCondition);
    else if (key !== 'id') json[key] = JSON.parse(JSON.stringify(value ?? null)) ?? undefined;
  }
  return json;
}

/** The JSON form of an icon. */
export function encodeIcon(icon: Icon): IconJSON {
  return { data: icon.data.toString('base64'), mimeType: icon.mimeType, description: icon.description };
}

/** An icon from its JSON form. */
export function decodeIcon(json: IconJSON): Icon {
  return new Icon(Buffer.from(json.data, 'base64'), json.mimeType, json.description);
}

/** The JSON form of an offline status: the PIDF document as XML. */
export function encodeOfflineStatus(status: OfflineStatus): string {
  return status.pidf.toXML();
}

/** An offline status from its XML. */
export function decodeOfflineStatus(xml: string): OfflineStatus {
  return new OfflineStatus(PIDF.parse(xml) as PIDF);
}
