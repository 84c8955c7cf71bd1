/**
 * MIME media types with parameters (RFC 2045 section 5.1), as the
 * Content-Type of a multipart body and of its parts carries them:
 * `multipart/related;type="application/rlmi+xml";start="<x@y>";boundary=b`.
 */
import { ParserError } from '../../errors.js';

/** A parsed media type: lower-cased `type/subtype` and parameters by lower-cased name. */
export interface MediaType {
  readonly type: string;
  readonly parameters: ReadonlyMap<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses a Content-Type value; throws {@link ParserError} naming the fault. */
export function parseMediaType(value: string): MediaType {
  const fail = (reason: string): never => {
    throw new ParserError(`Content-Type '${value}': ${reason}`, { element: 'Content-Type' });
  };
  let index = value.indexOf(';');
  const full = (index === -1 ? value : value.slice(0, index)).trim();
  const slash = full.indexOf('/');
  if (slash <= 0 || !TOKEN.test(full.slice(0, slash)) || !TOKEN.test(full.slice(slash + 1))) fail('not a type/subtype');
  const parameters = new Map<string, string>();
  while (index !== -1 && index < value.length) {
    let i = index + 1;
    while (value[i] === ' ' || value[i] === '\t') i++;
    if (i >= value.length) break;
    const equals = value.indexOf('=', i);
    if (equals === -1) fail(`parameter without a value at offset ${i}`);
    const name = value.slice(i, equals).trim().toLowerCase();
    if (!TOKEN.test(name)) fail(`invalid parameter name '${name}'`);
    i = equals + 1;
    while (value[i] === ' ' || value[i] === '\t') i++;
    let parameter = '';
    if (value[i] === '"') {
      i++;
      for (;;) {
        if (i >= value.length) fail(`unterminated quoted value of '${name}'`);
        const c = value[i]!;
        if (c === '"') break;
        if (c === '\\') i++;
        parameter += value[i] ?? '';
        i++;
      }
      i++;
      while (value[i] === ' ' || value[i] === '\t') i++;
      if (i < value.length && value[i] !== ';') fail(`text after the quoted value of '${name}'`);
      index = i < value.length ? i : -1;
    } else {
      const end = value.indexOf(';', i);
      parameter = (end === -1 ? value.slice(i) : value.slice(i, end)).trim();
      if (!TOKEN.test(parameter)) fail(`invalid value of '${name}'`);
      index = end;
    }
    parameters.set(name, parameter);
  }
  return { type: full.toLowerCase(), parameters };
}

/** Writes a media type, quoting parameter values that are not tokens. */
export function formatMediaType(type: string, parameters: Iterable<readonly [string, string]> = []): string {
  let text = type;
  for (const [name, value] of parameters) text += `;${name}=${TOKEN.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`}`;
  return text;
}
