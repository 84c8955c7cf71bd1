/**
 * `sipsimple xcap icon`: the account's status icon (spec/xcap-api.md §2.5), stored
 * with org.openmobilealliance.pres-content: show, set from a GIF, PNG or JPEG file,
 * clear. A server without pres-content is reported, and nothing is queued.
 */
import { readFileSync, statSync } from 'node:fs';
import { Icon } from '../../xcap/index.js';
import { XCAPAccessError, type XCAPAccess } from '../xcap-access.js';
import { UsageError } from '../usage-error.js';
import { argumentsOf, fieldsLine, textArgument, type XCAPSubcommand } from './xcap-subcommand.js';

/** Largest icon file accepted: the document carries it base64-encoded, and servers bound their bodies. */
const MAX_ICON_BYTES = 1024 * 1024;

/** The image type of `data` by its signature; undefined for anything but GIF, PNG and JPEG. */
export function imageTypeOf(data: Buffer): string | undefined {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 6).toString('latin1') === 'GIF87a' || data.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return undefined;
}

function requireSupport(access: XCAPAccess): void {
  if (!access.capabilities.statusIconSupported) {
    throw new XCAPAccessError(`the XCAP server at ${access.xcapRoot} stores no status icons (its xcap-caps list no org.openmobilealliance.pres-content)`);
  }
}

/** `MIME-TYPE<TAB>BYTES<TAB>LOCATION<TAB>DESCRIPTION`. */
function iconLine(icon: Icon): string {
  return fieldsLine([icon.mimeType, String(icon.data.length), icon.location ?? '', icon.description ?? '']);
}

/** `xcap icon`. */
export const iconSubcommand: XCAPSubcommand = {
  name: 'icon',
  summary: 'show, set or clear the status icon (pres-content)',
  actions: {
    show: {
      usage: 'icon show [--json]        MIME-TYPE, BYTES, LOCATION, DESCRIPTION (tab-separated); "none" without one',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'icon show');
        return async (access, output) => {
          requireSupport(access);
          const icon = access.data.statusIcon;
          if (output.json) output.value(icon === undefined ? null : { mimeType: icon.mimeType, bytes: icon.data.length, location: icon.location, description: icon.description });
          else output.line(icon === undefined ? 'none' : iconLine(icon));
        };
      },
    },
    set: {
      usage: 'icon set FILE [--description TEXT]    a GIF, PNG or JPEG image',
      options: ['description'],
      prepare(args, values) {
        const [file] = argumentsOf(args, ['FILE'], 'icon set');
        const description = values.description === undefined ? undefined : textArgument(values.description as string, '--description');
        // Read now, so that a wrong FILE exits 2 before anything starts (an icon is small).
        let data: Buffer;
        try {
          const { size } = statSync(file!);
          if (size > MAX_ICON_BYTES) throw new UsageError(`FILE ${JSON.stringify(file)} has ${size} bytes; a status icon may have ${MAX_ICON_BYTES}`);
          data = readFileSync(file!);
        } catch (error) {
          if (error instanceof UsageError) throw error;
          throw new UsageError(`FILE ${JSON.stringify(file)} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
        const mimeType = imageTypeOf(data);
        if (mimeType === undefined) throw new UsageError(`FILE ${JSON.stringify(file)} is no GIF, PNG or JPEG image`);
        return async (access, output) => {
          requireSupport(access);
          await access.apply((manager) => manager.setStatusIcon(new Icon(data, mimeType, description)));
          const stored = access.data.statusIcon ?? new Icon(data, mimeType, description);
          if (output.json) output.value({ mimeType: stored.mimeType, bytes: stored.data.length, location: stored.location, description: stored.description });
          else output.line(`set icon ${iconLine(stored)}`);
        };
      },
    },
    clear: {
      usage: 'icon clear',
      options: [],
      prepare(args) {
        argumentsOf(args, [], 'icon clear');
        return async (access, output) => {
          requireSupport(access);
          await access.apply((manager) => manager.setStatusIcon(null));
          if (output.json) output.value(null);
          else output.line('cleared icon');
        };
      },
    },
  },
};
