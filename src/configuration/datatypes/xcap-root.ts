import { invalid, requireString, type Datatype } from '../datatype.js';

/**
 * Checks an XCAP root (defined in RFC 4825 §4): an absolute `http` or `https` URI with
 * neither query nor fragment. A trailing `/` is removed, as document
 * selectors are appended after one.
 */
function checkXCAPRoot(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return invalid(`${JSON.stringify(text)} is not an absolute URI`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') invalid('an XCAP root must be an http or https URI');
  if (url.search || url.hash) invalid('an XCAP root must have no query and no fragment');
  return url.href.replace(/\/+$/, '');
}

/** The XCAP root of an account's XCAP server, a string. */
export const XCAPRoot: Datatype<string> = {
  name: 'XCAPRoot',
  validate: (value) => checkXCAPRoot(requireString(value, 'an http(s) URI')),
  fromString: (text) => checkXCAPRoot(text),
  toJSON: (value) => value,
  format: (value) => value,
};
