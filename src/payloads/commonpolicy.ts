/**
 * Common policy (RFC 4745): the rule sets that authorization policies are
 * written in. A `<ruleset>` holds `<rule>`s; each rule has conditions
 * (identity, sphere, validity and extensions), actions and transformations.
 * Applications (pres-rules, dialog-rules, OMA extensions) register their
 * elements as extensions of {@link Conditions}, {@link Actions} and
 * {@link Transformations}.
 */
import {
  BuilderError, ValidationError, XMLDateTime, XMLElement, XMLListElement, XMLRootListElement, XMLString, XMLURI,
  defineSchema, parseDocument, registerDocument, registerNamespace, serializeDocument,
  type ElementClass, type XMLParseOptions, type XMLWriteOptions,
} from '../xml/index.js';

/** Namespace of common policy (RFC 4745 section 13.2). */
export const COMMON_POLICY_NAMESPACE = 'urn:ietf:params:xml:ns:common-policy';
const NS = COMMON_POLICY_NAMESPACE;

/**
 * An element that knows constraints the schema language of the binding
 * layer does not express (a choice between a flag and a list, pairs in a
 * sequence). {@link RuleSet} asks every such element in its rules, on parse
 * ({@link ValidationError}) and on build ({@link BuilderError}).
 */
export interface SelfChecking {
  /** The reason the element is invalid, or `undefined`. */
  problem(): string | undefined;
}

/**
 * The domain of an identity URI (`sip:alice@example.com;x` → `example.com`,
 * `mailto:bob@example.net`), or `undefined` when it has none.
 */
export function domainOf(identity: string): string | undefined {
  const at = identity.lastIndexOf('@');
  if (at === -1) return undefined;
  const rest = identity.slice(at + 1);
  const end = rest.search(/[;:?>]/);
  const domain = end === -1 ? rest : rest.slice(0, end);
  return domain === '' ? undefined : domain;
}

/** `<one id="..">`: one authenticated identity (RFC 4745 section 7.1.1); the URI is kept byte for byte. */
export class IdentityOne extends XMLElement {
  static readonly schema = defineSchema<IdentityOne>({
    namespace: NS, name: 'one',
    attributes: { id: { name: 'id', type: XMLURI, required: true } },
    children: [{ kind: 'extensions', property: 'extensions' }],
  });
  id: string;
  extensions: object[];

  constructor(id: string) {
    super();
    this.id = id;
    this.extensions = [];
  }

  override toString(): string {
    return this.id;
  }
}

/** `<except id=".."/>` or `<except domain=".."/>` of a `<many>` (RFC 4745 section 7.1.1). */
export class IdentityExcept extends XMLElement implements SelfChecking {
  static readonly schema = defineSchema<IdentityExcept>({
    namespace: NS, name: 'except',
    attributes: { id: { name: 'id', type: XMLURI }, domain: { name: 'domain', type: XMLString } },
  });
  id: string | undefined;
  domain: string | undefined;

  constructor(options: { id: string } | { domain: string }) {
    super();
    this.id = 'id' in options ? options.id : undefined;
    this.domain = 'domain' in options ? options.domain : undefined;
  }

  /** Whether `identity` is excluded by this exception. */
  matches(identity: string): boolean {
    if (this.id !== undefined) return this.id === identity;
    return this.domain !== undefined && domainOf(identity)?.toLowerCase() === this.domain.toLowerCase();
  }

  problem(): string | undefined {
    return (this.id === undefined) === (this.domain === undefined) ? '<except> needs exactly one of id and domain' : undefined;
  }
}

/** `<many domain="..">`: every identity (of a domain), with exceptions (RFC 4745 section 7.1.1). */
export class IdentityMany extends XMLListElement<IdentityExcept | object> {
  static readonly schema = defineSchema<IdentityMany>({
    namespace: NS, name: 'many', list: true,
    attributes: { domain: { name: 'domain', type: XMLString } },
    children: [{ kind: 'items', element: IdentityExcept }, { kind: 'extensions' }],
  });
  declare domain: string | undefined;

  constructor(domain?: string, exceptions: Iterable<IdentityExcept | object> = []) {
    super(exceptions);
    this.domain = domain;
  }

  /** Whether `identity` is in the domain (any domain without one) and not excepted (RFC 4745 section 7.1.1). */
  matches(identity: string): boolean {
    if (this.domain !== undefined && domainOf(identity)?.toLowerCase() !== this.domain.toLowerCase()) return false;
    return !this.some((item) => item instanceof IdentityExcept && item.matches(identity));
  }
}

/** `<identity>`: matches when any of its `<one>`/`<many>` matches (RFC 4745 section 7.1); `get(id)` finds a `<one>`. */
export class Identity extends XMLListElement<IdentityOne | IdentityMany | object> {
  static readonly schema = defineSchema<Identity>({
    namespace: NS, name: 'identity', list: true,
    children: [{ kind: 'items', element: [IdentityOne, IdentityMany] }, { kind: 'extensions' }],
  });

  /** Whether an authenticated `identity` (a URI) matches one of the `<one>`/`<many>` items (RFC 4745 section 7.1). */
  matches(identity: string): boolean {
    return this.some((item) => (item instanceof IdentityOne ? item.id === identity : item instanceof IdentityMany && item.matches(identity)));
  }

  override toString(): string {
    return `Identity([${this.map((item) => (item instanceof IdentityOne ? `IdentityOne('${item.id}')` : String(item))).join(', ')}])`;
  }
}

/** `<sphere value=".."/>`: matches when the presentity is in that sphere (RFC 4745 section 7.2). */
export class Sphere extends XMLElement {
  static readonly schema = defineSchema<Sphere>({
    namespace: NS, name: 'sphere',
    attributes: { value: { name: 'value', type: XMLString, required: true } },
  });
  value: string;

  constructor(value: string) {
    super();
    this.value = value;
  }
}

/** `<from>` of a validity period (RFC 4745 section 7.3). */
export class ValidityFrom extends XMLElement {
  static readonly schema = defineSchema<ValidityFrom>({ namespace: NS, name: 'from', text: { property: 'value', type: XMLDateTime, required: true } });
  value: Date;

  constructor(value: Date) {
    super();
    this.value = value;
  }
}

/** `<until>` of a validity period (RFC 4745 section 7.3). */
export class ValidityUntil extends XMLElement {
  static readonly schema = defineSchema<ValidityUntil>({ namespace: NS, name: 'until', text: { property: 'value', type: XMLDateTime, required: true } });
  value: Date;

  constructor(value: Date) {
    super();
    this.value = value;
  }
}

/**
 * `<validity>`: periods `(from, until)` in which the rule applies (RFC 4745
 * section 7.3), held as the alternating `<from>`/`<until>` items of the
 * schema's sequence; {@link periods} gives them as pairs. python-sipsimple
 * crashes on this element; here it parses, and a broken sequence is reported.
 */
export class Validity extends XMLListElement<ValidityFrom | ValidityUntil> implements SelfChecking {
  static readonly schema = defineSchema<Validity>({
    namespace: NS, name: 'validity', list: true,
    children: [{ kind: 'items', element: [ValidityFrom, ValidityUntil] }],
  });

  constructor(periods: Iterable<readonly [Date, Date]> = []) {
    super();
    for (const [from, until] of periods) this.addPeriod(from, until);
  }

  /** Appends a period. */
  addPeriod(from: Date, until: Date): this {
    this.push(new ValidityFrom(from), new ValidityUntil(until));
    return this;
  }

  /** The periods as `[from, until]` pairs (a trailing unpaired item is left out; see {@link problem}). */
  get periods(): Array<[Date, Date]> {
    const result: Array<[Date, Date]> = [];
    for (let i = 0; i + 1 < this.length; i += 2) result.push([this[i]!.value, this[i + 1]!.value]);
    return result;
  }

  /** Whether `time` falls in one of the periods (RFC 4745 section 7.3: from inclusive, until exclusive). */
  contains(time: Date): boolean {
    const t = time.getTime();
    return this.periods.some(([from, until]) => from.getTime() <= t && t < until.getTime());
  }

  problem(): string | undefined {
    if (this.length === 0) return '<validity> needs at least one <from>/<until> pair';
    for (let i = 0; i < this.length; i++) {
      const expected = i % 2 === 0 ? ValidityFrom : ValidityUntil;
      if (!(this[i] instanceof expected)) return `<validity> item ${i + 1} must be <${expected.schema.name}> (pairs of <from> then <until>)`;
    }
    if (this.length % 2 !== 0) return '<validity> ends with a <from> without its <until>';
    return undefined;
  }
}

/** What `<conditions>` holds: identity, sphere, validity and extension conditions. */
export type Condition = Identity | Sphere | Validity | object;

/** `<conditions>` of a rule (RFC 4745 section 10.1): all must match. Extension conditions (OMA, ...) are items too. */
export class Conditions extends XMLListElement<Condition> {
  static readonly schema = defineSchema<Conditions>({
    namespace: NS, name: 'conditions', list: true,
    children: [{ kind: 'items', element: [Identity, Sphere, Validity] }, { kind: 'extensions' }],
  });
}

/** `<actions>` of a rule (RFC 4745 section 10.2): only extension elements (pres-rules' `<sub-handling>`, ...). */
export class Actions extends XMLListElement<object> {
  static readonly schema = defineSchema<Actions>({ namespace: NS, name: 'actions', list: true, children: [{ kind: 'extensions' }] });
}

/** `<transformations>` of a rule (RFC 4745 section 10.3): only extension elements (pres-rules' `<provide-*>`, ...). */
export class Transformations extends XMLListElement<object> {
  static readonly schema = defineSchema<Transformations>({ namespace: NS, name: 'transformations', list: true, children: [{ kind: 'extensions' }] });
}

/** `<rule id="..">` (RFC 4745 section 10). */
export class Rule extends XMLElement {
  static readonly schema = defineSchema<Rule>({
    namespace: NS, name: 'rule',
    attributes: { id: { name: 'id', type: XMLString, required: true } },
    children: [
      { kind: 'child', property: 'conditions', element: Conditions },
      { kind: 'child', property: 'actions', element: Actions },
      { kind: 'child', property: 'transformations', element: Transformations },
    ],
  });
  id: string;
  conditions: Conditions | undefined;
  actions: Actions | undefined;
  transformations: Transformations | undefined;

  constructor(id: string, parts: { conditions?: Conditions; actions?: Actions; transformations?: Transformations } = {}) {
    super();
    this.id = id;
    this.conditions = parts.conditions;
    this.actions = parts.actions;
    this.transformations = parts.transformations;
  }
}

function isSelfChecking(value: unknown): value is SelfChecking {
  return typeof (value as Partial<SelfChecking> | null)?.problem === 'function';
}

/** Calls `report` for the first {@link SelfChecking} element of the rules (at any depth of list elements) that is invalid. */
function checkRules(rules: Iterable<Rule>, report: (element: string, reason: string) => never): void {
  const visit = (rule: Rule, item: unknown): void => {
    if (isSelfChecking(item)) {
      const reason = item.problem();
      if (reason !== undefined) report((item.constructor as unknown as ElementClass).schema.name, `rule '${rule.id}': ${reason}`);
    }
    if (Array.isArray(item)) for (const inner of item) visit(rule, inner);
  };
  for (const rule of rules) {
    if (!(rule instanceof Rule)) continue;
    for (const part of [rule.conditions, rule.actions, rule.transformations]) for (const item of part ?? []) visit(rule, item);
  }
}

/**
 * `<ruleset>`: the common-policy document (RFC 4745 section 13), an array
 * of rules looked up by id with `get(id)`. Its `parse` and `toXML` also
 * check the constraints of {@link SelfChecking} elements.
 */
export class RuleSet extends XMLRootListElement<Rule> {
  static override readonly contentType: string = 'application/auth-policy+xml';
  static readonly schema = defineSchema<RuleSet>({
    namespace: NS, name: 'ruleset', list: true,
    children: [{ kind: 'items', element: Rule }],
  });

  /** Parses a rule set; throws `ParserError` or `ValidationError` (which names the element and the rule). */
  static override parse<R extends object>(this: ElementClass<R>, data: string | Uint8Array, options?: XMLParseOptions): R {
    const document = parseDocument(this, data, options);
    checkRules(document as unknown as Rule[], (element, reason) => {
      throw new ValidationError(`{${NS}}ruleset: <${element}> in ${reason}`, { element });
    });
    return document;
  }

  /** Serializes the rule set; throws `BuilderError` when an element is invalid. */
  override toXML(options?: XMLWriteOptions): string {
    checkRules(this, (element, reason) => {
      throw new BuilderError(`<${element}> in ${reason}`, element);
    });
    return serializeDocument(this, options);
  }
}
registerNamespace(RuleSet, NS, 'cp');
registerDocument(RuleSet);
