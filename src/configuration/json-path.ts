/** Reading and writing inside a JSON object by dotted setting path (`sip.outboundProxy`). */
import { isJsonObject, type JsonObject, type JsonValue } from '../storage/json.js';

/** The value at `path` in `data`, or `undefined` if any part of the path is missing. */
export function getJsonAt(data: JsonValue | undefined, path: string): JsonValue | undefined {
  let node = data;
  for (const name of path.split('.')) {
    if (!isJsonObject(node) || !Object.hasOwn(node, name)) return undefined;
    node = node[name];
  }
  return node;
}

/** Sets `value` at `path`, replacing non-objects on the way with objects. */
export function setJsonAt(data: JsonObject, path: string, value: JsonValue): void {
  const names = path.split('.');
  let node = data;
  for (const name of names.slice(0, -1)) {
    const child = node[name];
    node = isJsonObject(child) ? child : (node[name] = {});
  }
  node[names[names.length - 1]!] = value;
}

/** Removes the value at `path`, and the objects on the way that are left empty. */
export function deleteJsonAt(data: JsonObject, path: string): void {
  const [name, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    delete data[name];
    return;
  }
  const child = data[name];
  if (!isJsonObject(child)) return;
  deleteJsonAt(child, rest.join('.'));
  if (Object.keys(child).length === 0) delete data[name];
}
