/**
 * The open stream connections of a transport manager, found by flow id, by the destination
 * they were opened for, and by remote address (RFC 3261 §18.1.1 / §18.2.2 reuse).
 */
import type { Connection } from './connection.js';
import { destinationKey, isSecureProtocol, remoteKey } from './endpoint.js';
import type { Destination } from './types.js';

/** Open connections and connection attempts in progress. */
export class ConnectionPool {
  private readonly byId = new Map<string, Connection>();
  private readonly byDestination = new Map<string, Connection>();
  private readonly byRemote = new Map<string, Connection>();
  private readonly destinationOf = new Map<Connection, string>();
  private readonly pending = new Map<string, Promise<Connection>>();

  /** Every open connection. */
  all(): Connection[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  /** Registers an open connection; `destination` is given for outbound ones. */
  add(connection: Connection, destination?: Destination): void {
    this.byId.set(connection.flow.id, connection);
    this.byRemote.set(remoteKey(connection.flow.protocol, connection.flow.remote), connection);
    if (destination) {
      const key = destinationKey(destination);
      this.byDestination.set(key, connection);
      this.destinationOf.set(connection, key);
    }
  }

  /** Forgets a closed connection. */
  remove(connection: Connection): void {
    this.byId.delete(connection.flow.id);
    const remote = remoteKey(connection.flow.protocol, connection.flow.remote);
    if (this.byRemote.get(remote) === connection) this.byRemote.delete(remote);
    const key = this.destinationOf.get(connection);
    if (key !== undefined) {
      if (this.byDestination.get(key) === connection) this.byDestination.delete(key);
      this.destinationOf.delete(connection);
    }
  }

  /** The open connection of a flow id. */
  get(flowId: string): Connection | undefined {
    const connection = this.byId.get(flowId);
    return connection && !connection.isClosed ? connection : undefined;
  }

  /**
   * An open connection that can carry a message to `destination`: one opened for it, or,
   * for unsecured protocols, any connection (inbound too) with that remote address. A TLS
   * connection accepted from a peer is not reused for a destination by name, since the
   * peer's identity as that name was never verified (RFC 5923 §5).
   */
  find(destination: Destination): Connection | undefined {
    const opened = this.byDestination.get(destinationKey(destination));
    if (opened && !opened.isClosed) return opened;
    if (isSecureProtocol(destination.protocol)) return undefined;
    const byRemote = this.byRemote.get(remoteKey(destination.protocol, destination));
    return byRemote && !byRemote.isClosed ? byRemote : undefined;
  }

  /** The connection attempt in progress to `destination`, so that concurrent sends share it. */
  pendingFor(destination: Destination): Promise<Connection> | undefined {
    return this.pending.get(destinationKey(destination));
  }

  /** Records a connection attempt until it settles. */
  trackPending(destination: Destination, attempt: Promise<Connection>): void {
    const key = destinationKey(destination);
    this.pending.set(key, attempt);
    const clear = (): void => {
      if (this.pending.get(key) === attempt) this.pending.delete(key);
    };
    attempt.then(clear, clear);
  }
}
