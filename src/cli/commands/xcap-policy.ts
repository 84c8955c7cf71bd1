/**
 * `sipsimple xcap policy`: who may see the account's presence (pres-rules, RFC 5025) or
 * dialog state (dialog-rules), per watcher URI. The policy of a URI lives where the
 * manager keeps it (spec/xcap-api.md §2.1, §2.2, §2.7): on the contact with that URI,
 * else on a per-URI policy of the addressbook (added when needed); the manager derives
 * the rules from them. `polite-block` has no addressbook form: it is a rule naming the
 * URI alone (RFC 4745 `<one id>`, RFC 5025 §3.2.1 sub-handling).
 */
import {
  DialoginfoPolicy, EventHandling, Policy, PresencePolicy,
  type Addressbook, type Contact, type HandlingPolicy, type PolicyAction, type RulePolicy, type XCAPManager,
} from '../../xcap/index.js';
import { choiceOption } from '../option-values.js';
import { XCAPAccessError, type XCAPAccess } from '../xcap-access.js';
import { UsageError } from '../usage-error.js';
import { argumentsOf, fieldsLine, sipURIArgument, type XCAPSubcommand, type XCAPValues } from './xcap-subcommand.js';

/** What `policy set` accepts. */
const SET_ACTIONS = ['allow', 'block', 'polite-block', 'confirm', 'default'] as const;
/** A policy `policy set` gives a URI. */
export type SetAction = (typeof SET_ACTIONS)[number];
/** The event package a policy is for. */
export type Event = 'presence' | 'dialog';

/** Where a URI's policy was found. */
interface FoundPolicy {
  policy: HandlingPolicy | PolicyAction;
  /** `contact ID`, `policy ID`, `rule ID` or `unlisted`/`none`. */
  source: string;
}

function eventOf(values: XCAPValues): Event {
  return choiceOption(values.event, 'event', ['presence', 'dialog'] as const) ?? 'presence';
}

/** Refuses an event the server keeps no rules for (the lab has no dialog-rules, for one). */
export function requireSupport(access: XCAPAccess, event: Event): void {
  const { capabilities } = access;
  const supported = event === 'presence' ? capabilities.presencePoliciesSupported : capabilities.dialoginfoPoliciesSupported;
  if (!supported) {
    const auid = event === 'presence' ? 'pres-rules or org.openmobilealliance.pres-rules' : 'org.openxcap.dialog-rules';
    throw new XCAPAccessError(`the XCAP server at ${access.xcapRoot} keeps no ${event} policies (its xcap-caps list no ${auid})`);
  }
}

/** The rules of `event` not derived from the addressbook. */
function rulesOf(access: XCAPAccess, event: Event): readonly RulePolicy[] {
  return event === 'presence' ? access.data.presenceRules.policies : access.data.dialogRules.policies;
}

/** Rules naming `uri` and nothing else: the form `polite-block` is kept in. */
function singleURIRules(access: XCAPAccess, event: Event, uri: string): RulePolicy[] {
  return rulesOf(access, event).filter((rule) => rule.identities?.length === 1 && rule.identities[0]!.toLowerCase() === uri.toLowerCase() && (rule.multiIdentityConditions?.length ?? 0) === 0);
}

function contactWith(addressbook: Addressbook, uri: string): Contact | undefined {
  return addressbook.contacts.find((contact) => contact.uris.some((entry) => entry.uri.toLowerCase() === uri.toLowerCase()));
}

function perURIPolicy(addressbook: Addressbook, uri: string): Policy | undefined {
  return addressbook.policies.find((policy) => policy.uri.toLowerCase() === uri.toLowerCase());
}

/** The policy `uri` gets for `event`, and where it is kept. */
export function policyOf(access: XCAPAccess, event: Event, uri: string): FoundPolicy {
  const addressbook = access.manager.addressbook;
  const rule = singleURIRules(access, event, uri)[0];
  if (rule !== undefined) return { policy: rule.action, source: `rule ${rule.id ?? ''}`.trim() };
  const contact = contactWith(addressbook, uri);
  if (contact !== undefined && contact[event].policy !== 'default') return { policy: contact[event].policy, source: `contact ${contact.id}` };
  const policy = perURIPolicy(addressbook, uri);
  if (policy !== undefined && policy[event].policy !== 'default') return { policy: policy[event].policy, source: `policy ${policy.id}` };
  const named = rulesOf(access, event).find((candidate) => candidate.identities?.some((identity) => identity.toLowerCase() === uri.toLowerCase()));
  if (named !== undefined) return { policy: named.action, source: `rule ${named.id ?? ''}`.trim() };
  const unlisted = event === 'presence' ? access.data.presenceRules.defaultPolicy : undefined;
  return unlisted === undefined ? { policy: 'default', source: 'none' } : { policy: unlisted, source: 'unlisted' };
}

/** Sets the addressbook handling of `uri` for `event`: on its contact, else on its per-URI policy (made when needed). */
async function setHandling(manager: XCAPManager, addressbook: Addressbook, event: Event, uri: string, policy: HandlingPolicy): Promise<void> {
  const contact = contactWith(addressbook, uri);
  if (contact !== undefined) {
    if (contact[event].policy !== policy) await manager.updateContact(contact, { [event]: new EventHandling(policy, contact[event].subscribe) });
    return;
  }
  const existing = perURIPolicy(addressbook, uri);
  if (existing !== undefined) {
    if (existing[event].policy !== policy) await manager.updatePolicy(existing, { [event]: new EventHandling(policy, existing[event].subscribe) });
    return;
  }
  if (policy !== 'default') await manager.addPolicy(Policy.create(uri, uri, { [event]: new EventHandling(policy) }));
}

/**
 * `policy set` (and subscribe-winfo's decisions): the rule form for polite-block, the
 * addressbook form for the others; the other form is cleared. Resolves once the change
 * is on the server.
 */
export async function setPolicy(access: XCAPAccess, event: Event, uri: string, action: SetAction): Promise<void> {
  const addressbook = access.manager.addressbook;
  const rules = singleURIRules(access, event, uri);
  await access.apply((manager) =>
    manager.transaction(async () => {
      if (action === 'polite-block') {
        await setHandling(manager, addressbook, event, uri, 'default');
        const [kept, ...extra] = rules;
        if (kept === undefined) {
          const options = { identities: [uri], name: uri };
          if (event === 'presence') await manager.addPresencePolicy(PresencePolicy.create('polite-block', options));
          else await manager.addDialoginfoPolicy(DialoginfoPolicy.create('polite-block', options));
        } else if (kept.action !== 'polite-block') {
          if (event === 'presence') await manager.updatePresencePolicy(kept as PresencePolicy, { action: 'polite-block' });
          else await manager.updateDialoginfoPolicy(kept as DialoginfoPolicy, { action: 'polite-block' });
        }
        for (const rule of extra) await removeRule(manager, event, rule);
        return;
      }
      for (const rule of rules) await removeRule(manager, event, rule);
      await setHandling(manager, addressbook, event, uri, action);
    }),
  );
}

function removeRule(manager: XCAPManager, event: Event, rule: RulePolicy): Promise<void> {
  return event === 'presence' ? manager.removePresencePolicy(rule as PresencePolicy) : manager.removeDialoginfoPolicy(rule as DialoginfoPolicy);
}

/** `URI<TAB>EVENT<TAB>POLICY<TAB>SOURCE`. */
function policyLine(uri: string, event: Event, found: FoundPolicy): string {
  return fieldsLine([uri, event, found.policy, found.source]);
}

/** `xcap policy`. */
export const policySubcommand: XCAPSubcommand = {
  name: 'policy',
  summary: 'show and set who may see the account\'s presence (or, with --event dialog, dialog state)',
  actions: {
    show: {
      usage: 'policy show URI [--event presence|dialog] [--json]    URI, EVENT, POLICY and where it is kept (tab-separated)',
      options: ['event'],
      prepare(args, values) {
        const [text] = argumentsOf(args, ['URI'], 'policy show');
        const uri = sipURIArgument(text!, 'URI');
        const event = eventOf(values);
        return async (access, output) => {
          requireSupport(access, event);
          const found = policyOf(access, event, uri);
          if (output.json) output.value({ uri, event, ...found });
          else output.line(policyLine(uri, event, found));
        };
      },
    },
    set: {
      usage: `policy set URI ${SET_ACTIONS.join('|')} [--event presence|dialog]`,
      options: ['event'],
      prepare(args, values) {
        const [text, actionText] = argumentsOf(args, ['URI', 'ACTION'], 'policy set');
        const uri = sipURIArgument(text!, 'URI');
        const action = SET_ACTIONS.find((candidate) => candidate === actionText!.toLowerCase());
        if (action === undefined) throw new UsageError(`ACTION must be one of ${SET_ACTIONS.join(', ')}, got ${JSON.stringify(actionText)}`);
        const event = eventOf(values);
        return async (access, output) => {
          requireSupport(access, event);
          await setPolicy(access, event, uri, action);
          const found = policyOf(access, event, uri);
          if (output.json) output.value({ uri, event, ...found });
          else output.line(`set ${policyLine(uri, event, found)}`);
        };
      },
    },
  },
};
