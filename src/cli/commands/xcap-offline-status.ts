/**
 * `sipsimple xcap offline-status`: what watchers see while none of the account's
 * devices is online (spec/xcap-api.md §2.6): a PIDF document (RFC 3863) stored with
 * pidf-manipulation (RFC 4827). Show, set (basic status and note), clear.
 */
import { OfflineStatus } from '../../xcap/index.js';
import { choiceOption } from '../option-values.js';
import { buildPresence, summarizePresence } from '../presence-document.js';
import { XCAPAccessError, type XCAPAccess } from '../xcap-access.js';
import { terminalSafe } from '../terminal-text.js';
import { argumentsOf, textArgument, type XCAPSubcommand } from './xcap-subcommand.js';

function requireSupport(access: XCAPAccess): void {
  if (!access.capabilities.offlineStatusSupported) {
    throw new XCAPAccessError(`the XCAP server at ${access.xcapRoot} stores no offline status (its xcap-caps list no pidf-manipulation)`);
  }
}

/** `xcap offline-status`. */
export const offlineStatusSubcommand: XCAPSubcommand = {
  name: 'offline-status',
  summary: 'show, set or clear the presence shown while no device is online (pidf-manipulation)',
  actions: {
    show: {
      usage: 'offline-status show [--json]   one line: STATUS, note "..." (as subscribe-presence prints it); "none" without one',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'offline-status show');
        return async (access, output) => {
          requireSupport(access);
          const status = access.data.offlineStatus;
          if (output.json) output.value(status === undefined ? null : { pidf: status.pidf.toXML() });
          else output.line(status === undefined ? 'none' : terminalSafe(summarizePresence(status.pidf)));
        };
      },
    },
    set: {
      usage: 'offline-status set --note TEXT [--status open|closed]   (default closed)',
      options: ['note', 'status'],
      prepare(args, values) {
        argumentsOf(args, [], 'offline-status set');
        const note = values.note === undefined ? undefined : textArgument(values.note as string, '--note');
        const status = choiceOption(values.status, 'status', ['open', 'closed'] as const) ?? 'closed';
        return async (access, output) => {
          requireSupport(access);
          const pidf = buildPresence(access.manager.aor, { status, note, activities: [], mood: [] });
          await access.apply((manager) => manager.setOfflineStatus(new OfflineStatus(pidf)));
          const stored = access.data.offlineStatus;
          if (stored === undefined) throw new XCAPAccessError('the server holds no offline status after the change');
          if (output.json) output.value({ pidf: stored.pidf.toXML() });
          else output.line(`set offline status ${terminalSafe(summarizePresence(stored.pidf))}`);
        };
      },
    },
    clear: {
      usage: 'offline-status clear',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'offline-status clear');
        return async (access, output) => {
          requireSupport(access);
          await access.apply((manager) => manager.setOfflineStatus(null));
          if (output.json) output.value(null);
          else output.line('cleared offline status');
        };
      },
    },
  },
};
