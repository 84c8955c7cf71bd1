/**
 * XCAP documents for the lab's users and their upload: the pres-rules and rls-services
 * documents the interop tests store on the lab's XCAP server, and a PUT of one with curl
 * (digest auth), outside the SDK.
 */
import { curl } from './curl.js';
import type { Lab, LabUser } from './lab.js';

/** PUTs an XCAP document of `user` (RFC 4825 §7.1) with HTTP digest; throws unless 200 or 201. */
export async function putDocument(lab: Lab, user: LabUser, auid: string, contentType: string, body: string): Promise<void> {
  const response = await curl({
    url: `${lab.xcapRoot}/${auid}/users/${user.aor}/index`,
    method: 'PUT',
    auth: user,
    headers: { 'Content-Type': contentType },
    body,
  });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`PUT of ${user.username}'s ${auid} answered ${response.status}: ${response.body}`);
  }
}

/** pres-rules allowing `watcher` to see the presentity (RFC 5025 §3, common-policy rule of RFC 4745). */
export function presRules(watcher: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy">',
    '  <cr:rule id="allow-watcher">',
    `    <cr:conditions><cr:identity><cr:one id="${watcher}"/></cr:identity></cr:conditions>`,
    '    <cr:actions><sub-handling>allow</sub-handling></cr:actions>',
    '    <cr:transformations/>',
    '  </cr:rule>',
    '</cr:ruleset>',
    '',
  ].join('\n');
}

/** An rls-services document with one presence list service `service` holding `entries` (RFC 4826 §4). */
export function rlsServices(service: string, entries: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">',
    `  <service uri="${service}">`,
    '    <list>',
    ...entries.map((entry) => `      <rl:entry uri="${entry}"/>`),
    '    </list>',
    '    <packages><package>presence</package></packages>',
    '  </service>',
    '</rls-services>',
    '',
  ].join('\n');
}
