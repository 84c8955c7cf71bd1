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
import { RuleSet } from './commonpolicy.js';
import { SUB_HANDLING_VALUES, declareSubscriptionRules, subHandlingElement, type SubHandlingValue } from './subhandling.js';

/** Namespace of dialog-rules. */
export const DIALOG_RULES_NAMESPACE = 'http://www.openxcap.org/ns/dialog-rules';
const NS = DIALOG_RULES_NAMESPACE;

/** Values of the dialog-rules `<sub-handling>`, from the least to the most permissive: those of pres-rules. */
export const DIALOG_SUB_HANDLING_VALUES = SUB_HANDLING_VALUES;
/** One dialog-rules sub-handling value. */
export type DialogSubHandlingValue = SubHandlingValue;

/** `<sub-handling>` of dialog-rules: what to do with a `dialog` subscription. */
export class DialogSubHandling extends subHandlingElement(NS) {}

/** A dialog-rules document: a common-policy {@link RuleSet} with the dialog-rules namespace declared. */
export class DialogRules extends RuleSet {}
declareSubscriptionRules(DialogRules, NS, 'dr', DialogSubHandling);
