/** Transaction states of RFC 3261 §17 and RFC 6026 §7 ("Accepted"). */

/**
 * A transaction state. Client INVITE: calling, proceeding, accepted, completed, terminated.
 * Client non-INVITE: trying, proceeding, completed, terminated. Server INVITE: proceeding,
 * accepted, completed, confirmed, terminated. Server non-INVITE: trying, proceeding,
 * completed, terminated.
 */
export type TransactionState =
  | 'calling'
  | 'trying'
  | 'proceeding'
  | 'accepted'
  | 'completed'
  | 'confirmed'
  | 'terminated';
