/**
 * What `XCAPManagerDidReloadData` reports about the policy documents
 * (spec/xcap-api.md §2.7: python-sipsimple's `PresenceRules` and `DialogRules`):
 * the default policy and the policies not derived from the addressbook.
 */
import type { XCAPData } from './data.js';
import type { DialoginfoPolicy, PolicyAction, PresencePolicy } from './presence-policy.js';

/** The OMA rule whose action applies to watchers no other rule names (OMA Presence XDM `wp_prs_unlisted`). */
export const DEFAULT_PRESENCE_RULE = 'wp_prs_unlisted';

/** The presence rules as stored. */
export class PresenceRules {
  constructor(
    /** The action for unlisted watchers (`wp_prs_unlisted`), if the document has that rule. */
    readonly defaultPolicy: PolicyAction | undefined,
    readonly policies: readonly PresencePolicy[],
  ) {}

  /** The summary of a model. */
  static fromData(data: XCAPData): PresenceRules {
    return new PresenceRules(data.presencePolicies.find((policy) => policy.id === DEFAULT_PRESENCE_RULE)?.action, [...data.presencePolicies]);
  }
}

/** The dialog rules as stored; dialog-rules have no standard default rule. */
export class DialogRules {
  constructor(readonly policies: readonly DialoginfoPolicy[]) {}

  /** The summary of a model. */
  static fromData(data: XCAPData): DialogRules {
    return new DialogRules([...data.dialoginfoPolicies]);
  }
}
