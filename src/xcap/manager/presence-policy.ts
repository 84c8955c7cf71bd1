/**
 * Rules of the presence and dialog-info policy documents (middleware spec
 * §34-§40): {@link PresencePolicy} (a pres-rules rule, RFC 5025) and
 * {@link DialoginfoPolicy} (a dialog-rules rule), with the multi-identity
 * conditions of common policy (RFC 4745 §7.1.1): {@link CatchAllCondition},
 * {@link DomainCondition} and their {@link DomainException}/{@link UserException}.
 */
import { generateId } from './contact.js';

/** What a rule does with a matching subscription (RFC 5025 §3.2.1). */
export type PolicyAction = 'allow' | 'confirm' | 'polite-block' | 'block';

/** Excludes every user of a domain from a {@link CatchAllCondition} (RFC 4745 `<except domain>`). */
export class DomainException {
  readonly kind = 'domain-exception';
  constructor(public domain: string) {}
}

/** Excludes one user from a {@link CatchAllCondition} or {@link DomainCondition} (RFC 4745 `<except id>`). */
export class UserException {
  readonly kind = 'user-exception';
  constructor(public uri: string) {}
}

/** Matches any user, with exceptions (RFC 4745 `<many/>` without domain). */
export class CatchAllCondition {
  readonly kind = 'catch-all';
  constructor(public exceptions: Array<DomainException | UserException> = []) {}
}

/** Matches any user of `domain`, with exceptions (RFC 4745 `<many domain>`). */
export class DomainCondition {
  readonly kind = 'domain';
  constructor(
    public domain: string,
    public exceptions: UserException[] = [],
  ) {}
}

/** A multi-identity condition of a policy. */
export type MultiIdentityCondition = CatchAllCondition | DomainCondition;

/** A validity interval [from, until] (RFC 4745 §7.3). */
export type ValidityInterval = readonly [Date, Date];

/** The value of `provide*` transformations that provide everything (python-sipsimple's `sipsimple.util.All`). */
export const All = 'all' as const;

/** One selector of `provide-devices`/`-persons`/`-services` (RFC 5025 §3.3.1). */
export interface ProvideSelector {
  kind: 'class' | 'occurrence-id' | 'device-id' | 'service-uri' | 'service-uri-scheme';
  value: string;
}

/** What `provide-devices`, `provide-persons` or `provide-services` provide: all, or the selected ones. */
export type ProvideSelection = typeof All | ProvideSelector[];

/** Attributes common to presence and dialog-info policies (middleware spec §34). */
export interface PolicyOptions {
  name?: string | undefined;
  validity?: ValidityInterval[] | undefined;
  sphere?: string | undefined;
  multiIdentityConditions?: MultiIdentityCondition[] | undefined;
  /** URIs matched one by one (RFC 4745 `<one id>`); how a contact's policy is expressed. */
  identities?: string[] | undefined;
}

/** Base of {@link PresencePolicy} and {@link DialoginfoPolicy} (middleware spec §34). */
export class RulePolicy {
  name: string | undefined;
  validity: ValidityInterval[] | undefined;
  sphere: string | undefined;
  multiIdentityConditions: MultiIdentityCondition[] | undefined;
  identities: string[] | undefined;

  constructor(
    public id: string | undefined,
    public action: PolicyAction,
    options: PolicyOptions = {},
  ) {
    this.name = options.name;
    this.validity = options.validity;
    this.sphere = options.sphere;
    this.multiIdentityConditions = options.multiIdentityConditions;
    this.identities = options.identities;
  }

  /**
   * Whether the policy applies at `timestamp` in `sphere` (middleware spec §34
   * `check_validity`; RFC 4745 §7.2-§7.3): inside one validity interval if any are
   * given, and in the policy's sphere if it names one and a sphere is given.
   */
  checkValidity(timestamp: Date, sphere?: string): boolean {
    if (this.validity !== undefined && !this.validity.some(([from, until]) => from <= timestamp && timestamp <= until)) return false;
    return this.sphere === undefined || sphere === undefined || this.sphere === sphere;
  }
}

/** Boolean transformations of a presence policy (RFC 5025 §3.3). */
export const PRESENCE_BOOLEAN_TRANSFORMATIONS = [
  'provideActivities', 'provideClass', 'provideDeviceId', 'provideMood', 'providePlaceIs', 'providePlaceType',
  'providePrivacy', 'provideRelationship', 'provideStatusIcon', 'provideSphere', 'provideTimeOffset',
  'provideUnknownAttributes', 'provideAllAttributes',
] as const;

/** One pres-rules rule (middleware spec §39, RFC 5025); transformations matter only with action `allow`. */
export class PresencePolicy extends RulePolicy {
  provideDevices: ProvideSelection = All;
  providePersons: ProvideSelection = All;
  provideServices: ProvideSelection = All;
  provideActivities: boolean | undefined = undefined;
  provideClass: boolean | undefined = undefined;
  provideDeviceId: boolean | undefined = undefined;
  provideMood: boolean | undefined = undefined;
  providePlaceIs: boolean | undefined = undefined;
  providePlaceType: boolean | undefined = undefined;
  providePrivacy: boolean | undefined = undefined;
  provideRelationship: boolean | undefined = undefined;
  provideStatusIcon: boolean | undefined = undefined;
  provideSphere: boolean | undefined = undefined;
  provideTimeOffset: boolean | undefined = undefined;
  provideUserInput: 'false' | 'bare' | 'thresholds' | 'full' | undefined = undefined;
  /** Maps to `provide-unknown-attribute` (singular) in the document; kept only as this flag. */
  provideUnknownAttributes: boolean | undefined = undefined;
  provideAllAttributes: boolean | undefined = true;

  /** A policy with a generated id (recommended by the spec). */
  static create(action: PolicyAction, options: PolicyOptions = {}): PresencePolicy {
    return new PresencePolicy(generateId(), action, options);
  }
}

/** One dialog-rules rule (middleware spec §40); the same attributes as {@link RulePolicy}. */
export class DialoginfoPolicy extends RulePolicy {
  /** A policy with a generated id (recommended by the spec). */
  static create(action: PolicyAction, options: PolicyOptions = {}): DialoginfoPolicy {
    return new DialoginfoPolicy(generateId(), action, options);
  }
}

/** The OMA presence rules that contacts are never added to (spec/xcap-api.md §2.7 `add_contact`). */
export const OMA_RESERVED_POLICIES: readonly string[] = ['wp_prs_unlisted', 'wp_prs_allow_unlisted', 'wp_prs_block_anonymous', 'wp_prs_allow_own'];

/** The OMA presence rules that cannot be removed (middleware spec §43 `remove_presence_policy`). */
export const OMA_STANDARD_POLICIES: readonly string[] = [...OMA_RESERVED_POLICIES, 'wp_prs_grantedcontacts', 'wp_prs_blockedcontacts'];

/** The fields `updatePresencePolicy` may change. */
export type PresencePolicyChanges = Partial<Omit<PresencePolicy, 'id' | 'checkValidity'>>;
/** The fields `updateDialoginfoPolicy` may change. */
export type DialoginfoPolicyChanges = Partial<Omit<DialoginfoPolicy, 'id' | 'checkValidity'>>;
