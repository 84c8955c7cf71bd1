import { NotificationCenter } from '../notification/index.js';
import type { GlobalOptions } from './command.js';
import '../core/engine/notifications.js';

/** Turns on the tracing that the global options ask for; returns a function that turns it off. */
export function startTracing(global: GlobalOptions, center = NotificationCenter.default, out = process.stderr): () => void {
  const removers: Array<() => void> = [];
  if (global.traceSip) {
    removers.push(
      center.addObserver<'SIPEngineSIPTrace'>((n) => {
        const d = n.data;
        const path = `${d.sourceIP}:${d.sourcePort} -> ${d.destinationIP}:${d.destinationPort}`;
        out.write(`\n${d.timestamp.toISOString()} ${d.received ? 'RECEIVED' : 'SENT'} ${d.transport.toUpperCase()} ${path} (${Buffer.byteLength(d.data)} bytes)\n${d.data}\n`);
      }, { name: 'SIPEngineSIPTrace' }),
    );
  }
  if (global.traceNotifications) {
    removers.push(
      center.addObserver((n) => {
        if (n.name === 'SIPEngineSIPTrace') return;
        const { timestamp, ...data } = n.data as { timestamp: Date };
        out.write(`${timestamp.toISOString()} ${String(n.name)} ${JSON.stringify(data, replacer)}\n`);
      }),
    );
  }
  return () => removers.forEach((remove) => remove());
}

/** Keys whose values are never printed (a settings change of `auth.password` carries the old and new password). */
const SECRET_KEY = /password|secret/i;

// Notification data may hold objects with cycles (engines, transactions): print only plain values.
function replacer(this: unknown, key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return '(hidden)';
  if (key === '' || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype) return value;
  return typeof (value as { toString(): string }).toString === 'function' ? String(value) : undefined;
}
