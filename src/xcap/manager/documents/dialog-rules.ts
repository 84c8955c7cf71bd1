/**
 * The dialog rules document (`org.openxcap.dialog-rules`): who may subscribe to
 * the user's `dialog` event (RFC 4235). Rules derived from the addressbook
 * (`sipsimple_dialog_allow`, `_block`, `_confirm`) and one per {@link DialoginfoPolicy}.
 */
import type { Actions } from '../../../payloads/commonpolicy.js';
import { DialogRules, DialogSubHandling } from '../../../payloads/dialogrules.js';
import { DialoginfoPolicy, type PolicyAction } from '../presence-policy.js';
import { WRITE_OPTIONS, type DocumentKind } from './document-kind.js';
import { derivedRules, mergeRules, policyOf, type RuleDialect } from './rules.js';

/** How dialog-rules spell actions; they have no transformations. */
export const dialogDialect: RuleDialect<DialoginfoPolicy> = {
  action: (value) => new DialogSubHandling(value),
  readAction: (actions: Actions | undefined) =>
    actions?.find((item): item is DialogSubHandling => item instanceof DialogSubHandling)?.value as PolicyAction | undefined,
  transformations: () => [],
  readTransformations: () => undefined,
  create: (id, action) => new DialoginfoPolicy(id, action),
  derived: { allow: 'sipsimple_dialog_allow', block: 'sipsimple_dialog_block', confirm: 'sipsimple_dialog_confirm' },
  allowTransformations: () => [],
};

const derivedIds = new Set(Object.values(dialogDialect.derived));

/** The dialog-rules document kind. */
export const dialogRulesDocument: DocumentKind = {
  auid: 'org.openxcap.dialog-rules',
  document: 'index',
  usesAddressbook: true,
  extract(body, data) {
    const document = DialogRules.parse(body) as DialogRules;
    data.dialoginfoPolicies = document.filter((rule) => !derivedIds.has(rule.id)).map((rule) => policyOf(rule, dialogDialect));
  },
  render(data, previous) {
    const document = previous === undefined ? new DialogRules() : (DialogRules.parse(previous) as DialogRules);
    mergeRules(document, derivedRules(data, 'dialog', dialogDialect), data.dialoginfoPolicies, dialogDialect);
    return document.toXML(WRITE_OPTIONS);
  },
};
