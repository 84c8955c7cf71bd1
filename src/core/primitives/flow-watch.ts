/**
 * Who waits for which connection to close: one `flow-closed` listener per transport
 * manager, however many registrations watch their flows (RFC 5626 §4.4.1: a client
 * registers again when its flow fails). Ten thousand registrations add one listener.
 */
import type { Flow } from '../transport/index.js';

/** The flow events of a transport manager. */
export interface FlowEvents {
  on(event: 'flow-closed', listener: (flow: Flow) => void): unknown;
  off(event: 'flow-closed', listener: (flow: Flow) => void): unknown;
}

interface Watch {
  listener: (flow: Flow) => void;
  callbacks: Map<string, Set<(flow: Flow) => void>>;
}

const watches = new WeakMap<FlowEvents, Watch>();

/** Calls `callback` once when the flow `flowId` of `events` closes; returns a function that stops watching. */
export function watchFlow(events: FlowEvents, flowId: string, callback: (flow: Flow) => void): () => void {
  let watch = watches.get(events);
  if (watch === undefined) {
    const callbacks = new Map<string, Set<(flow: Flow) => void>>();
    const listener = (flow: Flow): void => {
      const waiting = callbacks.get(flow.id);
      if (waiting === undefined) return;
      callbacks.delete(flow.id);
      for (const each of waiting) each(flow);
      if (callbacks.size === 0) {
        events.off('flow-closed', listener);
        watches.delete(events);
      }
    };
    watch = { listener, callbacks };
    watches.set(events, watch);
    events.on('flow-closed', listener);
  }
  const current = watch;
  let set = current.callbacks.get(flowId);
  if (set === undefined) {
    set = new Set();
    current.callbacks.set(flowId, set);
  }
  set.add(callback);
  return () => {
    const waiting = current.callbacks.get(flowId);
    if (waiting === undefined || !waiting.delete(callback)) return;
    if (waiting.size === 0) current.callbacks.delete(flowId);
    if (current.callbacks.size === 0 && watches.get(events) === current) {
      events.off('flow-closed', current.listener);
      watches.delete(events);
    }
  };
}
