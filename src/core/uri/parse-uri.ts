/** Dispatch of URI text to the parser of its scheme (RFC 3261 §19.1, RFC 3966). */
import { ParserError } from '../../errors.js';
import { AbsoluteURI } from './absolute-uri.js';
import { SIPURI } from './sip-uri.js';
import { TelURI } from './tel-uri.js';

/** Any URI: SIP/SIPS, tel, or another scheme kept opaque. Tell them apart by `kind`. */
export type URI = SIPURI | TelURI | AbsoluteURI;

/** Parses a URI of any scheme; throws {@link ParserError} on bad syntax. */
export function parseURI(text: string): URI {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new ParserError(`missing scheme in URI "${text}"`, { offset: 0, element: 'URI' });
  // Fast path on the first characters before lower-casing the scheme.
  const c0 = text.charCodeAt(0) | 0x20;
  if (c0 === 0x73 && (colon === 3 || colon === 4)) {
    if ((text.charCodeAt(1) | 0x20) === 0x69 && (text.charCodeAt(2) | 0x20) === 0x70) {
      if (colon === 3 || (text.charCodeAt(3) | 0x20) === 0x73) return SIPURI.parse(text);
    }
  } else if (c0 === 0x74 && colon === 3 && text.slice(0, 3).toLowerCase() === 'tel') {
    return TelURI.parse(text);
  }
  return AbsoluteURI.parse(text);
}

/** Whether `uri` is a SIP or SIPS URI. */
export function isSIPURI(uri: URI): uri is SIPURI {
  return uri.kind === 'sip';
}
