/**
 * `sipsimple xcap capabilities`: what the account's XCAP server supports, as its
 * xcap-caps document (RFC 4825 §12) says and as the XCAPManager read it: the
 * application usages (AUIDs) and which of the manager's features they enable.
 */
import type { XCAPManagerCapabilitiesData } from '../../xcap/index.js';
import { argumentsOf, fieldsLine, type XCAPSubcommand } from './xcap-subcommand.js';

/** Each feature of the manager and whether the server has what it needs. */
function features(capabilities: XCAPManagerCapabilitiesData): Array<[string, boolean]> {
  return [
    ['contacts', capabilities.contactlistSupported],
    ['presence-policies', capabilities.presencePoliciesSupported],
    ['dialog-policies', capabilities.dialoginfoPoliciesSupported],
    ['status-icon', capabilities.statusIconSupported],
    ['offline-status', capabilities.offlineStatusSupported],
  ];
}

/** `xcap capabilities`. */
export const capabilitiesSubcommand: XCAPSubcommand = {
  name: 'capabilities',
  summary: 'show what the XCAP server supports',
  actions: {
    show: {
      usage: 'capabilities [--json]     "xcap-root ROOT", then "auid AUID" per application, then "FEATURE yes|no" (tab-separated)',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'capabilities');
        return async (access, output) => {
          const { capabilities } = access;
          if (output.json) {
            output.value({ xcapRoot: access.xcapRoot, auids: capabilities.auids, features: Object.fromEntries(features(capabilities)) });
            return;
          }
          output.line(fieldsLine(['xcap-root', access.xcapRoot]));
          for (const auid of capabilities.auids) output.line(fieldsLine(['auid', auid]));
          for (const [name, supported] of features(capabilities)) output.line(fieldsLine([name, supported ? 'yes' : 'no']));
        };
      },
    },
  },
};
