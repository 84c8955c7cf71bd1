/**
 * Common-policy rules (RFC 4745) for pres-rules (RFC 5025) and dialog-rules:
 * policies to `<rule>` elements and back, and the rules derived from the
 * addressbook's handling (`allow`, `block`, `confirm` per URI, as `<one id>`
 * identities, which every presence server, Kamailio's included, enforces).
 */
import {
  Actions, Conditions, Identity, IdentityExcept, IdentityMany, IdentityOne, Rule, RuleSet, Sphere, Transformations, Validity,
} from '../../../payloads/commonpolicy.js';
import { encodePolicy } from '../codec.js';
import type { XCAPData } from '../data.js';
import type { HandlingPolicy } from '../contact.js';
import {
  CatchAllCondition, DomainCondition, DomainException, UserException,
  type MultiIdentityCondition, type PolicyAction, type RulePolicy,
} from '../presence-policy.js';

/** How a rule set spells its action and its transformations. */
export interface RuleDialect<P extends RulePolicy> {
  /** The `<sub-handling>` element of this rule language. */
  action(value: PolicyAction): object;
  /** The action of a rule's `<actions>`, if it has one. */
  readAction(actions: Actions | undefined): PolicyAction | undefined;
  /** The transformations of `policy` (empty for none). */
  transformations(policy: P): object[];
  /** Reads the transformations of a rule into `policy`. */
  readTransformations(transformations: Transformations | undefined, policy: P): void;
  /** A new policy. */
  create(id: string, action: PolicyAction): P;
  /** The derived rule ids for allow, block and confirm. */
  readonly derived: Readonly<Record<Exclude<HandlingPolicy, 'default'>, string>>;
  /** The transformations of the derived `allow` rule. */
  readonly allowTransformations: () => object[];
}

function many(condition: MultiIdentityCondition): IdentityMany {
  if (condition.kind === 'domain') {
    return new IdentityMany(condition.domain, condition.exceptions.map((item) => new IdentityExcept({ id: item.uri })));
  }
  return new IdentityMany(
    undefined,
    condition.exceptions.map((item) =>
      item.kind === 'domain-exception' ? new IdentityExcept({ domain: item.domain }) : new IdentityExcept({ id: item.uri }),
    ),
  );
}

/** The `<rule>` of a policy. */
export function ruleOf<P extends RulePolicy>(policy: P, dialect: RuleDialect<P>): Rule {
  const conditions: object[] = [];
  const identities = [...(policy.identities ?? []).map((uri) => new IdentityOne(uri)), ...(policy.multiIdentityConditions ?? []).map(many)];
  if (identities.length > 0) conditions.push(new Identity(identities));
  if (policy.sphere !== undefined) conditions.push(new Sphere(policy.sphere));
  if (policy.validity !== undefined && policy.validity.length > 0) conditions.push(new Validity(policy.validity));
  const transformations = policy.action === 'allow' ? dialect.transformations(policy) : [];
  return new Rule(policy.id!, {
    conditions: new Conditions(conditions),
    actions: new Actions([dialect.action(policy.action)]),
    transformations: new Transformations(transformations),
  });
}

/** The policy a `<rule>` describes; conditions the model does not know are left out (the rule is then kept verbatim, see `mergeRules`). */
export function policyOf<P extends RulePolicy>(rule: Rule, dialect: RuleDialect<P>): P {
  const policy = dialect.create(rule.id, dialect.readAction(rule.actions) ?? 'block');
  for (const condition of rule.conditions ?? []) {
    if (condition instanceof Identity) {
      for (const item of condition) {
        if (item instanceof IdentityOne) (policy.identities ??= []).push(item.id);
        else if (item instanceof IdentityMany) {
          const exceptions = item.filter((except): except is IdentityExcept => except instanceof IdentityExcept);
          const converted: MultiIdentityCondition =
            item.domain === undefined
              ? new CatchAllCondition(exceptions.map((except) => (except.id !== undefined ? new UserException(except.id) : new DomainException(except.domain!))))
              : new DomainCondition(item.domain, exceptions.filter((except) => except.id !== undefined).map((except) => new UserException(except.id!)));
          (policy.multiIdentityConditions ??= []).push(converted);
        }
      }
    } else if (condition instanceof Sphere) policy.sphere = condition.value;
    else if (condition instanceof Validity) policy.validity = condition.periods;
  }
  dialect.readTransformations(rule.transformations, policy);
  return policy;
}

/** The URIs of the addressbook whose handling of `event` is `policy` (contacts' URIs and per-URI policies). */
export function urisWithPolicy(data: XCAPData, event: 'presence' | 'dialog', policy: HandlingPolicy): string[] {
  const uris = new Set<string>();
  for (const contact of data.contacts) if (contact[event].policy === policy) for (const uri of contact.uris) uris.add(uri.uri);
  for (const item of data.policies) if (item[event].policy === policy) uris.add(item.uri);
  return [...uris];
}

/** The rules derived from the addressbook's handling of `event`: one per action that some URI has. */
export function derivedRules<P extends RulePolicy>(data: XCAPData, event: 'presence' | 'dialog', dialect: RuleDialect<P>): Rule[] {
  const rules: Rule[] = [];
  for (const action of ['allow', 'block', 'confirm'] as const) {
    const uris = urisWithPolicy(data, event, action);
    if (uris.length === 0) continue;
    rules.push(
      new Rule(dialect.derived[action], {
        conditions: new Conditions([new Identity(uris.map((uri) => new IdentityOne(uri)))]),
        actions: new Actions([dialect.action(action)]),
        transformations: new Transformations(action === 'allow' ? dialect.allowTransformations() : []),
      }),
    );
  }
  return rules;
}

/**
 * The rule set for `data`: the derived rules first, then one rule per policy, in
 * model order. A policy whose rule in `previous` describes the same policy keeps
 * that rule verbatim, so parts the model does not represent (OMA external lists,
 * unknown transformations) survive.
 */
export function mergeRules<P extends RulePolicy>(
  document: RuleSet,
  derived: readonly Rule[],
  policies: readonly P[],
  dialect: RuleDialect<P>,
): void {
  const previous = new Map([...document].map((rule) => [rule.id, rule]));
  const rules = [...derived];
  for (const policy of policies) {
    const old = previous.get(policy.id!);
    const fresh = ruleOf(policy, dialect);
    rules.push(old !== undefined && samePolicy(policyOf(old, dialect), policy) ? old : fresh);
  }
  document.splice(0, document.length, ...rules);
}

function samePolicy(a: RulePolicy, b: RulePolicy): boolean {
  return JSON.stringify(encodePolicy(a)) === JSON.stringify(encodePolicy(b));
}
