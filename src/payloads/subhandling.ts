/**
 * What the subscription authorization rule sets share: the `<sub-handling>`
 * action of pres-rules (RFC 5025 section 3.2.1), which OpenXCAP's
 * dialog-rules declares again in its own namespace, and the declaration of
 * such a common-policy rule set (RFC 4745) with its namespaces.
 */
import { XMLElement, defineSchema, enumeration, registerExtension, registerNamespace, type ElementClass, type ElementSchema } from '../xml/index.js';
import { Actions, COMMON_POLICY_NAMESPACE } from './commonpolicy.js';
import { OMA_COMMON_POLICY_NAMESPACE } from './omapolicy.js';

/** Values of `<sub-handling>` (RFC 5025 section 3.2.1), from the least to the most permissive. */
export const SUB_HANDLING_VALUES = ['block', 'confirm', 'polite-block', 'allow'] as const;
/** One `<sub-handling>` value. */
export type SubHandlingValue = (typeof SUB_HANDLING_VALUES)[number];

/** The class {@link subHandlingElement} returns: `new (value)`, with its static schema. */
export interface SubHandlingElementClass {
  new (value: SubHandlingValue): XMLElement & { value: SubHandlingValue };
  readonly prototype: XMLElement & { value: SubHandlingValue };
  readonly schema: ElementSchema;
}

/** A base class for `<sub-handling>` in `namespace`: what to do with a subscription (RFC 5025 section 3.2.1). */
export function subHandlingElement(namespace: string): SubHandlingElementClass {
  class SubHandlingElement extends XMLElement {
    static readonly schema = defineSchema<SubHandlingElement>({
      namespace, name: 'sub-handling',
      text: { property: 'value', type: enumeration(SUB_HANDLING_VALUES, 'sub-handling'), required: true },
    });
    value: SubHandlingValue;

    constructor(value: SubHandlingValue) {
      super();
      this.value = value;
    }

    override toString(): string {
      return this.value;
    }
  }
  return SubHandlingElement;
}

/**
 * Declares a subscription authorization rule set: `ruleSet` writes its own
 * namespace with `prefix`, common policy's with `cp` and OMA's with `ocp`,
 * and common policy's `<actions>` accepts `subHandling` (RFC 4745 section 10.2).
 */
export function declareSubscriptionRules(ruleSet: ElementClass, namespace: string, prefix: string, subHandling: ElementClass): void {
  registerNamespace(ruleSet, namespace, prefix);
  registerNamespace(ruleSet, COMMON_POLICY_NAMESPACE, 'cp');
  registerNamespace(ruleSet, OMA_COMMON_POLICY_NAMESPACE, 'ocp');
  registerExtension(Actions, subHandling);
}
