/**
 * Dialog authorization rules (OpenXCAP's `org.openxcap.dialog-rules`
 * application): common-policy rule sets (RFC 4745) whose action decides who
 * may subscribe to the `dialog` event package, as pres-rules' does for
 * presence (RFC 5025 section 3.2.1).
 *
 * The MIME type is common policy's `application/auth-policy+xml`, which
 * `documentClassFor` maps to pres-rules; parse dialog rules with
 * `DialogRules.parse`.
 */
import { XMLElement, defineSchema, enumeration, registerExtension, registerNamespace } from '../xml/index.js';
import { Actions, COMMON_POLICY_NAMESPACE, RuleSet } from './commonpolicy.js';
import { OMA_COMMON_POLICY_NAMESPACE } from './omapolicy.js';

/** Namespace of dialog-rules. */
export const DIALOG_RULES_NAMESPACE = 'http://www.openxcap.org/ns/dialog-rules';
const NS = DIALOG_RULES_NAMESPACE;

/** Values of the dialog-rules `<sub-handling>`, from the least to the most permissive. */
export const DIALOG_SUB_HANDLING_VALUES = ['block', 'confirm', 'polite-block', 'allow'] as const;
/** One dialog-rules sub-handling value. */
export type DialogSubHandlingValue = (typeof DIALOG_SUB_HANDLING_VALUES)[number];

/** `<sub-handling>` of dialog-rules: what to do with a `dialog` subscription. */
export class DialogSubHandling extends XMLElement {
  static readonly schema = defineSchema<DialogSubHandling>({
    namespace: NS, name: 'sub-handling',
    text: { property: 'value', type: enumeration(DIALOG_SUB_HANDLING_VALUES, 'sub-handling'), required: true },
  });
  value: DialogSubHandlingValue;

  constructor(value: DialogSubHandlingValue) {
    super();
    this.value = value;
  }

  override toString(): string {
    return this.value;
  }
}

/** A dialog-rules document: a common-policy {@link RuleSet} with the dialog-rules namespace declared. */
export class DialogRules extends RuleSet {}
registerNamespace(DialogRules, NS, 'dr');
registerNamespace(DialogRules, COMMON_POLICY_NAMESPACE, 'cp');
registerNamespace(DialogRules, OMA_COMMON_POLICY_NAMESPACE, 'ocp');
registerExtension(Actions, DialogSubHandling);
