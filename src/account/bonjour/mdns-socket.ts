/**
 * The mDNS socket (RFC 6762 §3, §5): UDP on port 5353 joined to 224.0.0.251, through the
 * `multicast-dns` package. It can be held to one network interface (so that tests and
 * embedders keep the traffic on a loopback or private link) and to another port.
 */
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import makeMDNS from 'multicast-dns';
import { BonjourError } from './errors.js';

/** The mDNS port (RFC 6762 §3). */
export const MDNS_PORT = 5353;

/** The mDNS IPv4 group (RFC 6762 §3). */
export const MDNS_GROUP = '224.0.0.251';

/** The socket as the advertiser and browser use it. */
export type MDNSSocket = makeMDNS.MulticastDNS;

/** Where the mDNS socket sends and listens. */
export interface MDNSSocketOptions {
  /**
   * The network interface, by IPv4 address (`127.0.0.1`) or name (`lo`, `eth0`);
   * all interfaces when absent.
   */
  interface?: string | undefined;
  /** The UDP port; 5353 unless given (another port keeps tests apart from real responders). */
  port?: number | undefined;
}

/**
 * The IPv4 address of an interface given by address or name. Throws
 * {@link BonjourError} `socket` when no interface has that name or an IPv4 address.
 */
export function interfaceAddress(nameOrAddress: string): string {
  if (isIPv4(nameOrAddress)) return nameOrAddress;
  const addresses = networkInterfaces()[nameOrAddress];
  const ipv4 = addresses?.find((address) => address.family === 'IPv4');
  if (ipv4 === undefined) throw new BonjourError('socket', `the network interface ${JSON.stringify(nameOrAddress)} has no IPv4 address`);
  return ipv4.address;
}

/**
 * Opens the mDNS socket and resolves once it is bound. It binds the wildcard address
 * (multicast datagrams are addressed to the group, not to the interface) and joins
 * the group on the chosen interface only. Rejects with {@link BonjourError} `socket`.
 */
export function openMDNSSocket(options: MDNSSocketOptions = {}): Promise<MDNSSocket> {
  let address: string | undefined;
  try {
    address = options.interface === undefined ? undefined : interfaceAddress(options.interface);
  } catch (error) {
    return Promise.reject(error);
  }
  const port = options.port ?? MDNS_PORT;
  return new Promise((resolve, reject) => {
    const socket = makeMDNS({
      port,
      ip: MDNS_GROUP,
      reuseAddr: true,
      loopback: true,
      ...(address === undefined ? {} : { interface: address, bind: '0.0.0.0' }),
    });
    // The group is joined when the socket listens, before 'ready'; a failure there is only a warning.
    let membership: Error | undefined;
    const warned = (error: Error): void => {
      if ((error as NodeJS.ErrnoException).syscall === 'addMembership') membership = error;
    };
    const failed = (error: Error): void => {
      socket.removeListener('ready', ready);
      socket.removeListener('warning', warned);
      socket.destroy();
      reject(new BonjourError('socket', `cannot open the mDNS socket on port ${port}: ${error.message}`, { cause: error }));
    };
    const ready = (): void => {
      socket.removeListener('error', failed);
      socket.removeListener('warning', warned);
      if (membership !== undefined) {
        failed(membership);
        return;
      }
      // Undecodable packets and transient send errors are reported as warnings; they are dropped.
      socket.on('warning', () => undefined);
      socket.on('error', () => undefined);
      resolve(socket);
    };
    socket.on('warning', warned);
    socket.once('error', failed);
    socket.once('ready', ready);
  });
}

/** Closes the socket; resolves once it is closed. */
export function closeMDNSSocket(socket: MDNSSocket): Promise<void> {
  return new Promise((resolve) => socket.destroy(() => resolve()));
}
