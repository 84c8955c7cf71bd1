/**
 * The settings of {@link Engine.start} (python-sipsimple's Engine options): local
 * addresses, transports and ports, TLS, the user agent string, RFC 3261 timers and
 * size bounds; defaults filled in and every value checked before a socket is opened.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { TimerSettings } from '../transaction/index.js';
import {
  TRANSPORT_PROTOCOLS,
  UDP_MTU_THRESHOLD,
  DEFAULT_MAX_BODY_SIZE,
  type ListenerConfig,
  type TransportManagerOptions,
  type TransportProtocol,
} from '../transport/index.js';
import { EngineError } from './errors.js';

/** TLS settings (RFC 3261 §26.2.1, RFC 5922). */
export interface EngineTLSSettings {
  /** PEM file of the CAs that server certificates are checked against; the system store when absent. */
  caFile?: string;
  /** PEM certificate file: presented to servers that ask, and needed for TLS/WSS listeners. */
  certificateFile?: string;
  /** PEM private key file of {@link certificateFile}. */
  privateKeyFile?: string;
  /** Verify server certificates and names. Default true; turn off only on the user's word. */
  verifyServer?: boolean;
  /** Name to check server certificates against and send in SNI when a route carries none. */
  serverName?: string;
}

/** What {@link Engine.start} is given. Everything is optional. */
export interface EngineSettings {
  /** IPv4 address to listen on; default `0.0.0.0`; `null` turns IPv4 off. */
  ipv4Address?: string | null;
  /** IPv6 address to listen on; default `null` (IPv6 off). */
  ipv6Address?: string | null;
  /** Transports to listen on and use, most preferred first. Default `udp`, `tcp`, `tls`. */
  transports?: TransportProtocol[];
  /** Port per transport; 0 (the default) picks a free one. */
  ports?: Partial<Record<TransportProtocol, number>>;
  tls?: EngineTLSSettings;
  /** User-Agent of requests and Server of responses. */
  userAgent?: string;
  /** RFC 3261 T1, T2, T4 in milliseconds (§17.1.1.1, §A). */
  timers?: Partial<Pick<TimerSettings, 't1' | 't2' | 't4'>>;
  /** Largest body accepted on stream transports, in bytes. Default 1 MiB. */
  maxBodySize?: number;
  /** RFC 3261 §18.1.1: requests larger than this go over TCP instead of UDP. Default 1300. */
  maxDatagramSize?: number;
  /** UDP socket buffer size in bytes (kernel-capped); raise it for high request rates. Default: the system's. */
  udpSocketBufferSize?: number;
  /** Option tags this UA supports: listed in Supported; other Require tags get 420 (RFC 3261 §8.2.2.3). */
  supported?: string[];
  /** Request-URI schemes served; others get 416 (RFC 3261 §8.2.2.1). Default `sip`, `sips`. */
  uriSchemes?: string[];
}

/** The default user agent string. */
export const DEFAULT_USER_AGENT = 'sipsimple-ts/0.1';

/** Settings with defaults applied and TLS files read. */
export interface ResolvedEngineSettings {
  ipv4Address: string | null;
  ipv6Address: string | null;
  transports: TransportProtocol[];
  ports: Record<TransportProtocol, number>;
  userAgent: string;
  timers: Partial<TimerSettings>;
  maxBodySize: number;
  maxDatagramSize: number;
  supported: string[];
  uriSchemes: string[];
  tlsServerName: string | undefined;
  /** Options of the TransportManager. */
  transport: TransportManagerOptions;
  /** The listeners to bind. */
  listeners: ListenerConfig[];
  /** Transports that are used for sending but have no listener (TLS/WSS without certificate). */
  unlistened: TransportProtocol[];
}

function invalid(message: string): never {
  throw new EngineError('invalid-settings', message);
}

function checkAddress(address: string | null, family: 4 | 6, name: string): void {
  if (address !== null && isIP(address) !== family) invalid(`${name} must be an IPv${family} address, got ${JSON.stringify(address)}`);
}

async function readPem(path: string | undefined, what: string): Promise<Buffer | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path);
  } catch (error) {
    return invalid(`cannot read the TLS ${what} file ${path}: ${(error as Error).message}`);
  }
}

/** Applies the defaults to `settings`, checks them and reads the TLS files; throws {@link EngineError} `invalid-settings`. */
export async function resolveEngineSettings(settings: EngineSettings = {}): Promise<ResolvedEngineSettings> {
  const ipv4Address = settings.ipv4Address === undefined ? '0.0.0.0' : settings.ipv4Address;
  const ipv6Address = settings.ipv6Address ?? null;
  checkAddress(ipv4Address, 4, 'ipv4Address');
  checkAddress(ipv6Address, 6, 'ipv6Address');
  if (ipv4Address === null && ipv6Address === null) invalid('at least one of ipv4Address and ipv6Address is needed');
  const transports = [...new Set(settings.transports ?? (['udp', 'tcp', 'tls'] as TransportProtocol[]))];
  if (transports.length === 0) invalid('the transport list is empty');
  for (const transport of transports) {
    if (!TRANSPORT_PROTOCOLS.includes(transport)) invalid(`unknown transport ${JSON.stringify(transport)}`);
  }
  const ports = {} as Record<TransportProtocol, number>;
  for (const protocol of TRANSPORT_PROTOCOLS) {
    const port = settings.ports?.[protocol] ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) invalid(`the ${protocol} port must be 0 to 65535, got ${port}`);
    ports[protocol] = port;
  }
  for (const [name, value] of [
    ['maxBodySize', settings.maxBodySize],
    ['maxDatagramSize', settings.maxDatagramSize],
    ['udpSocketBufferSize', settings.udpSocketBufferSize],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) invalid(`${name} must be a positive integer, got ${value}`);
  }
  const tls = settings.tls ?? {};
  if ((tls.certificateFile === undefined) !== (tls.privateKeyFile === undefined)) {
    invalid('tls.certificateFile and tls.privateKeyFile go together');
  }
  const [ca, cert, key] = await Promise.all([
    readPem(tls.caFile, 'CA'),
    readPem(tls.certificateFile, 'certificate'),
    readPem(tls.privateKeyFile, 'private key'),
  ]);
  const listeners: ListenerConfig[] = [];
  const unlistened: TransportProtocol[] = [];
  for (const protocol of transports) {
    const secure = protocol === 'tls' || protocol === 'wss';
    if (secure && (cert === undefined || key === undefined)) {
      unlistened.push(protocol);
      continue;
    }
    for (const host of [ipv4Address, ipv6Address]) {
      if (host === null) continue;
      listeners.push({
        protocol,
        host,
        port: ports[protocol],
        ...(secure ? { tls: { cert: cert!, key: key! } } : {}),
        ...(protocol === 'udp' && settings.udpSocketBufferSize !== undefined ? { socketBufferSize: settings.udpSocketBufferSize } : {}),
      });
    }
  }
  const maxBodySize = settings.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  const maxDatagramSize = settings.maxDatagramSize ?? UDP_MTU_THRESHOLD;
  return {
    ipv4Address,
    ipv6Address,
    transports,
    ports,
    userAgent: settings.userAgent ?? DEFAULT_USER_AGENT,
    timers: { ...settings.timers },
    maxBodySize,
    maxDatagramSize,
    supported: [...(settings.supported ?? [])],
    uriSchemes: [...(settings.uriSchemes ?? ['sip', 'sips'])],
    tlsServerName: tls.serverName,
    transport: {
      tls: {
        ...(ca === undefined ? {} : { ca }),
        ...(cert === undefined ? {} : { cert, key: key! }),
        rejectUnauthorized: tls.verifyServer ?? true,
      },
      maxBodySize,
      maxDatagramSize,
    },
    listeners,
    unlistened,
  };
}
