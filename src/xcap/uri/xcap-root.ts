/**
 * The XCAP root (RFC 4825 §6.1): an absolute http or https URI without query
 * or fragment under which every XCAP document lives.
 */
import { XCAPURIError } from '../errors.js';

/** A checked XCAP root: the text without trailing "/", and its parts. */
export interface XCAPRoot {
  /** The root as given, without trailing slashes, e.g. `https://xcap.example.com/xcap-root`. */
  readonly text: string;
  /** `http:` or `https:`. */
  readonly protocol: 'http:' | 'https:';
  /** Host name or address, without IPv6 brackets. */
  readonly hostname: string;
  /** Port (the scheme's default when the root names none). */
  readonly port: number;
  /** The root's path as written, without trailing "/" (`''` for a root at the server's top). */
  readonly path: string;
}

/** Checks and splits an XCAP root; throws {@link XCAPURIError} when it is not one. */
export function parseXCAPRoot(root: string): XCAPRoot {
  const text = root.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new XCAPURIError('XCAP root: not an absolute URI', root);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new XCAPURIError(`XCAP root: scheme ${url.protocol.slice(0, -1)} is neither http nor https`, root);
  }
  if (text.includes('?') || text.includes('#')) throw new XCAPURIError('XCAP root: must have no query or fragment (RFC 4825 §6.1)', root);
  if (url.username !== '' || url.password !== '') throw new XCAPURIError('XCAP root: credentials do not belong in the URI', root);
  const afterScheme = text.indexOf('//') + 2;
  const slash = text.indexOf('/', afterScheme);
  const path = slash < 0 ? '' : text.slice(slash);
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { text, protocol: url.protocol, hostname, port, path };
}
