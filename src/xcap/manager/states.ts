/**
 * The states of the XCAPManager (spec/xcap-api.md §2.7, middleware spec §43):
 * `stopped` → `initializing` (xcap-caps) → `fetching` (conditional GETs) →
 * `updating` (journal applied, conditional PUTs) → `insync`; `stopping` while
 * the xcap-diff subscription ends.
 */

/** Every state of the manager, in life-cycle order. */
export const XCAP_MANAGER_STATES = ['stopped', 'initializing', 'fetching', 'updating', 'insync', 'stopping'] as const;

/** One state of the manager. */
export type XCAPManagerState = (typeof XCAP_MANAGER_STATES)[number];

/** The transitions the spec allows (`from` → allowed `to`); `stopping` is reachable from every running state. */
const TRANSITIONS: Readonly<Record<XCAPManagerState, readonly XCAPManagerState[]>> = {
  stopped: ['initializing'],
  initializing: ['fetching', 'initializing', 'stopping'],
  fetching: ['insync', 'updating', 'fetching', 'initializing', 'stopping'],
  updating: ['fetching', 'updating', 'insync', 'initializing', 'stopping'],
  insync: ['fetching', 'updating', 'initializing', 'stopping'],
  stopping: ['stopped'],
};

/** Whether the spec's state machine allows going from `from` to `to`. */
export function isTransitionAllowed(from: XCAPManagerState, to: XCAPManagerState): boolean {
  return TRANSITIONS[from].includes(to);
}
