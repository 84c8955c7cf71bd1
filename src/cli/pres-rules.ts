/**
 * Allowing and blocking watchers of the account's presence in its pres-rules document
 * (RFC 5025 on common policy, RFC 4745) on the XCAP server: the watcher's `<one id>` is
 * taken out of every rule, then put in the rule `sipsimple-allow` or `sipsimple-block`
 * (created when missing) whose `<sub-handling>` says what to do. An allowing rule
 * provides every service, person and device with all attributes (RFC 5025 §3.3), since
 * a rule that provides nothing shows nothing. The document is written back with
 * `If-Match` on the ETag it was read with (RFC 4825 §7.11): a concurrent change fails
 * cleanly instead of being overwritten.
 */
import { Actions, Conditions, Identity, IdentityOne, Rule, Transformations } from '../payloads/commonpolicy.js';
import {
  PresRules,
  ProvideAllAttributes,
  ProvideDevices,
  ProvidePersons,
  ProvideServices,
  SubHandling,
} from '../payloads/presrules.js';
import { XCAPNotFoundError, type XCAPClient } from '../xcap/index.js';

/** What to do with a watcher's subscriptions. */
export type WatcherDecision = 'allow' | 'block' | 'polite-block';

/** The pres-rules document of the client's user, with the ETag it was read with (none when it did not exist). */
async function readPresRules(client: XCAPClient): Promise<{ rules: PresRules; etag: string | undefined }> {
  try {
    const response = await client.get(client.documentURI('pres-rules'));
    return { rules: PresRules.parse(response.body), etag: response.etag };
  } catch (error) {
    if (error instanceof XCAPNotFoundError) return { rules: new PresRules(), etag: undefined };
    throw error;
  }
}

/** Takes `watcher` out of every rule's identity condition; drops rules that named nobody else. */
function forget(rules: PresRules, watcher: string): void {
  for (const rule of [...rules]) {
    for (const condition of rule.conditions ?? []) {
      if (!(condition instanceof Identity)) continue;
      const ones = condition.filter((item) => item instanceof IdentityOne && item.id === watcher);
      if (ones.length === 0) continue;
      for (const one of ones) condition.remove(one);
      if (condition.length === 0) rules.remove(rule);
    }
  }
}

/** The rule the CLI keeps for `decision`, created with its actions and transformations when missing. */
function ruleFor(rules: PresRules, decision: WatcherDecision): Rule {
  const id = `sipsimple-${decision}`;
  const existing = rules.find((rule) => rule.id === id);
  if (existing !== undefined) return existing;
  const transformations =
    decision === 'allow'
      ? new Transformations([new ProvideServices({ all: true }), new ProvidePersons({ all: true }), new ProvideDevices({ all: true }), new ProvideAllAttributes()])
      : new Transformations();
  const rule = new Rule(id, { conditions: new Conditions([new Identity()]), actions: new Actions([new SubHandling(decision)]), transformations });
  rules.append(rule);
  return rule;
}

/** Writes `decision` for `watcher` (a SIP URI) into the pres-rules document; resolves once the server stored it. */
export async function decideWatcher(client: XCAPClient, watcher: string, decision: WatcherDecision): Promise<void> {
  const { rules, etag } = await readPresRules(client);
  forget(rules, watcher);
  const rule = ruleFor(rules, decision);
  let identity = rule.conditions?.find((condition): condition is Identity => condition instanceof Identity);
  if (identity === undefined) {
    identity = new Identity();
    rule.conditions ??= new Conditions();
    rule.conditions.append(identity);
  }
  identity.append(new IdentityOne(watcher));
  await client.put(client.documentURI('pres-rules'), rules.toXML(), etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag });
}
