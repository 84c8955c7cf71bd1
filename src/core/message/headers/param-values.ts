/**
 * Typed access to header parameters (`generic-param`, RFC 3261 §25.1): a parameter may
 * be absent, present without a value (`;lr`), or present with one (`;tag=a6c85cf`).
 */
import type { Params } from '../../uri/params.js';

/** The value of parameter `name`; `undefined` when it is absent or has no value. */
export function stringParam(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** The value of parameter `name` as a number; `undefined` when it is absent or has no value. */
export function numberParam(params: Params, name: string): number | undefined {
  const value = stringParam(params, name);
  return value === undefined ? undefined : Number(value);
}

/** Sets parameter `name` to `value`, or removes it for `undefined`. */
export function setParam(params: Params, name: string, value: string | number | undefined): void {
  if (value === undefined) params.delete(name);
  else params.set(name, String(value));
}
